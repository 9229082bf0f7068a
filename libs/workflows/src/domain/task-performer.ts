import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { PendingOutcome, TaskRequest } from '@switchyard/asl';
import { FunctionRegistry } from '@switchyard/functions';

const LAMBDA_FUNCTION = /^arn:[^:]+:lambda:[^:]*:\d{12}:function:[^:]+(:[^:]+)?$/;
const LAMBDA_INVOKE = /^arn:[^:]+:states:::lambda:invoke$/;

type TaskOutcome = Extract<PendingOutcome, { type: 'task' }>;

/**
 * Performs the Task states an executor runs: Lambda functions (a plain function ARN, or the
 * `lambda:invoke` integration) through the function registry, answering as AWS's Lambda integration
 * does. Anything else fails the task with AWS's words for a resource the execution cannot use.
 */
@Injectable()
export class TaskPerformer {
  constructor(private readonly functions: FunctionRegistry) {}

  async perform(task: TaskRequest): Promise<TaskOutcome> {
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
