import { EVENTS_SETTINGS, type EventsOptions, loadEventsConfig } from '@switchyard/events';
import { loadQueuesConfig, QUEUES_SETTINGS, type QueuesOptions } from '@switchyard/queues';
import { FUNCTIONS_SETTINGS, type FunctionsOptions, loadFunctionsConfig } from '@switchyard/functions';
import { loadRuntimeConfig, runtimeSettings, type RuntimeConfig } from '@switchyard/runtime';
import { loadTopicsConfig, TOPICS_SETTINGS, type TopicsOptions } from '@switchyard/topics';
import { loadWorkflowsConfig, WORKFLOWS_SETTINGS, type WorkflowsOptions } from '@switchyard/workflows';

const PORT = 4567;

/** The executor's settings, as `--help` lists them. */
export const EXECUTOR_SETTINGS = [
  ...runtimeSettings({ port: PORT }),
  ...QUEUES_SETTINGS,
  ...TOPICS_SETTINGS,
  ...FUNCTIONS_SETTINGS,
  ...WORKFLOWS_SETTINGS,
  ...EVENTS_SETTINGS,
];

/** The executor's settings: the shared ones plus those of the workers it runs. */
export interface ExecutorConfig extends RuntimeConfig {
  readonly queues: QueuesOptions;
  readonly topics: TopicsOptions;
  readonly functions: FunctionsOptions;
  readonly workflows: WorkflowsOptions;
  readonly events: EventsOptions;
}

/** The executor's configuration, read once at boot; it serves health on PORT (default 4567). */
export function loadExecutorConfig(env: Record<string, string | undefined> = process.env): ExecutorConfig {
  const runtime = loadRuntimeConfig(env, { port: PORT });
  return {
    ...runtime,
    queues: loadQueuesConfig(env, runtime),
    topics: loadTopicsConfig(env, runtime),
    functions: loadFunctionsConfig(env),
    workflows: loadWorkflowsConfig(env, runtime),
    events: loadEventsConfig(env, runtime),
  };
}
