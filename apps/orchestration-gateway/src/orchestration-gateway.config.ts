import { EVENTS_SETTINGS, type EventsOptions, loadEventsConfig } from '@switchyard/events';
import { FUNCTIONS_SETTINGS, type FunctionsOptions, loadFunctionsConfig } from '@switchyard/functions';
import { loadQueuesConfig, QUEUES_SETTINGS, type QueuesOptions } from '@switchyard/queues';
import { loadRuntimeConfig, runtimeSettings, type RuntimeConfig } from '@switchyard/runtime';
import { loadTopicsConfig, TOPICS_SETTINGS, type TopicsOptions } from '@switchyard/topics';
import { loadWorkflowsConfig, WORKFLOWS_SETTINGS, type WorkflowsOptions } from '@switchyard/workflows';

const PORT = 4566;

/** The orchestration gateway's settings, as `--help` lists them. */
export const ORCHESTRATION_GATEWAY_SETTINGS = [
  ...runtimeSettings({ port: PORT }),
  ...QUEUES_SETTINGS,
  ...TOPICS_SETTINGS,
  ...FUNCTIONS_SETTINGS,
  ...WORKFLOWS_SETTINGS,
  ...EVENTS_SETTINGS,
];

/** The orchestration gateway's settings: the shared ones, the workflow service's, and what its tasks call. */
export interface OrchestrationGatewayConfig extends RuntimeConfig {
  readonly workflows: WorkflowsOptions;
  /** StartSyncExecution runs Lambda tasks in the gateway. */
  readonly functions: FunctionsOptions;
  /** Express tasks send to queues and publish to topics in-process. */
  readonly queues: QueuesOptions;
  readonly topics: TopicsOptions;
  /** HTTP Tasks authorize their calls with EventBridge connections. */
  readonly events: EventsOptions;
}

/** The orchestration gateway's configuration, read once at boot from the environment. */
export function loadOrchestrationGatewayConfig(
  env: Record<string, string | undefined> = process.env,
): OrchestrationGatewayConfig {
  const runtime = loadRuntimeConfig(env, { port: PORT });
  return {
    ...runtime,
    workflows: loadWorkflowsConfig(env, runtime),
    functions: loadFunctionsConfig(env),
    queues: loadQueuesConfig(env, runtime),
    topics: loadTopicsConfig(env, runtime),
    events: loadEventsConfig(env, runtime),
  };
}
