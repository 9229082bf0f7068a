import { AwsError } from '@switchyard/aws-wire';
import { StoreError } from '@switchyard/redis';
import { parseStatesArn } from '../domain/state-machine-ref';
import { activityOf, invalidArn, SfnErrors, stateMachineOf, tooManyTags } from '../errors/sfn-errors';
import type { TaggedResource } from '../store/resource-tag.store';
import { MAX_TAGS } from '../store/state-machine.store';

/** The resource a tagging request names: a state machine or an activity; InvalidArn for anything else. */
export function taggedResource(arn: string, region: string): TaggedResource {
  const type = parseStatesArn(arn)?.type;
  if (type === 'activity') return { type, ref: activityOf(arn, region) };
  if (type === 'stateMachine') return { type, ref: stateMachineOf(arn, region) };
  if (type === undefined) throw invalidArn(arn);
  throw new AwsError(SfnErrors.InvalidArn, `Invalid Arn: 'Resource type not valid in this context: ${type}'`);
}

/** The tagging operations name a missing resource ResourceNotFound, and too many tags TooManyTags. */
export async function onTaggedResource<T>(arn: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (
      (e instanceof StoreError && e.code === 'NOT_FOUND') ||
      (e instanceof AwsError && (e.code === 'StateMachineDoesNotExist' || e.code === 'ActivityDoesNotExist'))
    )
      throw new AwsError(SfnErrors.ResourceNotFound, `Resource not found: '${arn}'`);
    if (e instanceof StoreError && e.code === 'LIMIT_EXCEEDED') throw tooManyTags(MAX_TAGS);
    throw e;
  }
}
