import { loadQueuesConfig, type QueuesOptions } from '@switchyard/queues';
import { loadRuntimeConfig, type RuntimeConfig } from '@switchyard/runtime';

/** The queue gateway's settings: the shared ones plus the queue service's. */
export interface QueueGatewayConfig extends RuntimeConfig {
  readonly queues: QueuesOptions;
}

/** The queue gateway's configuration, read once at boot from the environment. */
export function loadQueueGatewayConfig(
  env: Record<string, string | undefined> = process.env,
): QueueGatewayConfig {
  const runtime = loadRuntimeConfig(env, { port: 4566 });
  return { ...runtime, queues: loadQueuesConfig(env, runtime) };
}
