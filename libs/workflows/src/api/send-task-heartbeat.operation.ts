import { Inject, Injectable } from '@nestjs/common';
import type { Sfn } from '@switchyard/aws-wire';
import { StoreError } from '@switchyard/redis';
import { Clock } from '@switchyard/runtime';
import { parseState } from '../domain/standard-execution';
import { ExecutionStore } from '../store/execution.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import type { SfnOperation } from './sfn-operation';
import { waitsOn } from '../domain/execution-updates';
import { taskDoesNotExist, taskTimedOut, tokenTarget } from './task-token';

/** SendTaskHeartbeat: the task is alive; its HeartbeatSeconds start again. */
@Injectable()
export class SendTaskHeartbeatOperation implements SfnOperation<'SendTaskHeartbeat'> {
  readonly name = 'SendTaskHeartbeat';

  constructor(
    private readonly store: ExecutionStore,
    private readonly clock: Clock,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.SendTaskHeartbeatInput) {
    const { ref, target } = await tokenTarget(this.store, input.taskToken, this.options.region);
    const stored = await this.store.load(ref).catch((e: unknown) => {
      if (e instanceof StoreError && e.code === 'NOT_FOUND') throw taskDoesNotExist();
      throw e;
    });
    const state = parseState(stored.fields.state);
    if (stored.fields.status !== 'RUNNING' || !waitsOn(state, target)) throw taskTimedOut();
    const waiting = state.threads[target.thread].waiting;
    const heartbeat = waiting?.type === 'task' ? waiting.task.heartbeatSeconds : undefined;
    if (heartbeat !== undefined)
      await this.store.schedule(
        {
          kind: 'heartbeat-timeout',
          accountId: target.accountId,
          machine: target.machine,
          execution: target.execution,
          thread: target.thread,
          wait: target.wait,
        },
        this.clock.now() + heartbeat * 1000,
        'onlyIfArmed',
      );
    return {};
  }
}
