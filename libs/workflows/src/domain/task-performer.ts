import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EngineEffect, TaskRequest } from '@switchyard/asl';
import { HttpIntegration, type HttpTrace } from '../integrations/http.integration';
import { LAMBDA_FUNCTION, LambdaIntegration } from '../integrations/lambda.integration';
import { NestedExecutions } from '../integrations/nested-executions';
import { QueueAndTopicIntegrations } from '../integrations/queue-and-topic.integrations';
import { SDK_RESOURCE, SdkIntegrations } from '../integrations/sdk.integration';
import { type TaskOutcome, taskFailed } from '../integrations/task-outcome';
import { ActivityStore } from '../store/activity.store';
import { ExecutionStore } from '../store/execution.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import type { ExecutionRef } from './execution-ref';

const ACTIVITY = /^arn:[^:]+:states:([^:]+):(\d{12}):activity:([^:]+)$/;
/** `arn:aws:states:::states:startExecution.sync` and `.sync:2`. */
const START_AND_WAIT = /^arn:[^:]+:states:::states:startExecution\.sync(:2)?$/;

/**
 * Performs the Task states of executions, by resource: Lambda functions; HTTP Tasks through
 * EventBridge connections (`http:invoke`); the optimised integrations with queues
 * (`sqs:sendMessage`), topics (`sns:publish`) and other workflows (`states:startExecution`, also
 * `.sync` and `.sync:2`); AWS SDK integrations with SQS and SNS;
 * activities, whose workers poll for them; and `.waitForTaskToken` callbacks of any of those. A
 * resource this deployment cannot reach fails the task with AWS's words for one.
 */
@Injectable()
export class TaskPerformer {
  /** The request-response integrations an executor performs itself: by resource, each taking the task's parameters. */
  private readonly integrations: readonly [
    RegExp,
    (parameters: unknown, trace?: HttpTrace) => Promise<TaskOutcome>,
  ][];

  constructor(
    private readonly lambda: LambdaIntegration,
    queuesAndTopics: QueueAndTopicIntegrations,
    http: HttpIntegration,
    private readonly nested: NestedExecutions,
    private readonly sdk: SdkIntegrations,
    private readonly executions: ExecutionStore,
    private readonly activities: ActivityStore,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {
    this.integrations = [
      [/^arn:[^:]+:states:::lambda:invoke$/, (p) => lambda.invokeIntegration(p)],
      [/^arn:[^:]+:states:::sqs:sendMessage$/, (p) => queuesAndTopics.sendMessage(p)],
      [/^arn:[^:]+:states:::sns:publish$/, (p) => queuesAndTopics.publish(p)],
      [/^arn:[^:]+:states:::states:startExecution$/, (p) => nested.start(p)],
      [/^arn:[^:]+:states:::http:invoke$/, (p, trace) => http.invoke(p, trace)],
    ];
  }

  /**
   * Hands a task that waits for the outside world to it, once per wait: a callback
   * (`.waitForTaskToken`) gets its token registered and its call made (a message sent with the
   * token in its body, a function invoked with it in its payload …); a `.sync` child execution is
   * started and linked to the waiting thread; an activity's task is queued for the activity's
   * workers with a new token. Answers `outside` for those (the answer comes through the token or
   * the child's end), `here` for a task this executor performs itself, or the outcome of a task
   * that ended at once (its call failed, or its child had ended).
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
      if (!issued) return 'outside';
      const outcome = await this.run({ ...task, resource: task.resource.replace(/\.waitForTaskToken$/, '') });
      return 'error' in outcome ? outcome : 'outside';
    }
    const sync = START_AND_WAIT.exec(task.resource);
    if (sync)
      return this.nested.startAndWait(
        ref,
        effect.threadId,
        effect.wait,
        task.parameters,
        sync[1] ? 'sync:2' : 'sync',
      );
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

  /**
   * Performs a task this executor runs itself, within its TimeoutSeconds; an HTTP Task's call is
   * told to `trace` (TestState's TRACE inspection).
   */
  async perform(task: TaskRequest, trace?: HttpTrace): Promise<TaskOutcome> {
    if (task.timeoutSeconds === undefined) return this.run(task, trace);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<TaskOutcome>((resolve) => {
      timer = setTimeout(
        () => resolve({ type: 'task', error: 'States.Timeout', cause: '', timedOut: true }),
        task.timeoutSeconds! * 1000,
      );
    });
    try {
      return await Promise.race([this.run(task, trace), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async run(task: TaskRequest, trace?: HttpTrace): Promise<TaskOutcome> {
    if (LAMBDA_FUNCTION.test(task.resource)) return this.lambda.invoke(task.resource, task.parameters, false);
    for (const [resource, perform] of this.integrations)
      if (resource.test(task.resource)) return perform(task.parameters, trace);
    if (SDK_RESOURCE.test(task.resource)) return this.sdk.call(task.resource, task.parameters);
    return taskFailed(
      'States.Runtime',
      `The resource '${task.resource}' is not one this deployment runs (Lambda functions registered with SWITCHYARD_LAMBDA_FUNCTIONS, HTTP Tasks, and the SQS, SNS, Step Functions and AWS SDK integrations are).`,
    );
  }
}
