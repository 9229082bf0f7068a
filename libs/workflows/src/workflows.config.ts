import { intSetting, type RuntimeConfig, type SettingDoc } from '@switchyard/runtime';
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
];

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
  };
}
