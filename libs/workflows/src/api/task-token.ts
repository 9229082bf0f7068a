import { AwsError } from '@switchyard/aws-wire';
import { StoreError } from '@switchyard/redis';
import type { PendingOutcome } from '@switchyard/asl';
import type { ExecutionRef } from '../domain/execution-ref';
import type { ExecutionUpdates } from '../domain/execution-updates';
import { SfnErrors } from '../errors/sfn-errors';
import type { ExecutionStore, TokenTarget } from '../store/execution.store';

/**
 * The thread a task token leads to. As AWS's tokens, ours say whether they are genuine: one never
 * issued (or issued over a year and a day ago) is an InvalidToken.
 */
export async function tokenTarget(
  store: ExecutionStore,
  token: string,
  region: string,
): Promise<{ ref: ExecutionRef; target: TokenTarget }> {
  const target = await store.tokenTarget(token);
  if (!target) throw new AwsError(SfnErrors.InvalidToken, "Invalid Token: 'Invalid token'");
  return {
    ref: { machine: { accountId: target.accountId, region, name: target.machine }, name: target.execution },
    target,
  };
}

export function taskTimedOut(): AwsError {
  return new AwsError(SfnErrors.TaskTimedOut, "Task Timed Out: 'Provided task does not exist anymore'");
}

/** A genuine token whose execution is no longer kept (its retention ended, or its machine was deleted). */
export function taskDoesNotExist(): AwsError {
  return new AwsError(SfnErrors.TaskDoesNotExist, 'Task Does Not Exist');
}

/**
 * Resumes the thread a token leads to with the task's outcome; TaskTimedOut when it waits no more,
 * TaskDoesNotExist when its execution is gone.
 */
export async function answerTask(
  store: ExecutionStore,
  updates: ExecutionUpdates,
  token: string,
  region: string,
  outcome: PendingOutcome,
): Promise<void> {
  const { ref, target } = await tokenTarget(store, token, region);
  let applied: boolean;
  try {
    applied = await updates.answer(ref, target, outcome);
  } catch (e) {
    if (e instanceof StoreError && e.code === 'NOT_FOUND') throw taskDoesNotExist();
    throw e;
  }
  if (!applied) throw taskTimedOut();
}
