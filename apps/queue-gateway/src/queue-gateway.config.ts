import { loadQueuesConfig, QUEUES_SETTINGS, type QueuesOptions } from '@switchyard/queues';
import { loadRuntimeConfig, runtimeSettings, type RuntimeConfig } from '@switchyard/runtime';

const PORT = 4566;

/** The queue gateway's settings, as `--help` lists them. */
export const QUEUE_GATEWAY_SETTINGS = [...runtimeSettings({ port: PORT }), ...QUEUES_SETTINGS];

/** The queue gateway's settings: the shared ones plus the queue service's. */
export interface QueueGatewayConfig extends RuntimeConfig {
  readonly queues: QueuesOptions;
}

/** The queue gateway's configuration, read once at boot from the environment. */
export function loadQueueGatewayConfig(
  env: Record<string, string | undefined> = process.env,
): QueueGatewayConfig {
  const runtime = loadRuntimeConfig(env, { port: PORT });
  return { ...runtime, queues: loadQueuesConfig(env, runtime) };
}
