import { type DynamicModule, Module } from '@nestjs/common';
import { ConnectionsModule, type EventsOptions } from '@switchyard/events';
import { HttpIntegration } from './integrations/http.integration';
import { LambdaIntegration } from './integrations/lambda.integration';
import { NestedExecutions } from './integrations/nested-executions';
import { QueueAndTopicIntegrations } from './integrations/queue-and-topic.integrations';
import { SdkIntegrations } from './integrations/sdk.integration';
import { SFN_OPERATIONS, SfnService } from './api/sfn.service';
import { type FunctionsOptions, FunctionsModule } from '@switchyard/functions';
import { LongPollWaiter } from '@switchyard/queues';
import { ExpressRunner } from './domain/express-runner';
import { RecentExpressStore } from './store/recent-express.store';
import { RecentExpressExecutions } from './domain/recent-express-executions';
import { TaskPerformer } from './domain/task-performer';
import { ExecutionRedrive } from './domain/execution-redrive';
import { CompiledMachines } from './domain/compiled-machines';
import { ExecutionUpdates } from './domain/execution-updates';
import { ActivityStore } from './store/activity.store';
import { ResourceTagStore } from './store/resource-tag.store';
import { ExecutionStore } from './store/execution.store';
import { MapRunStore } from './store/map-run.store';
import { StateMachineStore } from './store/state-machine.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from './workflows.options';
import { WorkflowMetrics } from './domain/workflow-metrics';

/** The Step Functions API (AWS JSON 1.0) over the Redis workflow store. Needs CoreModule with its AWS router. */
@Module({})
export class WorkflowsModule {
  static forRoot(options: {
    workflows: WorkflowsOptions;
    functions: FunctionsOptions;
    /** HTTP Tasks authorize their calls with EventBridge connections. */
    events: EventsOptions;
  }): DynamicModule {
    return {
      module: WorkflowsModule,
      imports: [FunctionsModule.forRoot(options.functions), ConnectionsModule.forRoot(options.events)],
      providers: [
        { provide: WORKFLOWS_OPTIONS, useValue: options.workflows },
        StateMachineStore,
        ExecutionStore,
        MapRunStore,
        ActivityStore,
        ResourceTagStore,
        LongPollWaiter,
        ExecutionUpdates,
        CompiledMachines,
        ExecutionRedrive,
        TaskPerformer,
        LambdaIntegration,
        HttpIntegration,
        QueueAndTopicIntegrations,
        NestedExecutions,
        SdkIntegrations,
        ExpressRunner,
        RecentExpressStore,
        WorkflowMetrics,
        ...SFN_OPERATIONS,
        SfnService,
      ],
    };
  }
}

/**
 * The recent Express executions and their histories, for the console. Needs only Redis
 * (CoreModule), so an app that does not serve Step Functions can mount it too.
 */
@Module({
  providers: [RecentExpressStore, RecentExpressExecutions],
  exports: [RecentExpressExecutions],
})
export class RecentExpressModule {}
