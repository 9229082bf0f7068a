import { loadRuntimeConfig, type RuntimeConfig } from '@switchyard/runtime';

/** The executor's configuration, read once at boot; it serves health on PORT (default 4567). */
export function loadExecutorConfig(env: Record<string, string | undefined> = process.env): RuntimeConfig {
  return loadRuntimeConfig(env, { port: 4567 });
}
