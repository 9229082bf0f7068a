import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AwsError, type OperationContext, type Sfn } from '@switchyard/aws-wire';
import { StoreError } from '@switchyard/redis';
import { Clock } from '@switchyard/runtime';
import { activityDoesNotExist, activityOf, SfnErrors } from '../errors/sfn-errors';
import { ActivityStore } from '../store/activity.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import { LongPollWaiter } from '@switchyard/queues';
import type { SfnOperation } from './sfn-operation';

/** How long GetActivityTask waits for a task before it answers without one (AWS: 60 s). */
const LONG_POLL_MS = 60_000;
/** Workers that may wait on one activity at once, across gateways (AWS's quota on open GetActivityTask requests). */
const MAX_POLLERS = 1_000;
/** How long past its own end a poll counts as open, should its gateway die (its end is then long past). */
const POLL_GRACE_MS = 5_000;

/**
 * GetActivityTask: the oldest task waiting for the activity's workers, with its token and input;
 * waits up to 60 seconds for one (woken through Redis as soon as one is queued), then answers
 * without a token. At most 1,000 polls of an activity are open at once, counted across gateways.
 */
@Injectable()
export class GetActivityTaskOperation implements SfnOperation<'GetActivityTask'> {
  readonly name = 'GetActivityTask';

  constructor(
    private readonly activities: ActivityStore,
    private readonly waiter: LongPollWaiter,
    private readonly clock: Clock,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.GetActivityTaskInput, ctx: OperationContext) {
    const ref = activityOf(input.activityArn, this.options.region);
    await this.activities.created(ref).catch((e: unknown) => {
      if (e instanceof StoreError && e.code === 'NOT_FOUND') throw activityDoesNotExist(input.activityArn);
      throw e;
    });
    const channel = this.activities.keysOf(ref).wake;
    const now = this.clock.now();
    const deadline = now + LONG_POLL_MS;
    const pollId = randomUUID();
    if (!(await this.activities.openPoll(ref, pollId, now, deadline + POLL_GRACE_MS, MAX_POLLERS)))
      throw new AwsError(
        SfnErrors.ActivityWorkerLimitExceeded,
        `The maximum number of workers concurrently polling for activity tasks has been reached (${MAX_POLLERS})`,
      );
    const closePoll = () => this.activities.closePoll(ref, pollId).catch(() => undefined);
    try {
      await this.waiter.acquire(channel);
    } catch (e) {
      await closePoll();
      throw e;
    }
    try {
      for (;;) {
        const mark = this.waiter.mark(channel);
        const task = await this.activities.pop(ref);
        if (task) return { taskToken: task.token, input: task.input };
        if (this.clock.now() >= deadline || ctx.signal?.aborted || this.waiter.isClosing) return {};
        await this.waiter.sleep(channel, deadline, mark, ctx.signal);
      }
    } finally {
      this.waiter.release(channel);
      await closePoll();
    }
  }
}
