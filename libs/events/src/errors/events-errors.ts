import { AwsError, Events } from '@switchyard/aws-wire';
import { StoreError } from '@switchyard/redis';
import { ConnectionError } from '../domain/connections';
import { UnreadableSecret } from '../domain/sealed-secrets';
import { InvalidEventPattern } from '../pattern';
import { CONNECTION } from '../store/connection.store';
import { RULE } from '../store/rule.store';

/**
 * EventBridge's errors: those its model lists (code, HTTP status), and the ValidationException AWS
 * answers for input it refuses before the service looks at it.
 */
export const EventsErrors = {
  ...Events.EVENTS_MODEL.errors,
  ValidationException: Events.EVENTS_VALIDATION_EXCEPTION,
};

/** A request EventBridge refuses as invalid, in its words. */
export function validationError(message: string): AwsError {
  return new AwsError(EventsErrors.ValidationException, message);
}

export function eventBusNotFound(name: string): AwsError {
  return new AwsError(EventsErrors.ResourceNotFoundException, `Event bus ${name} does not exist.`);
}

export function ruleNotFound(name: string, bus: string): AwsError {
  return new AwsError(
    EventsErrors.ResourceNotFoundException,
    `Rule ${name} does not exist on EventBus ${bus}.`,
  );
}

export function connectionNotFound(name: string): AwsError {
  return new AwsError(
    EventsErrors.ResourceNotFoundException,
    `Failed to describe the connection(s). Connection '${name}' does not exist.`,
  );
}

/** A quota (rules of a bus, targets of a rule) would be exceeded. */
export function limitExceeded(): AwsError {
  return new AwsError(
    EventsErrors.LimitExceededException,
    'The requested resource exceeds the maximum number allowed.',
  );
}

/** Rules live on the default bus: the names of the rule store's errors refer to it. */
const BUS = 'default';

/** The one place where the event domain's errors become EventBridge's AWS errors. */
export function mapEventsError(error: unknown): AwsError | undefined {
  if (error instanceof AwsError) return error;
  if (error instanceof InvalidEventPattern)
    return new AwsError(EventsErrors.InvalidEventPatternException, error.message);
  if (error instanceof StoreError && error.entity === RULE) {
    switch (error.code) {
      case 'NOT_FOUND':
        return ruleNotFound(error.detail ?? '', BUS);
      case 'WRONG_STATE':
        return validationError("Rule can't be deleted since it has targets.");
      case 'LIMIT_EXCEEDED':
        return limitExceeded();
    }
  }
  if (error instanceof StoreError && error.entity === CONNECTION) {
    switch (error.code) {
      case 'NOT_FOUND':
        return connectionNotFound(error.detail ?? '');
      case 'EXISTS':
        return new AwsError(
          EventsErrors.ResourceAlreadyExistsException,
          `Connection ${error.detail} already exists.`,
        );
      case 'STALE':
        return new AwsError(
          EventsErrors.ConcurrentModificationException,
          `Connection ${error.detail} was changed by another request; try again.`,
        );
    }
  }
  if (error instanceof ConnectionError)
    return new AwsError(EventsErrors.ResourceNotFoundException, error.message);
  if (error instanceof UnreadableSecret)
    return new AwsError(
      EventsErrors.InternalException,
      `The connection's secrets cannot be read (${error.message}); was SWITCHYARD_CONNECTION_KEY changed?`,
    );
  return undefined;
}
