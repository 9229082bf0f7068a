/**
 * A filter policy that SNS would refuse. `message` is the text AWS returns with the
 * `InvalidParameter` error code; `reason` is the part after "Invalid parameter: ", so that
 * the Subscribe operation can wrap it as AWS does ("Invalid parameter: Attributes Reason: …").
 */
export class FilterPolicyError extends Error {
  /** The AWS error code every filter policy rejection carries. */
  readonly code = 'InvalidParameter';

  constructor(readonly reason: string) {
    super(`Invalid parameter: ${reason}`);
    this.name = 'FilterPolicyError';
  }

  /** The message AWS gives when the policy arrives through Subscribe's Attributes map. */
  get subscribeMessage(): string {
    return `Invalid parameter: Attributes Reason: ${this.reason}`;
  }
}

/** Rejection of the policy document itself, reported under the `FilterPolicy` parameter. */
export function policyError(detail: string): FilterPolicyError {
  return new FilterPolicyError(`FilterPolicy: ${detail}`);
}
