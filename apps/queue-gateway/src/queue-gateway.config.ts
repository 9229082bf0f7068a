import { loadRuntimeConfig, type RuntimeConfig } from '@switchyard/runtime';

/** The queue gateway's configuration, read once at boot from the environment. */
export function loadQueueGatewayConfig(env: Record<string, string | undefined> = process.env): RuntimeConfig {
  return loadRuntimeConfig(env, { port: 4566 });
}
