import { loadQueuesConfig, type QueuesOptions } from '@switchyard/queues';
import { loadRuntimeConfig, type RuntimeConfig } from '@switchyard/runtime';

/** The all-in-one server's settings: the shared ones plus those of every feature module it mounts. */
export interface ServerConfig extends RuntimeConfig {
  readonly queues: QueuesOptions;
}

/** The all-in-one server's configuration, read once at boot from the environment. */
export function loadServerConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const runtime = loadRuntimeConfig(env, { port: 4566 });
  return { ...runtime, queues: loadQueuesConfig(env, runtime) };
}
