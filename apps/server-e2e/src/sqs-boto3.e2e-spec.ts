import { join } from 'node:path';
import { ClientSandbox, requireExecutable, SYSTEM_PYTHON } from './test-support/external-clients';
import { startTestServer, type TestServer } from './test-support/test-server';

const FLOWS_SCRIPT = join(__dirname, 'test-support', 'sqs-boto3-flows.py');

describe('SQS standard queues through boto3 (query/XML protocol)', () => {
  let server: TestServer;
  let sandbox: ClientSandbox;

  beforeAll(async () => {
    requireExecutable(SYSTEM_PYTHON, 'apt-get install -y python3');
    sandbox = new ClientSandbox();
    const probe = await sandbox.run(SYSTEM_PYTHON, ['-c', 'import boto3']);
    if (probe.code !== 0)
      throw new Error(
        `boto3 is not importable by ${SYSTEM_PYTHON} (apt-get install -y python3-boto3): ${probe.stderr}`,
      );
    server = await startTestServer();
  });
  afterAll(async () => {
    sandbox?.cleanup();
    await server?.close();
  });

  /** Runs one flow of the Python script; its own assertions fail the flow, its JSON output is returned. */
  async function flow(name: string): Promise<any> {
    const result = await sandbox.run(SYSTEM_PYTHON, [FLOWS_SCRIPT, server.url, name]);
    if (result.code !== 0)
      throw new Error(`boto3 flow "${name}" failed (exit ${result.code}):\n${result.stderr}`);
    return JSON.parse(result.stdout);
  }

  it('creates, lists, configures, tags and deletes queues', async () => {
    const out = await flow('queues');
    expect(out.queues).toEqual([`${server.url}/000000000000/boto-a`]);
    expect(out.tags).toEqual({ team: 'payments' });
    expect(out.attributes).toMatchObject({ VisibilityTimeout: '40', DelaySeconds: '0' });
  });

  it('sends with attributes, receives selected message attributes, changes visibility, deletes and purges', async () => {
    const out = await flow('messages');
    expect(out.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.received).toBe(3);
  });

  it('moves a message past maxReceiveCount to the dead-letter queue', async () => {
    const out = await flow('redrive');
    expect(out.deadLetterSourceArn).toBe('arn:aws:sqs:us-east-1:000000000000:boto-source');
  });

  it('reports AWS error codes to botocore', async () => {
    expect(await flow('errors')).toEqual({
      missing: 'AWS.SimpleQueueService.NonExistentQueue',
      attributeValue: 'InvalidAttributeValue',
      attributeName: 'InvalidAttributeName',
      delay: 'InvalidParameterValue',
      maxMessages: 'InvalidParameterValue',
      receipt: 'ReceiptHandleIsInvalid',
      distinct: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
      nameExists: 'QueueAlreadyExists',
    });
  });
});
