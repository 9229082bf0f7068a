/** EventBridge: connections, rules and targets on the default bus, events, and their durable delivery. */
export { ConnectionsModule, EventBusModule, EventsModule } from './events.module';
export { EventWorkersModule } from './worker/event-workers.module';
export { EVENTS_SETTINGS, loadEventsConfig } from './events.config';
export type { EventsOptions } from './events.options';
// In-process faces for other features: emitting AWS service events, and authorizing HTTP calls.
export { EventBus, type BusEvent } from './domain/event-bus';
export {
  ConnectionError,
  ConnectionNotAuthorized,
  ConnectionNotFound,
  Connections,
} from './domain/connections';
export type { ConnectionAuthorization } from './domain/connection-parameters';
// The operations served, for the e2e fuzz suite.
export { EVENTS_OPERATIONS } from './api/events.service';
