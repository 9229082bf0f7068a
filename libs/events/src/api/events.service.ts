import { Injectable, type OnModuleInit, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type AwsOperation, AwsRouter, Events } from '@switchyard/aws-wire';
import { mapEventsError } from '../errors/events-errors';
import { CreateConnectionOperation } from './create-connection.operation';
import { DeauthorizeConnectionOperation } from './deauthorize-connection.operation';
import { DeleteConnectionOperation } from './delete-connection.operation';
import { DeleteRuleOperation } from './delete-rule.operation';
import { DescribeConnectionOperation } from './describe-connection.operation';
import { DescribeRuleOperation } from './describe-rule.operation';
import { DisableRuleOperation } from './disable-rule.operation';
import { EnableRuleOperation } from './enable-rule.operation';
import { ListConnectionsOperation } from './list-connections.operation';
import { ListRuleNamesByTargetOperation } from './list-rule-names-by-target.operation';
import { ListRulesOperation } from './list-rules.operation';
import { ListTagsForResourceOperation } from './list-tags-for-resource.operation';
import { ListTargetsByRuleOperation } from './list-targets-by-rule.operation';
import { PutEventsOperation } from './put-events.operation';
import { PutRuleOperation } from './put-rule.operation';
import { PutTargetsOperation } from './put-targets.operation';
import { RemoveTargetsOperation } from './remove-targets.operation';
import { TagResourceOperation } from './tag-resource.operation';
import { TestEventPatternOperation } from './test-event-pattern.operation';
import { UntagResourceOperation } from './untag-resource.operation';
import { UpdateConnectionOperation } from './update-connection.operation';

/** Every EventBridge operation Switchyard serves. */
export const EVENTS_OPERATIONS: Type<AwsOperation>[] = [
  CreateConnectionOperation,
  DeauthorizeConnectionOperation,
  DeleteConnectionOperation,
  DeleteRuleOperation,
  DescribeConnectionOperation,
  DescribeRuleOperation,
  DisableRuleOperation,
  EnableRuleOperation,
  ListConnectionsOperation,
  ListRuleNamesByTargetOperation,
  ListRulesOperation,
  ListTagsForResourceOperation,
  ListTargetsByRuleOperation,
  PutEventsOperation,
  PutRuleOperation,
  PutTargetsOperation,
  RemoveTargetsOperation,
  TagResourceOperation,
  TestEventPatternOperation,
  UntagResourceOperation,
  UpdateConnectionOperation,
];

/** Registers EventBridge with the process's AWS router: AWS JSON 1.1, `AWSEvents.<Op>`. */
@Injectable()
export class EventsService implements OnModuleInit {
  constructor(
    private readonly router: AwsRouter,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    this.router.register({
      ...Events.EVENTS_WIRE,
      operations: EVENTS_OPERATIONS.map((op) => this.moduleRef.get(op)),
      mapError: mapEventsError,
    });
  }
}
