import { AwsError, CommonErrors, invalidParameter } from '../../aws-error';
import { withLimits } from '../../shapes';
import type { ValidationIssue } from '../../validation';
import { SQS_LIMITS } from './sqs.limits';
import { SQS_MODEL } from './sqs.model.generated';

/** SQS words a request's first problem: MissingParameter, or InvalidParameterValue with a reason. */
export function sqsValidationError(issues: readonly ValidationIssue[]): AwsError {
  const issue = issues[0];
  switch (issue.kind) {
    case 'required':
      return new AwsError(
        CommonErrors.MissingParameter,
        `The request must contain the parameter ${issue.member}.`,
      );
    case 'type':
      return invalidParameter(
        `Value ${String(issue.value)} for parameter ${issue.path} is invalid. Reason: must be ${issue.expected}.`,
      );
    default:
      return invalidParameter(
        `Value ${String(issue.value)} for parameter ${issue.member} is invalid. Reason: ${reasonOf(issue)}`,
      );
  }
}

function reasonOf(issue: ValidationIssue): string {
  const c = issue.constraints;
  if (c?.reason) return c.reason;
  if (issue.kind === 'enum') return `Must be one of ${issue.allowed?.join(', ')}.`;
  if (issue.kind === 'pattern') return `Must match the pattern ${c?.pattern}.`;
  const bounds = issue.kind === 'range' ? c?.range : c?.length;
  return `Must be between ${bounds?.min ?? '-∞'} and ${bounds?.max ?? '∞'}.`;
}

/** SQS on the wire: its generated model with AWS's documented limits, and its wording of bad input. */
export const SQS_WIRE = {
  model: withLimits(SQS_MODEL, SQS_LIMITS),
  formatValidationError: sqsValidationError,
} as const;
