import { AwsError } from '@switchyard/aws-wire';
import { StoreError } from '@switchyard/redis';
import type { StateMachineRef } from '../domain/state-machine-ref';
import { SfnErrors, stateMachineOf } from '../errors/sfn-errors';

/** The resource a tagging request names (state machines, for now); InvalidArn for anything else. */
export function taggedResource(arn: string, region: string): StateMachineRef {
  return stateMachineOf(arn, region);
}

/** The tagging operations name a missing resource ResourceNotFound. */
export async function onTaggedResource<T>(arn: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (
      (e instanceof StoreError && e.code === 'NOT_FOUND') ||
      (e instanceof AwsError && e.code === 'StateMachineDoesNotExist')
    )
      throw new AwsError(SfnErrors.ResourceNotFound, `Resource not found: '${arn}'`);
    if (e instanceof StoreError && e.code === 'LIMIT_EXCEEDED')
      throw new AwsError(SfnErrors.TooManyTags, `Too many tags: a resource may carry at most 50 tags`);
    throw e;
  }
}
