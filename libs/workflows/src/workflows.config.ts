import { ConfigError, intSetting, type RuntimeConfig, type SettingDoc } from '@switchyard/runtime';
import type { WorkflowsOptions } from './workflows.options';

const DEFAULT_MAX_STATE_MACHINES = 10_000;

/** The workflow service's own settings, as `--help` lists them. */
export const WORKFLOWS_SETTINGS: readonly SettingDoc[] = [
  {
    name: 'SWITCHYARD_STATE_MACHINE_LIMIT',
    default: `\`${DEFAULT_MAX_STATE_MACHINES}\``,
    meaning:
      "state machines one account may own (AWS's default quota); CreateStateMachine past it answers `StateMachineLimitExceeded`",
  },
  {
    name: 'SWITCHYARD_BUCKETS',
    default: 'unset: none',
    meaning:
      'where the S3 buckets Distributed Map item readers and result writers name are kept, as `bucket=file:///folder` or `bucket=http://host/path` pairs separated by commas (an object `key` is read from, or written to, `<location>/<key>`)',
  },
];

/** Reads SWITCHYARD_BUCKETS; a malformed entry is a ConfigError, so the process refuses to start. */
function loadBuckets(env: Record<string, string | undefined>): Map<string, string> {
  const buckets = new Map<string, string>();
  for (const entry of (env.SWITCHYARD_BUCKETS ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const i = entry.indexOf('=');
    const name = entry.slice(0, i);
    const location = entry.slice(i + 1).replace(/\/+$/, '');
    if (
      i <= 0 ||
      !/^[a-z0-9][a-z0-9.-]{1,62}$/.test(name) ||
      !/^(file|https?):\/\/\S+$/.test(location) ||
      !URL.canParse(location)
    )
      throw new ConfigError(
        `SWITCHYARD_BUCKETS must be bucket=file:///folder or bucket=http://host/path pairs separated by commas, got "${entry}"`,
      );
    buckets.set(name, location);
  }
  return buckets;
}

/** The workflow service's settings, read once at boot. */
export function loadWorkflowsConfig(
  env: Record<string, string | undefined>,
  runtime: Pick<RuntimeConfig, 'region'>,
): WorkflowsOptions {
  return {
    region: runtime.region,
    maxStateMachinesPerAccount: intSetting(
      env,
      'SWITCHYARD_STATE_MACHINE_LIMIT',
      DEFAULT_MAX_STATE_MACHINES,
      1,
      Number.MAX_SAFE_INTEGER,
    ),
    buckets: loadBuckets(env),
  };
}
