import { EVENTS_SETTINGS, type EventsOptions, loadEventsConfig } from '@switchyard/events';
import { loadQueuesConfig, QUEUES_SETTINGS, type QueuesOptions } from '@switchyard/queues';
import { loadTopicsConfig, TOPICS_SETTINGS, type TopicsOptions } from '@switchyard/topics';
import { FUNCTIONS_SETTINGS, type FunctionsOptions, loadFunctionsConfig } from '@switchyard/functions';
import { loadRuntimeConfig, runtimeSettings, type RuntimeConfig } from '@switchyard/runtime';
import { loadWorkflowsConfig, WORKFLOWS_SETTINGS, type WorkflowsOptions } from '@switchyard/workflows';

const PORT = 4566;

/** The all-in-one server's settings, as `--help` lists them. */
export const SERVER_SETTINGS = [
  ...runtimeSettings({ port: PORT }),
  ...QUEUES_SETTINGS,
  ...TOPICS_SETTINGS,
  ...FUNCTIONS_SETTINGS,
  ...WORKFLOWS_SETTINGS,
  ...EVENTS_SETTINGS,
];

/** The all-in-one server's settings: the shared ones plus those of every feature module it mounts. */
export interface ServerConfig extends RuntimeConfig {
  readonly queues: QueuesOptions;
  readonly topics: TopicsOptions;
  readonly functions: FunctionsOptions;
  readonly workflows: WorkflowsOptions;
  readonly events: EventsOptions;
}

/** The all-in-one server's configuration, read once at boot from the environment. */
export function loadServerConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
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
