/** Workflows (AWS Step Functions): state machines, executions and their store. */
export { WorkflowsModule } from './workflows.module';
export { WorkflowWorkersModule } from './worker/workflow-workers.module';
export { loadWorkflowsConfig, WORKFLOWS_SETTINGS } from './workflows.config';
export type { WorkflowsOptions } from './workflows.options';
