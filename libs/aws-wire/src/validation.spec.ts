import { SFN_WIRE } from './models/sfn/sfn.wire';
import { SNS_WIRE } from './models/sns/sns.wire';
import { SQS_WIRE } from './models/sqs/sqs.wire';
import type { ServiceModel } from './shapes';
import { validateInput, type ValidationIssue } from './validation';

function issuesOf(model: ServiceModel, operation: string, input: Record<string, unknown>): ValidationIssue[] {
  return validateInput(input, model.operations[operation].input, { jsonTypes: true });
}

describe('validateInput', () => {
  it('finds missing required members, at the top and inside lists', () => {
    const issues = issuesOf(SQS_WIRE.model, 'SendMessageBatch', {
      QueueUrl: 'q',
      Entries: [{ Id: 'a' }],
    });
    expect(issues.map((i) => [i.kind, i.path])).toEqual([['required', 'Entries.1.member.MessageBody']]);
    expect(issuesOf(SQS_WIRE.model, 'SendMessage', {}).map((i) => i.member)).toEqual([
      'QueueUrl',
      'MessageBody',
    ]);
  });

  it('checks the limits table: ranges, lengths and patterns', () => {
    const issues = issuesOf(SQS_WIRE.model, 'ReceiveMessage', {
      QueueUrl: 'q',
      MaxNumberOfMessages: 11,
      WaitTimeSeconds: -1,
      ReceiveRequestAttemptId: 'has space',
    });
    expect(issues.map((i) => [i.kind, i.member, i.bound])).toEqual([
      ['range', 'MaxNumberOfMessages', 'max'],
      ['range', 'WaitTimeSeconds', 'min'],
      ['pattern', 'ReceiveRequestAttemptId', undefined],
    ]);
    expect(issuesOf(SQS_WIRE.model, 'ReceiveMessage', { QueueUrl: 'q', VisibilityTimeout: 1.5 })).toEqual([
      expect.objectContaining({ kind: 'range', member: 'VisibilityTimeout' }),
    ]);
    expect(issuesOf(SQS_WIRE.model, 'ListQueues', { QueueNamePrefix: 'x'.repeat(81) })).toEqual([
      expect.objectContaining({ kind: 'length', bound: 'max' }),
    ]);
  });

  it('counts characters, not UTF-16 units, against a length', () => {
    expect(issuesOf(SFN_WIRE.model, 'CreateActivity', { name: '😀'.repeat(80) })).toEqual([]);
    expect(issuesOf(SFN_WIRE.model, 'CreateActivity', { name: '😀'.repeat(81) })).toHaveLength(1);
  });

  it('checks enums where the service models them', () => {
    expect(
      issuesOf(SFN_WIRE.model, 'ListExecutions', { stateMachineArn: 'arn', statusFilter: 'DONE' }),
    ).toEqual([expect.objectContaining({ kind: 'enum', path: 'statusFilter', value: 'DONE' })]);
    expect(issuesOf(SFN_WIRE.model, 'ListExecutions', { statusFilter: 'RUNNING' })).toEqual([]);
  });
});

describe('each service words validation errors its own way', () => {
  it('SQS: MissingParameter, or InvalidParameterValue with the reason SQS gives', () => {
    const missing = SQS_WIRE.formatValidationError(
      issuesOf(SQS_WIRE.model, 'SendMessage', { QueueUrl: 'q' }),
    );
    expect([missing.code, missing.message]).toEqual([
      'MissingParameter',
      'The request must contain the parameter MessageBody.',
    ]);
    const range = SQS_WIRE.formatValidationError(
      issuesOf(SQS_WIRE.model, 'ReceiveMessage', { QueueUrl: 'q', MaxNumberOfMessages: 11 }),
    );
    expect([range.code, range.message]).toEqual([
      'InvalidParameterValue',
      'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.',
    ]);
  });

  it('SNS: InvalidParameter naming the parameter', () => {
    const missing = SNS_WIRE.formatValidationError(issuesOf(SNS_WIRE.model, 'CreateTopic', {}));
    expect([missing.code, missing.shape.queryCode, missing.message]).toEqual([
      'InvalidParameterException',
      'InvalidParameter',
      'Invalid parameter: Name Reason: no value for required parameter',
    ]);
    const subject = SNS_WIRE.formatValidationError(
      issuesOf(SNS_WIRE.model, 'Publish', { Message: 'm', Subject: 'x'.repeat(101) }),
    );
    expect(subject.message).toBe('Invalid parameter: Subject');
  });

  it('Step Functions: one ValidationException listing every problem', () => {
    const error = SFN_WIRE.formatValidationError(
      issuesOf(SFN_WIRE.model, 'ListExecutions', { statusFilter: 'DONE', maxResults: 1001 }),
    );
    expect(error.code).toBe('ValidationException');
    expect(error.message).toBe(
      "2 validation errors detected: Value 'DONE' at 'statusFilter' failed to satisfy constraint: " +
        'Member must satisfy enum value set: [ABORTED, FAILED, PENDING_REDRIVE, RUNNING, SUCCEEDED, TIMED_OUT]; ' +
        "Value 1001 at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
    );
    const missing = SFN_WIRE.formatValidationError(issuesOf(SFN_WIRE.model, 'DescribeExecution', {}));
    expect(missing.message).toBe(
      "1 validation error detected: Value null at 'executionArn' failed to satisfy constraint: Member must not be null",
    );
  });
});
