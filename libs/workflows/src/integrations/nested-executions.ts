import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AwsError, AwsRouter } from '@switchyard/aws-wire';
import { StoreError } from '@switchyard/redis';
import { type ExecutionRef, executionArn } from '../domain/execution-ref';
import { ExecutionUpdates } from '../domain/execution-updates';
import { parseStatesArn, stateMachineArn } from '../domain/state-machine-ref';
import { executionOf, SfnErrors } from '../errors/sfn-errors';
import { ExecutionStore } from '../store/execution.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import {
  type IntegrationService,
  integrationFailure,
  type TaskOutcome,
  taskFailed,
  taskSucceeded,
} from './task-outcome';

const STEP_FUNCTIONS: IntegrationService = {
  errorPrefix: 'StepFunctions',
  causeName: 'AWSStepFunctions',
  queryCodes: false,
};

/** How a parent waits for its child: `.sync` (the child's input and output as text) or `.sync:2` (as JSON). */
export type SyncForm = 'sync' | 'sync:2';

/** What a child execution holds of the parent thread that waits for its end. */
export interface ParentLink {
  readonly accountId: string;
  readonly machine: string;
  readonly execution: string;
  readonly thread: string;
  readonly wait: number;
  readonly form: SyncForm;
}

/** StartExecution's input from the integration's parameters (named as the AWS SDKs name them). */
function startInput(parameters: unknown, defaultName?: string): Record<string, unknown> {
  const p = (parameters ?? {}) as Record<string, unknown>;
  const input =
    p.Input === undefined ? '{}' : typeof p.Input === 'string' ? p.Input : JSON.stringify(p.Input);
  return {
    stateMachineArn: p.StateMachineArn,
    input,
    name: p.Name ?? defaultName,
    traceHeader: p.TraceHeader,
  };
}

/** Epoch seconds, as the JSON protocol writes timestamps, to the epoch milliseconds integrations answer. */
function epochMs(seconds: unknown): unknown {
  return typeof seconds === 'number' ? Math.round(seconds * 1000) : seconds;
}

/** DescribeExecution's output as a `.sync` task answers it: members capitalised, dates in milliseconds. */
function syncOutput(described: Record<string, unknown>, form: SyncForm): Record<string, unknown> {
  const capitalised = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value).map(([k, v]) => [k[0].toUpperCase() + k.slice(1), capitalised(v)]),
        )
      : value;
  const out = capitalised(described) as Record<string, unknown>;
  out.StartDate = epochMs(out.StartDate);
  if (out.StopDate !== undefined) out.StopDate = epochMs(out.StopDate);
  if (out.RedriveDate !== undefined) out.RedriveDate = epochMs(out.RedriveDate);
  if (form === 'sync:2')
    for (const member of ['Input', 'Output'])
      if (typeof out[member] === 'string') out[member] = JSON.parse(out[member] as string);
  return out;
}

/**
 * The integration with Step Functions itself (`states:startExecution`): a workflow starts another.
 * The request-response form answers once the child started; `.sync` and `.sync:2` link the child to
 * the waiting thread, and the child's end answers the parent's task (`ChildEndings`), with the
 * child's description as output, or `States.TaskFailed` with it as the cause.
 */
