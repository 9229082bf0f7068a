export * from './events.model.generated';
export { EVENTS_VALIDATION_EXCEPTION, EVENTS_WIRE } from './events.wire';
