import { type DynamicModule, Module } from '@nestjs/common';
import { ConnectionsModule, EventBusModule, type EventsOptions } from '@switchyard/events';
import { HttpIntegration } from '../integrations/http.integration';
import { LambdaIntegration } from '../integrations/lambda.integration';
import { NestedExecutions } from '../integrations/nested-executions';
import { QueueAndTopicIntegrations } from '../integrations/queue-and-topic.integrations';
import { SdkIntegrations } from '../integrations/sdk.integration';
import { ExecutionAnnouncements } from '../domain/execution-announcements';
import { MapRuns } from '../domain/map-runs';
import { BucketItems } from '../integrations/bucket-items';
import { QueueItems } from '../integrations/queue-items';
import { MapRunStore } from '../store/map-run.store';
import { type FunctionsOptions, FunctionsModule } from '@switchyard/functions';
import { ExecutionRedrive } from '../domain/execution-redrive';
import { CompiledMachines } from '../domain/compiled-machines';
import { ExecutionUpdates } from '../domain/execution-updates';
import { ExpressRunner } from '../domain/express-runner';
import { RecentExpressStore } from '../store/recent-express.store';
import { TaskPerformer } from '../domain/task-performer';
import { ActivityStore } from '../store/activity.store';
import { ExecutionStore } from '../store/execution.store';
import { StateMachineStore } from '../store/state-machine.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import { ExecutionWorker } from './execution.worker';
import { MachineDeletionWorker } from './machine-deletion.worker';
import { WorkflowMetrics } from '../domain/workflow-metrics';

/** The workflow service's background work (Standard executions), mounted by the executor and the server. */
@Module({})
export class WorkflowWorkersModule {
  static forRoot(options: {
    workflows: WorkflowsOptions;
    functions: FunctionsOptions;
    /** HTTP Tasks authorize their calls with EventBridge connections. */
    events: EventsOptions;
  }): DynamicModule {
    return {
      module: WorkflowWorkersModule,
      imports: [
        FunctionsModule.forRoot(options.functions),
        ConnectionsModule.forRoot(options.events),
        EventBusModule,
      ],
      providers: [
        { provide: WORKFLOWS_OPTIONS, useValue: options.workflows },
        ExecutionStore,
        ActivityStore,
        CompiledMachines,
        TaskPerformer,
        ExecutionRedrive,
        LambdaIntegration,
        HttpIntegration,
        QueueAndTopicIntegrations,
        NestedExecutions,
        SdkIntegrations,
        ExecutionAnnouncements,
        MapRuns,
        BucketItems,
        QueueItems,
        MapRunStore,
        ExpressRunner,
        RecentExpressStore,
        WorkflowMetrics,
        ExecutionWorker,
        StateMachineStore,
        ExecutionUpdates,
        MachineDeletionWorker,
      ],
    };
  }
}
