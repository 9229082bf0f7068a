import { AwsError, type AwsErrorShape } from '../../aws-error';
import { withLimits } from '../../shapes';
import type { ValidationIssue } from '../../validation';
import { coralValidationMessage } from '../coral-validation-message';
import { EVENTS_LIMITS } from './events.limits';
import { EVENTS_MODEL } from './events.model.generated';

/**
 * EventBridge's answer to input that breaks the model. Its model does not list it, but every
 * operation can answer it (HTTP 400), as AWS's front end checks the input before the service does.
 */
export const EVENTS_VALIDATION_EXCEPTION: AwsErrorShape = {
  code: 'ValidationException',
  status: 400,
  fault: 'Sender',
};

/** EventBridge names members in lower camel case (`targets.1.member.id`). */
function lowerCamelPath(path: string): string {
  return path
    .split('.')
    .map((segment) => segment.charAt(0).toLowerCase() + segment.slice(1))
    .join('.');
}

/** The pattern as AWS prints it: without the anchors `wholeValue` adds (`events.limits.ts`). */
function printedPattern(pattern: string | undefined): string | undefined {
  return pattern?.startsWith('^(?:') && pattern.endsWith(')$') ? pattern.slice(4, -2) : pattern;
}

/** EventBridge lists every problem in one ValidationException, members in lower camel case. */
export function eventsValidationError(issues: readonly ValidationIssue[]): AwsError {
  return new AwsError(
    EVENTS_VALIDATION_EXCEPTION,
    coralValidationMessage(
      issues.map((issue) => ({
        ...issue,
        path: lowerCamelPath(issue.path),
        constraints: issue.constraints && {
          ...issue.constraints,
          pattern: printedPattern(issue.constraints.pattern),
        },
      })),
    ),
  );
}

/** EventBridge on the wire: its generated model with AWS's documented limits, and its wording. */
export const EVENTS_WIRE = {
  model: withLimits(EVENTS_MODEL, EVENTS_LIMITS),
  formatValidationError: eventsValidationError,
} as const;
