import { loadRuntimeConfig, type RuntimeConfig } from '@switchyard/runtime';

/** The all-in-one server's configuration, read once at boot from the environment. */
export function loadServerConfig(env: Record<string, string | undefined> = process.env): RuntimeConfig {
  return loadRuntimeConfig(env, { port: 4566 });
}
