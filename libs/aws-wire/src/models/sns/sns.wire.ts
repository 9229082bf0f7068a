import { AwsError } from '../../aws-error';
import { withLimits } from '../../shapes';
import type { ValidationIssue } from '../../validation';
import { SNS_LIMITS } from './sns.limits';
import { SNS_MODEL } from './sns.model.generated';

/** SNS names the first bad parameter in an InvalidParameter error, with a reason where it gives one. */
export function snsValidationError(issues: readonly ValidationIssue[]): AwsError {
  const issue = issues[0];
  const reason =
    issue.kind === 'required'
      ? 'no value for required parameter'
      : issue.kind === 'type'
        ? `must be ${issue.expected}`
        : issue.constraints?.reason;
  return new AwsError(
    SNS_MODEL.errors.InvalidParameterException,
    `Invalid parameter: ${issue.member}${reason ? ` Reason: ${reason}` : ''}`,
  );
}

/** SNS on the wire: its generated model with AWS's documented limits, and its wording of bad input. */
export const SNS_WIRE = {
  model: withLimits(SNS_MODEL, SNS_LIMITS),
  formatValidationError: snsValidationError,
} as const;
