import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { FunctionRegistry } from '@switchyard/functions';
import { sdkMetadata, type TaskOutcome, taskFailed, taskSucceeded } from './task-outcome';

/** A Lambda function's ARN as a Task's resource (optionally with a version or alias). */
export const LAMBDA_FUNCTION = /^arn:[^:]+:lambda:[^:]*:\d{12}:function:[^:]+(:[^:]+)?$/;

/**
 * Lambda functions through the function registry: a function ARN as the resource (the payload is
 * the output), or the `lambda:invoke` integration (the payload inside AWS's invoke answer).
 */
@Injectable()
export class LambdaIntegration {
  constructor(private readonly functions: FunctionRegistry) {}

  /** `arn:aws:states:::lambda:invoke` with `FunctionName` and `Payload`. */
  async invokeIntegration(parameters: unknown): Promise<TaskOutcome> {
    const p = (parameters ?? {}) as { FunctionName?: unknown; Payload?: unknown };
    if (typeof p.FunctionName !== 'string')
      return taskFailed(
        'States.Runtime',
        "The field 'FunctionName' is required for the resource 'arn:aws:states:::lambda:invoke'.",
      );
    return this.invoke(p.FunctionName, p.Payload ?? {}, true);
  }

  /** Invokes a registered function; `wrapped` answers as `lambda:invoke` does (the payload inside). */
  async invoke(fn: string, payload: unknown, wrapped: boolean): Promise<TaskOutcome> {
    let answer: { status: number; body: string } | undefined;
    try {
      answer = await this.functions.invoke(fn, payload);
    } catch (e) {
      return taskFailed('Lambda.ServiceException', (e as Error).message);
    }
    if (!answer)
      return taskFailed(
        'Lambda.ResourceNotFoundException',
        `Function not found: ${fn} (Service: Lambda, Status Code: 404, Error Code: ResourceNotFoundException)`,
      );
    const body = parseBody(answer.body);
    if (answer.status < 200 || answer.status >= 300) {
      // A function error, as Lambda reports one: its errorType names the error, its whole report is the cause.
      const errorType = (body as { errorType?: unknown } | null)?.errorType;
      return taskFailed(typeof errorType === 'string' ? errorType : 'Lambda.Unknown', answer.body);
    }
    if (!wrapped) return taskSucceeded(body);
    const requestId = randomUUID();
    return taskSucceeded({
      ExecutedVersion: '$LATEST',
      Payload: body,
      ...sdkMetadata(requestId, { 'X-Amz-Executed-Version': '$LATEST' }),
      StatusCode: 200,
    });
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
