import { type DynamicModule, Module } from '@nestjs/common';
import { EVENTS_OPERATIONS, EventsService } from './api/events.service';
import { ConnectionSealingKey } from './domain/connection-key';
import { Connections } from './domain/connections';
import { BusRules } from './domain/bus-rules';
import { EventBus } from './domain/event-bus';
import { EVENTS_OPTIONS, type EventsOptions } from './events.options';
import { ConnectionStore } from './store/connection.store';
import { EventFlowStore } from './store/event-flow.store';
import { RuleStore } from './store/rule.store';

/**
 * `EventBus` for other features: emit events onto an account's default bus from inside Switchyard
 * (`aws.` sources allowed). Needs only CoreModule (Redis, Clock): import it where events are emitted.
 */
@Module({
  providers: [EventFlowStore, RuleStore, BusRules, EventBus],
  exports: [EventBus],
})
export class EventBusModule {}

/**
 * `Connections` for other features: what a request made with an EventBridge connection carries
 * (Step Functions' HTTP tasks), its secrets opened with the deployment's sealing key.
 */
@Module({})
export class ConnectionsModule {
  static forRoot(options: EventsOptions): DynamicModule {
    return {
      module: ConnectionsModule,
      providers: [
        { provide: EVENTS_OPTIONS, useValue: options },
        ConnectionStore,
        ConnectionSealingKey,
        Connections,
      ],
      exports: [Connections, ConnectionStore],
    };
  }
}

/** The EventBridge API (AWS JSON 1.1) over the Redis event stores. Needs CoreModule with its AWS router. */
@Module({})
export class EventsModule {
  static forRoot(options: EventsOptions): DynamicModule {
    return {
      module: EventsModule,
      imports: [EventBusModule, ConnectionsModule.forRoot(options)],
      providers: [
        { provide: EVENTS_OPTIONS, useValue: options },
        RuleStore,
        EventFlowStore,
        ...EVENTS_OPERATIONS,
        EventsService,
      ],
      exports: [EventBusModule, ConnectionsModule],
    };
  }
}
