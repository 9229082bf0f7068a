import { ConfigError, type SettingDoc } from '@switchyard/runtime';

/** The function registry's settings, as `--help` lists them. */
export const FUNCTIONS_SETTINGS: readonly SettingDoc[] = [
  {
    name: 'SWITCHYARD_LAMBDA_FUNCTIONS',
    default: 'unset: none',
    meaning:
      'the Lambda functions Switchyard can invoke, as `name=http://host:port/path` pairs separated by commas: each is an HTTP endpoint that receives the invocation payload as a JSON POST (SNS `lambda` subscriptions invoke them)',
  },
];

/** Function name → the HTTP endpoint that runs it. */
export interface FunctionsOptions {
  readonly endpoints: ReadonlyMap<string, string>;
}

/** Reads SWITCHYARD_LAMBDA_FUNCTIONS; throws ConfigError on a malformed entry so the process refuses to start. */
export function loadFunctionsConfig(env: Record<string, string | undefined>): FunctionsOptions {
  const endpoints = new Map<string, string>();
  for (const entry of (env.SWITCHYARD_LAMBDA_FUNCTIONS ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const i = entry.indexOf('=');
    const name = entry.slice(0, i);
    const url = entry.slice(i + 1);
    if (
      i <= 0 ||
      !/^[A-Za-z0-9_-]{1,64}$/.test(name) ||
      !/^https?:\/\/[^\s]+$/.test(url) ||
      !URL.canParse(url)
    )
      throw new ConfigError(
        `SWITCHYARD_LAMBDA_FUNCTIONS must be name=http://host:port/path pairs separated by commas, got "${entry}"`,
      );
    endpoints.set(name, url);
  }
  return { endpoints };
}
