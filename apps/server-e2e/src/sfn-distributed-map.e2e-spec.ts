import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListMapRunsCommand,
  RedriveExecutionCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  UpdateMapRunCommand,
} from '@aws-sdk/client-sfn';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { createStateMachine, describeWhenEnded } from './test-support/step-functions';
import { startTestServer, type TestServer } from './test-support/test-server';

/** A Distributed Map whose items double a number, failing where an item asks to. */
function fanOut(extra: object = {}) {
  return {
    StartAt: 'Fan',
    States: {
      Fan: {
        Type: 'Map',
        Label: 'Doubling',
        ItemsPath: '$.items',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Check',
          States: {
            Check: {
              Type: 'Choice',
              Choices: [{ Variable: '$.fail', IsPresent: true, Next: 'Broken' }],
              Default: 'Double',
            },
            Double: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, $.n)' }, End: true },
            Broken: { Type: 'Fail', Error: 'Item.Broken', Cause: 'asked to fail' },
          },
        },
        End: true,
        ...extra,
      },
    },
  };
}

/** The next message of a queue, waiting for it up to 20 seconds. */
async function receiveOne(sqs: SQSClient, queueUrl: string): Promise<Message> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 2 }),
    );
    if (Messages?.length) return Messages[0];
  }
  throw new Error(`no message arrived on ${queueUrl}`);
}

