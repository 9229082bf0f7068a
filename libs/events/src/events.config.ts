import { ConfigError, intSetting, type RuntimeConfig, type SettingDoc } from '@switchyard/runtime';
import type { EventsOptions } from './events.options';

const DEFAULT_MAX_RULES_PER_BUS = 300;
const KEY_BYTES = 32;

/** The EventBridge service's own settings, as `--help` lists them. */
export const EVENTS_SETTINGS: readonly SettingDoc[] = [
  {
    name: 'SWITCHYARD_CONNECTION_KEY',
    default: 'unset: a key kept in Redis',
    meaning:
      'base64 of 32 bytes: the AES-256-GCM key that seals EventBridge connection secrets (API keys, passwords, OAuth client secrets) in Redis; unset, a key made at first start and kept in Redis beside them, which protects them only from readers of a single key (set one for real secrets)',
  },
  {
    name: 'SWITCHYARD_EVENT_RULE_LIMIT',
    default: `\`${DEFAULT_MAX_RULES_PER_BUS}\``,
    meaning:
      "rules one event bus may have (AWS's default quota); PutRule of a new rule past it answers `LimitExceededException`",
  },
];

/** The connection-sealing key a setting gives, or undefined when it is unset. */
function connectionKey(env: Record<string, string | undefined>): Buffer | undefined {
  const raw = env.SWITCHYARD_CONNECTION_KEY;
  if (raw === undefined || raw === '') return undefined;
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(raw) ? Buffer.from(raw, 'base64') : undefined;
  if (key?.length !== KEY_BYTES)
    throw new ConfigError(
      `SWITCHYARD_CONNECTION_KEY must be ${KEY_BYTES} bytes in base64 (e.g. \`openssl rand -base64 32\`), got ${raw.length} characters`,
    );
  return key;
}

/** The EventBridge service's settings, read once at boot; throws ConfigError on a bad value. */
export function loadEventsConfig(
  env: Record<string, string | undefined>,
  runtime: Pick<RuntimeConfig, 'region'>,
): EventsOptions {
  return {
    region: runtime.region,
    connectionKey: connectionKey(env),
    maxRulesPerBus: intSetting(env, 'SWITCHYARD_EVENT_RULE_LIMIT', DEFAULT_MAX_RULES_PER_BUS, 1, 1_000_000),
  };
}
