import { type DynamicModule, Module } from '@nestjs/common';
import { EVENTS_OPTIONS, type EventsOptions } from '../events.options';
import { EventFlowStore } from '../store/event-flow.store';
import { RuleStore } from '../store/rule.store';
import { BusRules } from '../domain/bus-rules';
import { DeliveryWorker } from './delivery.worker';
import { EventRouterWorker } from './event-router.worker';
import { TargetInvoker } from './target-invoker';

/**
 * EventBridge's background work, mounted by the executor and the server: routing accepted events to
 * the targets of the rules they match, and delivering them (retries, dead-letter queues). Targets
 * are called through the process's AWS router, so the SQS, SNS and Step Functions modules must be
 * mounted beside it.
 */
@Module({})
export class EventWorkersModule {
  static forRoot(options: EventsOptions): DynamicModule {
    return {
      module: EventWorkersModule,
      providers: [
        { provide: EVENTS_OPTIONS, useValue: options },
        RuleStore,
        EventFlowStore,
        BusRules,
        TargetInvoker,
        DeliveryWorker,
        EventRouterWorker,
      ],
    };
  }
}
