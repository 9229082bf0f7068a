import { AwsError } from '@switchyard/aws-wire';
import { SfnErrors } from '../errors/sfn-errors';

/** An execution's input as JSON; InvalidExecutionInput, in AWS's words, when it is not JSON. */
export function parseExecutionInput(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new AwsError(
      SfnErrors.InvalidExecutionInput,
      `Invalid State Machine Execution Input: '${(e as Error).message}'`,
    );
  }
}
