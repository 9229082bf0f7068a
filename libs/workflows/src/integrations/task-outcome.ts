import { randomUUID } from 'node:crypto';
import type { PendingOutcome } from '@switchyard/asl';
import { AwsError, CommonErrors } from '@switchyard/aws-wire';

/** What a Task state's work answers: its output, or an error and cause Retry and Catch see. */
export type TaskOutcome = Extract<PendingOutcome, { type: 'task' }>;

export function taskSucceeded(output: unknown): TaskOutcome {
  return { type: 'task', output };
}

export function taskFailed(error: string, cause: string): TaskOutcome {
  return { type: 'task', error, cause };
}

/**
 * The HTTP metadata AWS's optimised integrations (Lambda, SQS, SNS) add to a call's output, as the
 * AWS SDK for Java reports it: every header as a list in `AllHttpHeaders`, the last value of each in
 * `HttpHeaders`.
 */
export function sdkMetadata(
  requestId: string,
  headers: Record<string, string> = {},
): { SdkHttpMetadata: unknown; SdkResponseMetadata: unknown } {
  const all: Record<string, string> = { ...headers, 'x-amzn-RequestId': requestId };
  return {
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(Object.entries(all).map(([k, v]) => [k, [v]])),
      HttpHeaders: all,
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
  };
}

/** How a service names itself in the failures of its integrations. */
export interface IntegrationService {
  /** The prefix of an optimised integration's error names (`SQS`, `SNS`, `StepFunctions`). */
  readonly errorPrefix: string;
  /** The service in an optimised integration's cause (`AmazonSQS`, `AmazonSNS`, `AWSStepFunctions`). */
  readonly causeName: string;
  /** Whether the cause names the query protocol's error code (`AWS.SimpleQueueService.NonExistentQueue`). */
  readonly queryCodes: boolean;
  /**
   * One error name for every failure (SQS's `SQS.AmazonSQSException`), or undefined for
   * `<prefix>.<code>Exception` per error (`SNS.NotFoundException`).
   */
  readonly oneErrorName?: string;
}

/** An AWS error code with AWS's `Exception` suffix, added where the code lacks it. */
export function exceptionName(code: string): string {
  return code.endsWith('Exception') ? code : `${code}Exception`;
}

/**
 * A failed call of an optimised integration, as AWS records it: the error named for the service, and
 * a cause naming service, status code, error code and request id after the service's message.
 */
export function integrationFailure(e: unknown, service: IntegrationService): TaskOutcome {
  const requestId = randomUUID();
  const error = asAwsError(e);
  const code = service.queryCodes ? (error.shape.queryCode ?? error.code) : error.code;
  return taskFailed(
    service.oneErrorName ?? `${service.errorPrefix}.${exceptionName(error.code)}`,
    `${error.message} (Service: ${service.causeName}; Status Code: ${error.shape.status}; Error Code: ${code}; Request ID: ${requestId}; Proxy: null)`,
  );
}

/**
 * A failed call of an AWS SDK integration (`aws-sdk:<service>:<action>`), as AWS records it:
 * `<Service>.<Code>Exception` (AWS always adds the suffix) and the AWS SDK's words for the cause.
 */
export function sdkFailure(e: unknown, service: string): TaskOutcome {
  const error = asAwsError(e);
  return taskFailed(
    `${service}.${exceptionName(error.code)}`,
    `${error.message} (Service: ${service}, Status Code: ${error.shape.status}, Request ID: ${randomUUID()})`,
  );
}

/** A failure that is not an AWS error is the service's internal failure (it is logged where it happened). */
function asAwsError(e: unknown): AwsError {
  if (e instanceof AwsError) return e;
  return new AwsError(CommonErrors.InternalFailure, (e as Error)?.message ?? String(e));
}
