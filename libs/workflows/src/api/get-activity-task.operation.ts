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
/** Workers one gateway lets wait on one activity at once (AWS's quota on open GetActivityTask requests). */
const MAX_POLLERS = 1_000;

/**
 * GetActivityTask: the oldest task waiting for the activity's workers, with its token and input;
 * waits up to 60 seconds for one (woken through Redis as soon as one is queued), then answers
 * without a token.
 */
@Injectable()
export class GetActivityTaskOperation implements SfnOperation<'GetActivityTask'> {
  readonly name = 'GetActivityTask';
  /** Open polls by activity, in this gateway. */
  private readonly polling = new Map<string, number>();

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
    const open = this.polling.get(channel) ?? 0;
    if (open >= MAX_POLLERS)
      throw new AwsError(
        SfnErrors.ActivityWorkerLimitExceeded,
        `The maximum number of workers concurrently polling for activity tasks has been reached (${MAX_POLLERS})`,
      );
    this.polling.set(channel, open + 1);
    const deadline = this.clock.now() + LONG_POLL_MS;
    try {
      await this.waiter.acquire(channel);
    } catch (e) {
      this.done(channel);
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
      this.done(channel);
    }
  }

  private done(channel: string): void {
    const left = (this.polling.get(channel) ?? 1) - 1;
    if (left > 0) this.polling.set(channel, left);
    else this.polling.delete(channel);
  }
}
