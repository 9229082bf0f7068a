import { type SFNClient, TestStateCommand } from '@aws-sdk/client-sfn';
import { CreateQueueCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { startTestServer, type TestServer } from './test-support/test-server';

const ROLE = 'arn:aws:iam::000000000000:role/StepFunctionsRole';

/** TestState through the SDK: one state run with its calls made for real, and AWS's inspection data. */
describe('Step Functions TestState', () => {
  let server: TestServer;
  let sfn: SFNClient;
  let sqs: SQSClient;

  beforeAll(async () => {
    server = await startTestServer();
    sfn = server.sfn();
    sqs = server.sqs();
  });
  afterAll(async () => server?.close());

  const test = (
    definition: object,
    input: object,
    extra: Partial<ConstructorParameters<typeof TestStateCommand>[0]> = {},
  ) =>
    sfn.send(
      new TestStateCommand({
        definition: JSON.stringify(definition),
        roleArn: ROLE,
        input: JSON.stringify(input),
        ...extra,
      }),
    );

  it('answers a Pass state with its output and next state, and each stage at DEBUG', async () => {
    const state = {
      Type: 'Pass',
      InputPath: '$.order',
      Parameters: { 'id.$': '$.id' },
      ResultPath: '$.picked',
      Next: 'Ship',
    };
    const info = await test(state, { order: { id: 3 } });
    expect(info).toMatchObject({
      status: 'SUCCEEDED',
      nextState: 'Ship',
      output: '{"order":{"id":3},"picked":{"id":3}}',
    });
    expect(info.inspectionData).toBeUndefined();
    const debug = await test(state, { order: { id: 3 } }, { inspectionLevel: 'DEBUG' });
    expect(debug.inspectionData).toMatchObject({
      input: '{"order":{"id":3}}',
      afterInputPath: '{"id":3}',
      afterParameters: '{"id":3}',
      result: '{"id":3}',
      afterResultPath: '{"order":{"id":3},"picked":{"id":3}}',
    });
  });

  it('makes a Task state call for real: the message is in the queue', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'test-state-target' }));
    const answer = await test(
      {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage',
        Parameters: { QueueUrl, 'MessageBody.$': '$.text' },
        ResultSelector: { 'id.$': '$.MessageId' },
        End: true,
      },
      { text: 'tested' },
      { inspectionLevel: 'DEBUG' },
    );
    expect(answer.status).toBe('SUCCEEDED');
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
    expect(Messages?.[0].Body).toBe('tested');
    expect(JSON.parse(answer.output!)).toEqual({ id: Messages![0].MessageId });
    expect(JSON.parse(answer.inspectionData!.afterParameters!)).toEqual({ QueueUrl, MessageBody: 'tested' });
  });

  it('says RETRIABLE or CAUGHT_ERROR as the state would handle a failed call', async () => {
    const failing = {
      Type: 'Task',
      Resource: 'arn:aws:states:::sns:publish',
      Parameters: { TopicArn: 'arn:aws:sns:us-east-1:000000000000:missing', Message: 'x' },
      End: true,
    };
    const retriable = await test(
      { ...failing, Retry: [{ ErrorEquals: ['SNS.NotFoundException'], IntervalSeconds: 2, MaxAttempts: 1 }] },
      {},
      { inspectionLevel: 'DEBUG' },
    );
    expect(retriable).toMatchObject({ status: 'RETRIABLE', error: 'SNS.NotFoundException' });
    expect(retriable.inspectionData?.errorDetails).toEqual({ retryIndex: 0, retryBackoffIntervalSeconds: 2 });
    const caught = await test(
      { ...failing, Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.err', Next: 'Report' }] },
      { a: 1 },
    );
    expect(caught).toMatchObject({
      status: 'CAUGHT_ERROR',
      nextState: 'Report',
      error: 'SNS.NotFoundException',
    });
    expect(JSON.parse(caught.output!).err.Error).toBe('SNS.NotFoundException');
    const failed = await test(failing, {});
    expect(failed).toMatchObject({ status: 'FAILED', error: 'SNS.NotFoundException' });
  });

  it('answers a mocked task without calling anything', async () => {
    const answer = await test(
      {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage',
        Parameters: { QueueUrl: 'nowhere', MessageBody: 'x' },
        End: true,
      },
      {},
      { mock: { result: '{"MessageId":"mocked"}' } },
    );
    expect(answer).toMatchObject({ status: 'SUCCEEDED', output: '{"MessageId":"mocked"}' });
  });

  it("refuses what TestState cannot run, and bad input, with AWS's errors", async () => {
    await expect(
      test({ Type: 'Task', Resource: 'arn:aws:states:us-east-1:000000000000:activity:a', End: true }, {}),
    ).rejects.toMatchObject({ name: 'InvalidDefinition', message: expect.stringMatching(/Activity tasks/) });
    await expect(test({ Type: 'Pass', End: 'yes' }, {})).rejects.toMatchObject({ name: 'InvalidDefinition' });
    await expect(
      sfn.send(new TestStateCommand({ definition: '{"Type":"Pass","End":true}', roleArn: ROLE, input: '{' })),
    ).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
    await expect(
      sfn.send(
        new TestStateCommand({ definition: '{"Type":"Pass","End":true}', roleArn: ROLE, variables: '[1]' }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });
});
