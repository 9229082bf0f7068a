import { AwsError } from '../../aws-error';
import { withLimits } from '../../shapes';
import type { ValidationIssue } from '../../validation';
import { coralValidationMessage } from '../coral-validation-message';
import { SFN_LIMITS } from './sfn.limits';
import { SFN_MODEL } from './sfn.model.generated';

/** Step Functions lists every problem in one ValidationException. */
export function sfnValidationError(issues: readonly ValidationIssue[]): AwsError {
  return new AwsError(SFN_MODEL.errors.ValidationException, coralValidationMessage(issues));
}

/** Step Functions on the wire: its generated model with AWS's documented limits, and its wording. */
export const SFN_WIRE = {
  model: withLimits(SFN_MODEL, SFN_LIMITS),
  formatValidationError: sfnValidationError,
} as const;
