import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AWS_CLI, ClientSandbox, requireExecutable, SYSTEM_PYTHON } from './test-support/external-clients';
import { useTestServer } from './test-support/test-server';

const ROOT = join(__dirname, '../../..');

/** The README's code blocks of a language, in order, with the quick start's endpoint. */
function readmeBlocks(language: string): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/```(\w+)\n([\s\S]*?)```/g)].filter((m) => m[1] === language).map((m) => m[2]);
}

/**
 * The README's examples, pasted as a newcomer would, against a server: the AWS CLI one (Debian's
 * CLI; the dead-letter redrive needs a newer CLI than Debian ships), the SDK one and the boto3 one.
 */
describe('README examples', () => {
  const env = useTestServer({ SWITCHYARD_QUEUE_DELETE_COOLDOWN_SECONDS: '0' });
  let sandbox: ClientSandbox;

  beforeAll(() => {
    sandbox = new ClientSandbox();
  });
  afterAll(() => sandbox?.cleanup());

  const withEndpoint = (code: string) => code.replaceAll('http://localhost:4566', env.server.url);

  it('the AWS CLI example creates a queue, sends, receives and reads its attributes', async () => {
    requireExecutable(AWS_CLI, 'apt-get install -y awscli');
    const script = withEndpoint(readmeBlocks('sh')[1]).replace(/\baws /g, `${AWS_CLI} `);
    const out = await sandbox.run('/bin/bash', ['-e', '-c', script]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('"Body": "{\\"id\\":1}"');
    expect(out.stdout).toContain('"QueueArn": "arn:aws:sqs:us-east-1:000000000000:cli-orders"');
  });

  it('the SDK example prints the message it sent', async () => {
    const file = join(ROOT, 'tmp', `readme-example-${process.pid}.mjs`);
    writeFileSync(file, withEndpoint(readmeBlocks('js')[0]));
    try {
      const out = await sandbox.run(process.execPath, [file], { env: { PATH: process.env.PATH ?? '' } });
      expect([out.code, out.stdout.trim()]).toEqual([0, 'hello from the SDK']);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('the AWS CLI topic example fans a message out to both queues, the filtered one raw', async () => {
    requireExecutable(AWS_CLI, 'apt-get install -y awscli');
    const script = withEndpoint(readmeBlocks('sh')[3]).replace(/\baws /g, `${AWS_CLI} `);
    const out = await sandbox.run('/bin/bash', ['-e', '-c', script]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('"Body": "{\\"id\\":7}"');
    expect(out.stdout).toContain('\\"Type\\" : \\"Notification\\"');
  });

  it('the SDK topic example prints the message it published', async () => {
    const file = join(ROOT, 'tmp', `readme-topic-${process.pid}.mjs`);
    writeFileSync(file, withEndpoint(readmeBlocks('js')[1]));
    try {
      const out = await sandbox.run(process.execPath, [file], { env: { PATH: process.env.PATH ?? '' } });
      expect([out.code, out.stdout.trim()]).toEqual([0, 'hello from a topic']);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('the boto3 topic example prints the subject and message of the envelope', async () => {
    requireExecutable(SYSTEM_PYTHON, 'apt-get install -y python3-boto3');
    const out = await sandbox.run(SYSTEM_PYTHON, ['-c', withEndpoint(readmeBlocks('python')[1])]);
    expect([out.code, out.stdout.trim()]).toEqual([0, 'greeting / hello from boto3 through a topic']);
  });

  it('the AWS CLI workflow example runs a Standard execution to its end', async () => {
    requireExecutable(AWS_CLI, 'apt-get install -y awscli');
    const script = withEndpoint(readmeBlocks('sh')[4]).replace(/\baws /g, `${AWS_CLI} `);
    const out = await sandbox.run('/bin/bash', ['-e', '-c', script]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('"status": "SUCCEEDED"');
    expect(out.stdout).toContain('"output": "{\\"greeting\\":\\"Hello, CLI!\\"}"');
    expect(out.stdout).toContain('"type": "ExecutionSucceeded"');
  });

  it('the SDK workflow example prints the output of a synchronous Express execution', async () => {
    const file = join(ROOT, 'tmp', `readme-workflow-${process.pid}.mjs`);
    writeFileSync(file, withEndpoint(readmeBlocks('js')[2]));
    try {
      const out = await sandbox.run(process.execPath, [file], { env: { PATH: process.env.PATH ?? '' } });
      expect([out.code, out.stdout.trim()]).toEqual([0, 'Hello, workflows!']);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('the SDK activity example approves through a task token', async () => {
    const file = join(ROOT, 'tmp', `readme-approval-${process.pid}.mjs`);
    writeFileSync(file, withEndpoint(readmeBlocks('js')[3]));
    try {
      const out = await sandbox.run(process.execPath, [file], { env: { PATH: process.env.PATH ?? '' } });
      expect([out.code, out.stdout.trim()]).toEqual([0, 'SUCCEEDED {"order":7,"approved":true}']);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('the AWS CLI alerts example delivers a failed execution through a rule and a topic to a queue', async () => {
    requireExecutable(AWS_CLI, 'apt-get install -y awscli');
    const script = withEndpoint(readmeBlocks('sh')[5]).replace(/\baws /g, `${AWS_CLI} `);
    const out = await sandbox.run('/bin/bash', ['-e', '-c', script]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const event = JSON.parse(out.stdout.trim().split('\n').pop()!) as Record<string, any>;
    expect(event).toMatchObject({
      source: 'aws.states',
      'detail-type': 'Step Functions Execution Status Change',
      detail: {
        executionArn: 'arn:aws:states:us-east-1:000000000000:execution:nightly-report:run-1',
        status: 'FAILED',
        error: 'Report.Failed',
        cause: 'the database was down',
      },
    });
  });

  it('the boto3 example prints the message it sent', async () => {
    requireExecutable(SYSTEM_PYTHON, 'apt-get install -y python3-boto3');
    const out = await sandbox.run(SYSTEM_PYTHON, ['-c', withEndpoint(readmeBlocks('python')[0])]);
    expect([out.code, out.stdout.trim()]).toEqual([0, 'hello from boto3']);
  });
});
