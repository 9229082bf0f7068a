import type { Events, ModelledOperation } from '@switchyard/aws-wire';

/** An EventBridge operation, typed by the generated model: `implements EventsOperation<'PutEvents'>`. */
export type EventsOperation<Name extends keyof Events.EventsOperations> = ModelledOperation<
  Events.EventsOperations,
  Name
>;