@Injectable()
export class NestedExecutions {
  constructor(
    private readonly router: AwsRouter,
    private readonly store: ExecutionStore,
    private readonly updates: ExecutionUpdates,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  /** `arn:aws:states:::states:startExecution`: `{ExecutionArn, StartDate}`. */
  async start(parameters: unknown): Promise<TaskOutcome> {
    try {
      const { output } = await this.router.call('states', 'StartExecution', startInput(parameters));
      return taskSucceeded({ ExecutionArn: output.executionArn, StartDate: epochMs(output.startDate) });
    } catch (e) {
      return integrationFailure(e, STEP_FUNCTIONS);
    }
  }

  /**
   * `startExecution.sync` / `.sync:2`: a STANDARD child is started once per wait of the parent's
   * thread (a child left unnamed gets a name made from that wait, so doing this again after a crash
   * finds the same child) and linked to the thread; answers the child's outcome when it has already
   * ended, else `outside`: the child's end answers the task. An EXPRESS child runs to its end here,
   * as StartSyncExecution runs one (again, at least once, after a crash).
   */
  async startAndWait(
    parent: ExecutionRef,
    thread: string,
    wait: number,
    parameters: unknown,
    form: SyncForm,
  ): Promise<TaskOutcome | 'outside'> {
    const link: ParentLink = {
      accountId: parent.machine.accountId,
      machine: parent.machine.name,
      execution: parent.name,
      thread,
      wait,
      form,
    };
    const text = JSON.stringify(link);
    const input = startInput(parameters, nameFor(text));
    // An EXPRESS child runs to its end here, synchronously, as StartSyncExecution runs one.
    const named = parseStatesArn(String(input.stateMachineArn));
    try {
      // A version or an alias is of its machine's type: the machine itself is described.
      const machine = named
        ? (
            await this.router.call('states', 'DescribeStateMachine', {
              stateMachineArn: stateMachineArn({
                accountId: named.accountId,
                region: named.region,
                name: named.names[0],
              }),
            })
          ).output
        : undefined;
      if (machine?.type === 'EXPRESS') {
        const { output } = await this.router.call('states', 'StartSyncExecution', input);
        const described = syncOutput(output, form);
        return output.status === 'SUCCEEDED'
          ? taskSucceeded(described)
          : taskFailed('States.TaskFailed', JSON.stringify(described));
      }
    } catch (e) {
      return integrationFailure(e, STEP_FUNCTIONS);
    }
    let childArn: string;
    try {
      const { output } = await this.router.call('states', 'StartExecution', input);
      childArn = output.executionArn as string;
    } catch (e) {
      if (!(e instanceof AwsError && e.code === SfnErrors.ExecutionAlreadyExists.code))
        return integrationFailure(e, STEP_FUNCTIONS);
      // Started by this wait before (a crash came between): the same child, if the link says so.
      const machine = parseStatesArn(String(input.stateMachineArn))!;
      childArn = executionArn({
        machine: { accountId: machine.accountId, region: machine.region, name: machine.names[0] },
        name: String(input.name),
      });
      const held = await this.store.linkParent(executionOf(childArn, this.options.region), text);
      if (held.link !== text) return integrationFailure(e, STEP_FUNCTIONS);
    }
    const child = executionOf(childArn, this.options.region);
    const held = await this.store.linkParent(child, text);
    if (held.link !== text)
      return taskFailed(
        'StepFunctions.ExecutionAlreadyExistsException',
        `Execution Already Exists: '${childArn}' (it is awaited by another execution)`,
      );
    return held.status === 'RUNNING' ? 'outside' : this.outcomeOf(childArn, form);
  }

  /** A child that ended answers the task its parent waits on (nothing when the parent waits no more). */
  async childEnded(child: ExecutionRef, linkText: string): Promise<void> {
    const link = JSON.parse(linkText) as ParentLink;
    const outcome = await this.outcomeOf(executionArn(child), link.form);
    const parent: ExecutionRef = {
      machine: { accountId: link.accountId, region: this.options.region, name: link.machine },
      name: link.execution,
    };
    try {
      await this.updates.answer(parent, link, outcome);
    } catch (e) {
      // The parent is gone (deleted with its state machine): nobody waits.
      if (!(e instanceof StoreError && e.code === 'NOT_FOUND')) throw e;
    }
  }

  /** The outcome of a `.sync` task whose child has ended. */
  private async outcomeOf(childArn: string, form: SyncForm): Promise<TaskOutcome> {
    const { output } = await this.router.call('states', 'DescribeExecution', { executionArn: childArn });
    const described = syncOutput(output, form);
    if (output.status === 'SUCCEEDED') return taskSucceeded(described);
    return taskFailed('States.TaskFailed', JSON.stringify(described));
  }
}

/** A child's name made from the parent's wait: the same wait always names the same child. */
function nameFor(linkText: string): string {
  const h = createHash('sha256').update(linkText).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
