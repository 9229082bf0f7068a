import { Injectable } from '@nestjs/common';
import type { Events } from '@switchyard/aws-wire';
import { validationError } from '../errors/events-errors';
import { compileEventPattern, matchesEventPattern } from '../pattern';
import type { EventsOperation } from './events-operation';

/** The members an event given to TestEventPattern must have (AWS's list). */
const REQUIRED = ['id', 'account', 'source', 'time', 'region', 'detail-type'];

/** TestEventPattern: whether a pattern (checked as PutRule checks it) matches an event. */
@Injectable()
export class TestEventPatternOperation implements EventsOperation<'TestEventPattern'> {
  readonly name = 'TestEventPattern';

  handle(input: Events.TestEventPatternRequest) {
    const pattern = compileEventPattern(input.EventPattern);
    let event: unknown;
    try {
      event = JSON.parse(input.Event);
    } catch {
      throw validationError('Parameter Event is not valid.');
    }
    if (
      typeof event !== 'object' ||
      event === null ||
      Array.isArray(event) ||
      REQUIRED.some((m) => !(m in event))
    )
      throw validationError('Parameter Event is not valid.');
    return { Result: matchesEventPattern(pattern, event) };
  }
}
