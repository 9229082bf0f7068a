import { FUNCTIONS_SETTINGS, type FunctionsOptions, loadFunctionsConfig } from '@switchyard/functions';
import { loadRuntimeConfig, runtimeSettings, type RuntimeConfig } from '@switchyard/runtime';
import { loadWorkflowsConfig, WORKFLOWS_SETTINGS, type WorkflowsOptions } from '@switchyard/workflows';

const PORT = 4566;

/** The orchestration gateway's settings, as `--help` lists them. */
export const ORCHESTRATION_GATEWAY_SETTINGS = [
  ...runtimeSettings({ port: PORT }),
  ...FUNCTIONS_SETTINGS,
  ...WORKFLOWS_SETTINGS,
];

/** The orchestration gateway's settings: the shared ones plus the workflow service's. */
export interface OrchestrationGatewayConfig extends RuntimeConfig {
  readonly workflows: WorkflowsOptions;
  /** StartSyncExecution runs Lambda tasks in the gateway. */
  readonly functions: FunctionsOptions;
}

/** The orchestration gateway's configuration, read once at boot from the environment. */
export function loadOrchestrationGatewayConfig(
  env: Record<string, string | undefined> = process.env,
): OrchestrationGatewayConfig {
  const runtime = loadRuntimeConfig(env, { port: PORT });
  return { ...runtime, workflows: loadWorkflowsConfig(env, runtime), functions: loadFunctionsConfig(env) };
}
