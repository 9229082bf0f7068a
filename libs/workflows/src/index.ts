/** Workflows (AWS Step Functions): state machines, executions and their store. */
export { WorkflowsModule, RecentExpressModule } from './workflows.module';
export { WorkflowWorkersModule } from './worker/workflow-workers.module';
export { loadWorkflowsConfig, WORKFLOWS_SETTINGS } from './workflows.config';
export type { WorkflowsOptions } from './workflows.options';
// The Express executions that ended recently, with their histories, for the console.
export { RecentExpressExecutions } from './domain/recent-express-executions';
export { RECENT_EXPRESS_RUNS, type ExpressRunSummary } from './store/recent-express.store';
