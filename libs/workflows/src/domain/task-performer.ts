import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EngineEffect, PendingOutcome, TaskRequest } from '@switchyard/asl';
import { FunctionRegistry } from '@switchyard/functions';
import { ActivityStore } from '../store/activity.store';
import { ExecutionStore } from '../store/execution.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import type { ExecutionRef } from './execution-ref';

const LAMBDA_FUNCTION = /^arn:[^:]+:lambda:[^:]*:\d{12}:function:[^:]+(:[^:]+)?$/;
const LAMBDA_INVOKE = /^arn:[^:]+:states:::lambda:invoke$/;
const ACTIVITY = /^arn:[^:]+:states:([^:]+):(\d{12}):activity:([^:]+)$/;

type TaskOutcome = Extract<PendingOutcome, { type: 'task' }>;

/**
 * Performs the Task states an executor runs: Lambda functions (a plain function ARN, or the
 * `lambda:invoke` integration) through the function registry, answering as AWS's Lambda integration
 * does. Anything else fails the task with AWS's words for a resource the execution cannot use.
 */
@Injectable()
export class TaskPerformer {
  constructor(
    private readonly functions: FunctionRegistry,
    private readonly executions: ExecutionStore,
    private readonly activities: ActivityStore,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  /**
   * Hands a task that waits for the outside world to it, once per wait: a callback
   * (`.waitForTaskToken`) gets its token registered and its call made (a Lambda function invoked
   * with the token in its payload); an activity's task is queued for the activity's workers with a
   * new token. Answers `outside` for those (the answer comes through the token), `here` for a task
   * this executor performs itself, or the outcome of a callback whose call failed.
   */
  async hand(
    ref: ExecutionRef,
    effect: EngineEffect & { type: 'task' },
  ): Promise<'outside' | 'here' | TaskOutcome> {
    const { task } = effect;
    if (task.waitForTaskToken) {
      const token = effect.context.Task?.Token;
      if (!token) return 'outside';
      const { issued } = await this.executions.issueToken(ref, effect.threadId, effect.wait, token);
      const call = task.resource.replace(/\.waitForTaskToken$/, '');
      if (issued && LAMBDA_INVOKE.test(call)) {
        const outcome = await this.run({ ...task, resource: call });
        if ('error' in outcome) return outcome;
      }
      return 'outside';
    }
    const activity = ACTIVITY.exec(task.resource);
    if (!activity) return 'here';
    const [, region, accountId, name] = activity;
    const activityRef = { accountId, region, name };
    const { token, issued } = await this.executions.issueToken(
      ref,
      effect.threadId,
      effect.wait,
      randomBytes(96).toString('base64url'),
    );
    if (issued && region === this.options.region)
      await this.activities.push(activityRef, { token, input: JSON.stringify(task.parameters ?? {}) });
    return 'outside';
  }

  /** Performs a task this executor runs itself (a Lambda function), within its TimeoutSeconds. */
  async perform(task: TaskRequest): Promise<TaskOutcome> {
    if (task.timeoutSeconds === undefined) return this.run(task);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<TaskOutcome>((resolve) => {
      timer = setTimeout(
        () => resolve({ type: 'task', error: 'States.Timeout', cause: '', timedOut: true }),
        task.timeoutSeconds! * 1000,
      );
    });
    try {
      return await Promise.race([this.run(task), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async run(task: TaskRequest): Promise<TaskOutcome> {
    if (LAMBDA_FUNCTION.test(task.resource)) return this.invoke(task.resource, task.parameters, false);
    if (LAMBDA_INVOKE.test(task.resource)) {
      const p = (task.parameters ?? {}) as { FunctionName?: unknown; Payload?: unknown };
      if (typeof p.FunctionName !== 'string')
        return {
          type: 'task',
          error: 'States.Runtime',
          cause: "The field 'FunctionName' is required for the resource 'arn:aws:states:::lambda:invoke'.",
        };
      return this.invoke(p.FunctionName, p.Payload ?? {}, true);
    }
    return {
      type: 'task',
      error: 'States.Runtime',
      cause: `The resource '${task.resource}' is not one this deployment runs (Lambda functions registered with SWITCHYARD_LAMBDA_FUNCTIONS are).`,
    };
  }

  /** Invokes a registered function; `wrapped` answers as `lambda:invoke` does (the payload inside). */
  private async invoke(fn: string, payload: unknown, wrapped: boolean): Promise<TaskOutcome> {
    let answer: { status: number; body: string } | undefined;
    try {
      answer = await this.functions.invoke(fn, payload);
    } catch (e) {
      return { type: 'task', error: 'Lambda.ServiceException', cause: (e as Error).message };
    }
    if (!answer)
      return {
        type: 'task',
        error: 'Lambda.ResourceNotFoundException',
        cause: `Function not found: ${fn} (Service: Lambda, Status Code: 404, Error Code: ResourceNotFoundException)`,
      };
    const body = parseBody(answer.body);
    if (answer.status < 200 || answer.status >= 300) {
      // A function error, as Lambda reports one: its errorType names the error, its whole report is the cause.
      const errorType = (body as { errorType?: unknown } | null)?.errorType;
      return {
        type: 'task',
        error: typeof errorType === 'string' ? errorType : 'Lambda.Unknown',
        cause: answer.body,
      };
    }
    if (!wrapped) return { type: 'task', output: body };
    const requestId = randomUUID();
    return {
      type: 'task',
      output: {
        ExecutedVersion: '$LATEST',
        Payload: body,
        SdkHttpMetadata: {
          AllHttpHeaders: { 'X-Amz-Executed-Version': ['$LATEST'], 'x-amzn-RequestId': [requestId] },
          HttpHeaders: { 'X-Amz-Executed-Version': '$LATEST', 'x-amzn-RequestId': requestId },
          HttpStatusCode: 200,
        },
        SdkResponseMetadata: { RequestId: requestId },
        StatusCode: 200,
      },
    };
  }
}

function parseBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