/** Distributed Maps: every item a child execution on the executors, and the map run APIs. */
describe('Step Functions Distributed Map', () => {
  let server: TestServer;
  let sfn: SFNClient;
  /** The folder the `local` bucket leads to, and the web server the `web` bucket leads to. */
  const folder = mkdtempSync(join(tmpdir(), 'dmap-bucket-'));
  let web: Server;

  beforeAll(async () => {
    web = createServer((req, res) =>
      req.url === '/docs/lines.jsonl'
        ? res.writeHead(200).end('{"n":5}\n{"n":6}\n')
        : res.writeHead(404).end('no such object'),
    );
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    server = await startTestServer({
      SWITCHYARD_BUCKETS: `local=${pathToFileURL(folder).href},web=http://127.0.0.1:${(web.address() as AddressInfo).port}/docs`,
    });
    sfn = server.sfn();
  });
  afterAll(async () => {
    await server?.close();
    await new Promise((resolve) => web?.close(resolve));
    rmSync(folder, { recursive: true, force: true });
  });

  const machine = (name: string, definition: object) => createStateMachine(sfn, name, definition);

  const ended = (executionArn: string) => describeWhenEnded(sfn, executionArn);

  it('runs every item as a child execution, MaxConcurrency at a time, and joins their outputs in order', async () => {
    const stateMachineArn = await machine('dmap-double', fanOut({ MaxConcurrency: 5 }));
    const items = Array.from({ length: 40 }, (_, n) => ({ n }));
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ items }) }),
    );
    const d = await ended(executionArn!);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!)).toEqual(items.map(({ n }) => ({ n: 2 * n })));

    const { mapRuns } = await sfn.send(new ListMapRunsCommand({ executionArn }));
    expect(mapRuns).toHaveLength(1);
    const mapRunArn = mapRuns![0].mapRunArn!;
    expect(mapRunArn).toMatch(
      /^arn:aws:states:us-east-1:000000000000:mapRun:dmap-double\/Doubling:[0-9a-f-]{36}$/,
    );
    const run = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    expect(run).toMatchObject({
      executionArn,
      status: 'SUCCEEDED',
      maxConcurrency: 5,
      itemCounts: { total: 40, succeeded: 40, failed: 0, running: 0, pending: 0 },
    });
    expect(run.stopDate).toBeInstanceOf(Date);

    const children = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new ListExecutionsCommand({ mapRunArn, maxResults: 15, nextToken }));
      children.push(...page.executions!);
      nextToken = page.nextToken;
    } while (nextToken);
    expect(children).toHaveLength(40);
    expect(new Set(children.map((c) => c.executionArn)).size).toBe(40);
    expect(children[0]).toMatchObject({
      status: 'SUCCEEDED',
      mapRunArn,
      stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:dmap-double/Doubling',
    });
    const child = await sfn.send(new DescribeExecutionCommand({ executionArn: children[3].executionArn }));
    expect(child).toMatchObject({ status: 'SUCCEEDED', input: '{"n":3}', output: '{"n":6}', mapRunArn });
    // The parent machine's executions are the parent alone.
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn }));
    expect(listed.executions!.map((e) => e.executionArn)).toEqual([executionArn]);
  });

  it('tolerates as many failed items as it is told, reporting them in the output', async () => {
    const stateMachineArn = await machine('dmap-tolerant', fanOut({ ToleratedFailureCount: 2 }));
    const items = [{ n: 1 }, { fail: true }, { n: 2 }, { fail: true }];
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ items }) }),
    );
    const d = await ended(executionArn!);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!)).toEqual([
      { n: 2 },
      { Error: 'Item.Broken', Cause: 'asked to fail' },
      { n: 4 },
      { Error: 'Item.Broken', Cause: 'asked to fail' },
    ]);
  });

  it('fails with States.ExceedToleratedFailureThreshold beyond that', async () => {
    const stateMachineArn = await machine(
      'dmap-intolerant',
      fanOut({ ToleratedFailurePercentage: 20, MaxConcurrency: 1 }),
    );
    const items = [{ fail: true }, { fail: true }, { n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }];
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ items }) }),
    );
    const d = await ended(executionArn!);
    expect(d).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' });
    const { mapRuns } = await sfn.send(new ListMapRunsCommand({ executionArn }));
    const run = await sfn.send(new DescribeMapRunCommand({ mapRunArn: mapRuns![0].mapRunArn }));
    // It stopped starting items once two of six had failed (more than 20%).
    expect(run.status).toBe('FAILED');
    expect(run.itemCounts).toMatchObject({ total: 6, failed: 2, succeeded: 0, pending: 4 });
  });

  it('stops the children still running when the run fails', async () => {
    const stateMachineArn = await machine('dmap-fail-fast', {
      StartAt: 'Fan',
      States: {
        Fan: {
          Type: 'Map',
          ItemsPath: '$.items',
          MaxConcurrency: 3,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'Check',
            States: {
              Check: {
                Type: 'Choice',
                Choices: [{ Variable: '$.fail', IsPresent: true, Next: 'Broken' }],
                Default: 'Sleep',
              },
              // Wait until every child has started, then fail.
              Broken: { Type: 'Wait', Seconds: 1, Next: 'Boom' },
              Boom: { Type: 'Fail', Error: 'Item.Broken' },
              Sleep: { Type: 'Wait', Seconds: 3600, End: true },
            },
          },
          End: true,
        },
      },
    });
    const items = [{ fail: true }, { n: 1 }, { n: 2 }];
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ items }) }),
    );
    // Without the stop, the parent would wait an hour for the sleeping children.
    const d = await ended(executionArn!);
    expect(d).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' });
    const { mapRuns } = await sfn.send(new ListMapRunsCommand({ executionArn }));
    const mapRunArn = mapRuns![0].mapRunArn!;
    expect(await sfn.send(new DescribeMapRunCommand({ mapRunArn }))).toMatchObject({
      status: 'FAILED',
      itemCounts: { total: 3, failed: 1, aborted: 2, running: 0 },
    });
    const children = (await sfn.send(new ListExecutionsCommand({ mapRunArn }))).executions!;
    expect(children.map((c) => c.status).sort()).toEqual(['ABORTED', 'ABORTED', 'FAILED']);
  });

  it('changes a run with UpdateMapRun, and refuses runs that are not there', async () => {
    const stateMachineArn = await machine('dmap-update', fanOut({ MaxConcurrency: 1 }));
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ items: [{ n: 1 }, { n: 2 }] }) }),
    );
    let mapRunArn: string | undefined;
    while (!mapRunArn) {
      mapRunArn = (await sfn.send(new ListMapRunsCommand({ executionArn }))).mapRuns?.[0]?.mapRunArn;
      await new Promise((r) => setTimeout(r, 20));
    }
    await sfn.send(new UpdateMapRunCommand({ mapRunArn, maxConcurrency: 10, toleratedFailureCount: 3 }));
    expect(await sfn.send(new DescribeMapRunCommand({ mapRunArn }))).toMatchObject({
      maxConcurrency: 10,
      toleratedFailureCount: 3,
    });
    expect((await ended(executionArn!)).status).toBe('SUCCEEDED');
    const missing = mapRunArn.replace(/:[0-9a-f-]{36}$/, ':00000000-0000-0000-0000-000000000000');
    await expect(sfn.send(new DescribeMapRunCommand({ mapRunArn: missing }))).rejects.toMatchObject({
      name: 'ResourceNotFound',
    });
    await expect(sfn.send(new DescribeMapRunCommand({ mapRunArn: executionArn! }))).rejects.toMatchObject({
      name: 'InvalidArn',
    });
    await expect(sfn.send(new UpdateMapRunCommand({ mapRunArn }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('aborts the run when its parent is stopped: no more children start, the running ones stop', async () => {
    const stateMachineArn = await machine('dmap-stopped', {
      StartAt: 'Fan',
      States: {
        Fan: {
          Type: 'Map',
          ItemsPath: '$.items',
          MaxConcurrency: 3,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'Sleep',
            States: { Sleep: { Type: 'Wait', Seconds: 3600, End: true } },
          },
          End: true,
        },
      },
    });
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ items: [1, 2, 3, 4, 5, 6] }) }),
    );
    let mapRunArn: string | undefined;
    for (;;) {
      mapRunArn = (await sfn.send(new ListMapRunsCommand({ executionArn }))).mapRuns?.[0]?.mapRunArn;
      const running =
        mapRunArn && (await sfn.send(new DescribeMapRunCommand({ mapRunArn }))).itemCounts?.running;
      if (running === 3) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await sfn.send(new StopExecutionCommand({ executionArn }));
    const deadline = Date.now() + 15_000;
    let run = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    while (run.itemCounts!.running! > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      run = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    }
    expect(run).toMatchObject({
      status: 'ABORTED',
      itemCounts: { total: 6, running: 0, aborted: 3, pending: 3 },
    });
    const children = await sfn.send(new ListExecutionsCommand({ mapRunArn }));
    expect(children.executions!.map((c) => c.status)).toEqual(['ABORTED', 'ABORTED', 'ABORTED']);
  });

  it('redrives its run with the parent: only the items that did not succeed run again, under their ARNs', async () => {
    const sqs = server.sqs();
    const queueName = `dmap-approvals-${Date.now()}`;
    // Odd items wait for an approval sent through a queue; the queue does not exist at first.
    const stateMachineArn = await machine('dmap-redriven', {
      StartAt: 'Fan',
      States: {
        Fan: {
          Type: 'Map',
          ItemsPath: '$.items',
          MaxConcurrency: 1,
          ToleratedFailureCount: 2,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'Odd',
            States: {
              Odd: {
                Type: 'Choice',
                Choices: [{ Variable: '$.odd', BooleanEquals: true, Next: 'Approve' }],
                Default: 'Done',
              },
              Approve: {
                Type: 'Task',
                Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
                Parameters: {
                  QueueUrl: `http://localhost/000000000000/${queueName}`,
                  MessageBody: { 'token.$': '$$.Task.Token', 'n.$': '$.n' },
                },
                End: true,
              },
              Done: { Type: 'Pass', End: true },
            },
          },
          End: true,
        },
      },
    });
    const items = Array.from({ length: 10 }, (_, n) => ({ n, odd: n % 2 === 1 }));
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ items }) }),
    );
    // One at a time: items 0 to 5 run, and the third failure (item 5) fails the run.
    const failed = await ended(executionArn!);
    expect(failed).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' });
    const mapRunArn = (await sfn.send(new ListMapRunsCommand({ executionArn }))).mapRuns![0].mapRunArn!;
    expect(await sfn.send(new DescribeMapRunCommand({ mapRunArn }))).toMatchObject({
      status: 'FAILED',
      redriveCount: 0,
      itemCounts: { total: 10, succeeded: 3, failed: 3, pending: 4, pendingRedrive: 0 },
    });

    const { QueueUrl: queueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: queueName }));
    await sfn.send(new RedriveExecutionCommand({ executionArn }));
    // Item 1 is redriven first and waits; items 3 and 5 wait their turn to be redriven.
    let approval = await receiveOne(sqs, queueUrl!);
    expect(JSON.parse(approval.Body!).n).toBe(1);
    const pendingRedrive = await sfn.send(
      new ListExecutionsCommand({ mapRunArn, statusFilter: 'PENDING_REDRIVE' }),
    );
    expect(pendingRedrive.executions).toHaveLength(2);
    expect(pendingRedrive.executions!.every((e) => e.status === 'PENDING_REDRIVE')).toBe(true);
    expect(await sfn.send(new DescribeMapRunCommand({ mapRunArn }))).toMatchObject({
      status: 'RUNNING',
      redriveCount: 1,
      itemCounts: { succeeded: 3, running: 1, pendingRedrive: 2, pending: 4, failed: 0 },
    });
    const approved: number[] = [];
    for (;;) {
      const { token, n } = JSON.parse(approval.Body!) as { token: string; n: number };
      approved.push(n);
      await sfn.send(
        new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ approved: n }) }),
      );
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: approval.ReceiptHandle }));
      if (approved.length === 5) break;
      approval = await receiveOne(sqs, queueUrl!);
    }
    expect(approved).toEqual([1, 3, 5, 7, 9]);

    const d = await ended(executionArn!);
    expect(d).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1 });
    expect(JSON.parse(d.output!)).toEqual(items.map((item) => (item.odd ? { approved: item.n } : item)));
    const run = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    expect(run).toMatchObject({
      status: 'SUCCEEDED',
      redriveCount: 1,
      itemCounts: { total: 10, succeeded: 10, failed: 0, pending: 0, pendingRedrive: 0 },
    });
    expect(run.redriveDate).toBeInstanceOf(Date);
    // The same run, redriven: no new run, and MapRunRedriven in the parent's history.
    expect((await sfn.send(new ListMapRunsCommand({ executionArn }))).mapRuns).toHaveLength(1);
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    const types = history.events!.map((e) => e.type);
    expect(types.filter((t) => t === 'MapRunStarted')).toHaveLength(1);
    const redriven = history.events!.find((e) => e.type === 'MapRunRedriven');
    expect(redriven?.mapRunRedrivenEventDetails).toEqual({ mapRunArn, redriveCount: 1 });
    expect(types.indexOf('ExecutionRedriven')).toBeLessThan(types.indexOf('MapRunRedriven'));
    // The three failed children were redriven under their ARNs; the four never started ran once.
    const children = (await sfn.send(new ListExecutionsCommand({ mapRunArn }))).executions!;
    expect(children).toHaveLength(10);
    expect(children.filter((c) => c.redriveCount === 1)).toHaveLength(3);
    expect(children.every((c) => c.status === 'SUCCEEDED')).toBe(true);
    const redrivenChildren = await sfn.send(
      new ListExecutionsCommand({ mapRunArn, redriveFilter: 'REDRIVEN' }),
    );
    expect(redrivenChildren.executions!.map((c) => c.executionArn).sort()).toEqual(
      children
        .filter((c) => c.redriveCount === 1)
        .map((c) => c.executionArn)
        .sort(),
    );
    expect(redrivenChildren.executions![0].executionArn).toContain(`:execution:dmap-redriven/`);
  });

  describe('item readers and result writers (S3 buckets lead to configured locations)', () => {
    const reading = (reader: object, extra: object = {}) => ({
      StartAt: 'Fan',
      States: {
        Fan: {
          Type: 'Map',
          ItemReader: reader,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'Echo',
            States: { Echo: { Type: 'Pass', End: true } },
          },
          End: true,
          ...extra,
        },
      },
    });

    it('reads a CSV document from a folder and writes the results there with a manifest', async () => {
      writeFileSync(join(folder, 'people.csv'), 'id,name\n1,ann\n2,"bob, jr"\n3,cy\n');
      const stateMachineArn = await machine(
        'dmap-csv',
        reading(
          {
            Resource: 'arn:aws:states:::s3:getObject',
            ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', MaxItems: 2 },
            Parameters: { Bucket: 'local', Key: 'people.csv' },
          },
          {
            ResultWriter: {
              Resource: 'arn:aws:states:::s3:putObject',
              Parameters: { Bucket: 'local', Prefix: 'out' },
              WriterConfig: { Transformation: 'COMPACT', OutputType: 'JSONL' },
            },
          },
        ),
      );
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
      const d = await ended(executionArn!);
      expect(d.status).toBe('SUCCEEDED');
      const output = JSON.parse(d.output!) as {
        MapRunArn: string;
        ResultWriterDetails: { Bucket: string; Key: string };
      };
      const runId = output.MapRunArn.slice(output.MapRunArn.lastIndexOf(':') + 1);
      expect(output.ResultWriterDetails).toEqual({ Bucket: 'local', Key: `out/${runId}/manifest.json` });
      const manifest = JSON.parse(readFileSync(join(folder, 'out', runId, 'manifest.json'), 'utf8'));
      expect(manifest).toMatchObject({
        MapRunArn: output.MapRunArn,
        ResultFiles: { SUCCEEDED: [{ Key: `out/${runId}/SUCCEEDED_0.jsonl` }] },
      });
      expect(readFileSync(join(folder, 'out', runId, 'SUCCEEDED_0.jsonl'), 'utf8')).toBe(
        '{"id":"1","name":"ann"}\n{"id":"2","name":"bob, jr"}',
      );
    });

    it('reads JSONL from an HTTP location', async () => {
      const stateMachineArn = await machine(
        'dmap-jsonl',
        reading({
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'JSONL' },
          Parameters: { Bucket: 'web', Key: 'lines.jsonl' },
        }),
      );
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
      const d = await ended(executionArn!);
      expect(JSON.parse(d.output!)).toEqual([{ n: 5 }, { n: 6 }]);
    });

    it('drains a queue into its items, deleting the messages once the items are stored', async () => {
      const sqs = server.sqs();
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'dmap-source' }));
      for (let n = 0; n < 25; n++)
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify({ n }) }));
      const stateMachineArn = await machine('dmap-drain', {
        StartAt: 'Fan',
        States: {
          Fan: {
            Type: 'Map',
            ItemReader: {
              Resource: 'arn:aws:states:::sqs:receiveMessage',
              ReaderConfig: { MaxItems: 20 },
              Parameters: { QueueUrl },
            },
            ItemSelector: { 'body.$': 'States.StringToJson($$.Map.Item.Value.Body)' },
            ItemProcessor: {
              ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
              StartAt: 'Take',
              States: { Take: { Type: 'Pass', OutputPath: '$.body.n', End: true } },
            },
            End: true,
          },
        },
      });
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
      const d = await ended(executionArn!);
      expect(d.status).toBe('SUCCEEDED');
      const drained = JSON.parse(d.output!) as number[];
      expect(drained).toHaveLength(20);
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      expect(Attributes).toEqual({
        ApproximateNumberOfMessages: '5',
        ApproximateNumberOfMessagesNotVisible: '0',
      });
    });

    it('redrives a run drained from a queue with the items it drained, draining nothing more', async () => {
      const sqs = server.sqs();
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'dmap-redrain' }));
      for (let n = 0; n < 4; n++)
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify({ n }) }));
      const gate = `dmap-redrain-gate-${Date.now()}`;
      const stateMachineArn = await machine('dmap-redrain', {
        StartAt: 'Fan',
        States: {
          Fan: {
            Type: 'Map',
            ItemReader: { Resource: 'arn:aws:states:::sqs:receiveMessage', Parameters: { QueueUrl } },
            ItemSelector: { 'body.$': 'States.StringToJson($$.Map.Item.Value.Body)' },
            ItemProcessor: {
              ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
              StartAt: 'Pass on',
              States: {
                // The gate queue does not exist on the first attempt.
                'Pass on': {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::sqs:sendMessage',
                  Parameters: {
                    QueueUrl: `http://localhost/000000000000/${gate}`,
                    'MessageBody.$': '$.body',
                  },
                  ResultSelector: { 'sent.$': '$.MessageId' },
                  End: true,
                },
              },
            },
            End: true,
          },
        },
      });
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
      expect((await ended(executionArn!)).status).toBe('FAILED');
      // Two messages arrive after the first attempt drained the queue; the redrive leaves them be.
      for (let n = 4; n < 6; n++)
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify({ n }) }));
      const { QueueUrl: gateUrl } = await sqs.send(new CreateQueueCommand({ QueueName: gate }));
      await sfn.send(new RedriveExecutionCommand({ executionArn }));
      const d = await ended(executionArn!);
      expect(d.status).toBe('SUCCEEDED');
      expect(JSON.parse(d.output!)).toHaveLength(4);
      const attributes = async (url: string) =>
        (
          await sqs.send(
            new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
          )
        ).Attributes!.ApproximateNumberOfMessages;
      expect(await attributes(QueueUrl!)).toBe('2');
      expect(await attributes(gateUrl!)).toBe('4');
    });

    it('fails with States.ItemReaderFailed for what it cannot read', async () => {
      const stateMachineArn = await machine(
        'dmap-unreadable',
        reading({
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'JSON' },
          Parameters: { Bucket: 'web', Key: 'missing.json' },
        }),
      );
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
      const d = await ended(executionArn!);
      expect(d).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed' });
      expect(d.cause).toMatch(/404/);
    });
  });
});
