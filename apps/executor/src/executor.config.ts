import { loadQueuesConfig, type QueuesOptions } from '@switchyard/queues';
import { loadRuntimeConfig, type RuntimeConfig } from '@switchyard/runtime';

/** The executor's settings: the shared ones plus those of the workers it runs. */
export interface ExecutorConfig extends RuntimeConfig {
  readonly queues: QueuesOptions;
}

/** The executor's configuration, read once at boot; it serves health on PORT (default 4567). */
export function loadExecutorConfig(env: Record<string, string | undefined> = process.env): ExecutorConfig {
  const runtime = loadRuntimeConfig(env, { port: 4567 });
  return { ...runtime, queues: loadQueuesConfig(env, runtime) };
}
