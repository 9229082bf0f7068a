import { Injectable, type OnModuleInit, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type AwsOperation, AwsRouter, Sfn } from '@switchyard/aws-wire';
import { mapSfnError } from '../errors/sfn-errors';
import { CreateActivityOperation } from './create-activity.operation';
import { CreateStateMachineOperation } from './create-state-machine.operation';
import { DeleteActivityOperation } from './delete-activity.operation';
import { DescribeActivityOperation } from './describe-activity.operation';
import { GetActivityTaskOperation } from './get-activity-task.operation';
import { ListActivitiesOperation } from './list-activities.operation';
import { RedriveExecutionOperation } from './redrive-execution.operation';
import { SendTaskFailureOperation } from './send-task-failure.operation';
import { SendTaskHeartbeatOperation } from './send-task-heartbeat.operation';
import { SendTaskSuccessOperation } from './send-task-success.operation';
import { DeleteStateMachineOperation } from './delete-state-machine.operation';
import { DescribeExecutionOperation } from './describe-execution.operation';
import { DescribeStateMachineForExecutionOperation } from './describe-state-machine-for-execution.operation';
import { GetExecutionHistoryOperation } from './get-execution-history.operation';
import { ListExecutionsOperation } from './list-executions.operation';
import { StartExecutionOperation } from './start-execution.operation';
import { StopExecutionOperation } from './stop-execution.operation';
import { DescribeStateMachineOperation } from './describe-state-machine.operation';
import { ListStateMachinesOperation } from './list-state-machines.operation';
import { ListTagsForResourceOperation } from './list-tags-for-resource.operation';
import { StartSyncExecutionOperation } from './start-sync-execution.operation';
import { TagResourceOperation } from './tag-resource.operation';
import { TestStateOperation } from './test-state.operation';
import { DescribeMapRunOperation } from './describe-map-run.operation';
import { ListMapRunsOperation } from './list-map-runs.operation';
import { UpdateMapRunOperation } from './update-map-run.operation';
import { UntagResourceOperation } from './untag-resource.operation';
import { UpdateStateMachineOperation } from './update-state-machine.operation';
import { ValidateStateMachineDefinitionOperation } from './validate-state-machine-definition.operation';
import { CreateStateMachineAliasOperation } from './create-state-machine-alias.operation';
import { DeleteStateMachineAliasOperation } from './delete-state-machine-alias.operation';
import { DeleteStateMachineVersionOperation } from './delete-state-machine-version.operation';
import { DescribeStateMachineAliasOperation } from './describe-state-machine-alias.operation';
import { ListStateMachineAliasesOperation } from './list-state-machine-aliases.operation';
import { ListStateMachineVersionsOperation } from './list-state-machine-versions.operation';
import { PublishStateMachineVersionOperation } from './publish-state-machine-version.operation';
import { UpdateStateMachineAliasOperation } from './update-state-machine-alias.operation';

/** Every Step Functions operation Switchyard serves. */
export const SFN_OPERATIONS: Type<AwsOperation>[] = [
  CreateActivityOperation,
  CreateStateMachineOperation,
  DeleteActivityOperation,
  DescribeActivityOperation,
  GetActivityTaskOperation,
  ListActivitiesOperation,
  RedriveExecutionOperation,
  SendTaskFailureOperation,
  SendTaskHeartbeatOperation,
  SendTaskSuccessOperation,
  DeleteStateMachineOperation,
  DescribeExecutionOperation,
  DescribeStateMachineForExecutionOperation,
  DescribeStateMachineOperation,
  GetExecutionHistoryOperation,
  ListExecutionsOperation,
  ListStateMachinesOperation,
  ListTagsForResourceOperation,
  StartExecutionOperation,
  StartSyncExecutionOperation,
  StopExecutionOperation,
  TagResourceOperation,
  TestStateOperation,
  DescribeMapRunOperation,
  ListMapRunsOperation,
  UpdateMapRunOperation,
  UntagResourceOperation,
  UpdateStateMachineOperation,
  ValidateStateMachineDefinitionOperation,
  PublishStateMachineVersionOperation,
  ListStateMachineVersionsOperation,
  DeleteStateMachineVersionOperation,
  CreateStateMachineAliasOperation,
  DescribeStateMachineAliasOperation,
  UpdateStateMachineAliasOperation,
  DeleteStateMachineAliasOperation,
  ListStateMachineAliasesOperation,
];

/** Registers Step Functions with the process's AWS router: AWS JSON 1.0, `AWSStepFunctions.<Op>`. */
@Injectable()
export class SfnService implements OnModuleInit {
  constructor(
    private readonly router: AwsRouter,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    this.router.register({
      ...Sfn.SFN_WIRE,
      operations: SFN_OPERATIONS.map((op) => this.moduleRef.get(op)),
      mapError: mapSfnError,
    });
  }
}
