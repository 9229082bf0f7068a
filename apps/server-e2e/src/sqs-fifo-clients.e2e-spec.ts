import { join } from 'node:path';
import { Clock } from '@switchyard/runtime';
import {
  AwsCli,
  ClientSandbox,
  requireExecutable,
  AWS_CLI,
  SYSTEM_PYTHON,
} from './test-support/external-clients';
import { startTestServer, type TestServer } from './test-support/test-server';

describe('SQS FIFO queues through the AWS CLI and boto3 (query/XML protocol)', () => {
  let server: TestServer;
  let sandbox: ClientSandbox;
  let cli: AwsCli;
  let offsetMs = 0;

  beforeAll(async () => {
    requireExecutable(AWS_CLI, 'apt-get install -y awscli');
    requireExecutable(SYSTEM_PYTHON, 'apt-get install -y python3-boto3');
    sandbox = new ClientSandbox();
    server = await startTestServer();
    server.running.app.get(Clock).now = () => Date.now() + offsetMs;
    cli = new AwsCli(sandbox, server.url);
  });
  afterAll(async () => {
    sandbox?.cleanup();
    await server?.close();
  });

  it('de-duplicates CLI sends by id within 5 minutes and numbers them', async () => {
    const { QueueUrl } = await cli.sqs(
      'create-queue',
      '--queue-name',
      'cli.fifo',
      '--attributes',
      'FifoQueue=true',
    );
    const send = (dedup: string) =>
      cli.sqs(
        'send-message',
        '--queue-url',
        QueueUrl,
        '--message-body',
        'hi',
        '--message-group-id',
        'g',
        '--message-deduplication-id',
        dedup,
      );
    const first = await send('k1');
    expect(first.SequenceNumber).toMatch(/^\d{20}$/);
    expect((await send('k1')).MessageId).toBe(first.MessageId);
    offsetMs = 5 * 60 * 1000 + 1;
    const later = await send('k1');
    expect(later.MessageId).not.toBe(first.MessageId);
    const got = await cli.sqs(
      'receive-message',
      '--queue-url',
      QueueUrl,
      '--max-number-of-messages',
      '10',
      '--attribute-names',
      'All',
    );
    offsetMs = 0;
    expect(got.Messages.map((m: { MessageId: string }) => m.MessageId)).toEqual([
      first.MessageId,
      later.MessageId,
    ]);
    expect(got.Messages[0].Attributes).toMatchObject({
      MessageGroupId: 'g',
      MessageDeduplicationId: 'k1',
      SequenceNumber: first.SequenceNumber,
    });
  });

  it('de-duplicates by content and reports FIFO errors to the CLI', async () => {
    const { QueueUrl } = await cli.sqs(
      'create-queue',
      '--queue-name',
      'cli-content.fifo',
      '--attributes',
      'FifoQueue=true,ContentBasedDeduplication=true',
    );
    const a = await cli.sqs(
      'send-message',
      '--queue-url',
      QueueUrl,
      '--message-body',
      'same',
      '--message-group-id',
      'g',
    );
    const b = await cli.sqs(
      'send-message',
      '--queue-url',
      QueueUrl,
      '--message-body',
      'same',
      '--message-group-id',
      'g',
    );
    expect(b.MessageId).toBe(a.MessageId);
    const noGroup = await cli.raw('send-message', '--queue-url', QueueUrl, '--message-body', 'x');
    expect(noGroup.code).not.toBe(0);
    expect(noGroup.stderr).toContain('MissingParameter');
  });

  it('runs the FIFO flows of boto3', async () => {
    const result = await sandbox.run(SYSTEM_PYTHON, [
      join(__dirname, 'test-support', 'sqs-boto3-fifo.py'),
      server.url,
    ]);
    if (result.code !== 0) throw new Error(`boto3 FIFO flows failed:\n${result.stderr}`);
    const out = JSON.parse(result.stdout);
    expect(out.sequence).toMatch(/^\d{20}$/);
    expect(out.errors).toEqual({
      noGroup: 'MissingParameter',
      noDedup: 'InvalidParameterValue',
      delay: 'InvalidParameterValue',
    });
  });
});
