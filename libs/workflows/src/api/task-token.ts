import { AwsError } from '@switchyard/aws-wire';
import { StoreError } from '@switchyard/redis';
import type { PendingOutcome } from '@switchyard/asl';
import type { ExecutionRef } from '../domain/execution-ref';
import type { ExecutionUpdates } from '../domain/execution-updates';
import { SfnErrors } from '../errors/sfn-errors';
import type { ExecutionStore, TokenTarget } from '../store/execution.store';

/** The thread a task token leads to; TaskDoesNotExist for a token never issued. */
export async function tokenTarget(
  store: ExecutionStore,
  token: string,
  region: string,
): Promise<{ ref: ExecutionRef; target: TokenTarget }> {
  const target = await store.tokenTarget(token);
  if (!target) throw new AwsError(SfnErrors.TaskDoesNotExist, 'Task Does Not Exist');
  return {
    ref: { machine: { accountId: target.accountId, region, name: target.machine }, name: target.execution },
    target,
  };
}

export function taskTimedOut(): AwsError {
  return new AwsError(SfnErrors.TaskTimedOut, "Task Timed Out: 'Provided task does not exist anymore'");
}

/** Resumes the thread a token leads to with the task's outcome; TaskTimedOut when it waits no more. */
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
    if (e instanceof StoreError && e.code === 'NOT_FOUND') throw taskTimedOut();
    throw e;
  }
  if (!applied) throw taskTimedOut();
}
