import { type DynamicModule, Module } from '@nestjs/common';
import { SFN_OPERATIONS, SfnService } from './api/sfn.service';
import { LongPollWaiter } from '@switchyard/queues';
import { CompiledMachines } from './domain/compiled-machines';
import { ExecutionUpdates } from './domain/execution-updates';
import { ActivityStore } from './store/activity.store';
import { ExecutionStore } from './store/execution.store';
import { StateMachineStore } from './store/state-machine.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from './workflows.options';

/** The Step Functions API (AWS JSON 1.0) over the Redis workflow store. Needs CoreModule with its AWS router. */
@Module({})
export class WorkflowsModule {
  static forRoot(options: WorkflowsOptions): DynamicModule {
    return {
      module: WorkflowsModule,
      providers: [
        { provide: WORKFLOWS_OPTIONS, useValue: options },
        StateMachineStore,
        ExecutionStore,
        ActivityStore,
        LongPollWaiter,
        ExecutionUpdates,
        CompiledMachines,
        ...SFN_OPERATIONS,
        SfnService,
      ],
    };
  }
}
