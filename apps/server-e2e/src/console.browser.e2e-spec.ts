import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { receiveMessages } from './test-support/event-bridge';
import { TEST_ROLE } from './test-support/step-functions';
import { useTestServer } from './test-support/test-server';

const ROOT = join(__dirname, '..', '..', '..');
const CHROMIUM = '/usr/bin/chromium';
/** Where the run leaves its screenshots (git-ignored); README.md shows committed copies from docs/images. */
const SCREENSHOTS = join(ROOT, 'tmp', 'console-screenshots');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  if (!existsSync(join(ROOT, 'apps/console/dist/index.html')))
    throw new Error('the console is not built: npm run build:console');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking'],
  });
}

/** Waits until `check` holds, polling; fails with `what` and the last value seen. */
async function eventually<T>(what: string, read: () => Promise<T>, check: (v: T) => boolean, ms = 20_000) {
  const deadline = Date.now() + ms;
  let last: T = await read();
  while (!check(last)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(last)}`);
    await sleep(200);
    last = await read();
  }
  return last;
}

const textOf = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).first().innerText()).trim();

describe('the console in a browser', () => {
  const env = useTestServer();
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  const open = async (hash: string) => {
    await page.goto(`${env.server.url}/_console/#${hash}`);
  };

  it('peeks without receiving, sends a message to the DLQ and redrives it back', async () => {
    const dlq = await env.queue('console-orders-dlq');
    const dlqArn = (
      await env.sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ['QueueArn'] }))
    ).Attributes!.QueueArn!;
    const orders = await env.queue('console-orders', {
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }),
    });

    await open('/queues/console-orders');
    await page.getByTestId('send-body').fill('order 1');
    await page.getByTestId('send-button').click();
    await page.getByTestId('send-body').fill('order 2');
    await page.getByTestId('send-button').click();

    // Peeking, however often, adds no receive: the messages never reach the DLQ by being looked at.
    for (let i = 0; i < 3; i++) {
      await page.getByTestId('peek-refresh').click();
      await eventually(
        'peeked messages',
        () => page.getByTestId('peek-message').count(),
        (n) => n === 2,
      );
    }
    const counts = await page.getByTestId('peek-receive-count').allInnerTexts();
    expect(counts.map((c) => c.trim())).toEqual(['0', '0']);
    await page.screenshot({ path: join(SCREENSHOTS, 'queue.png') });
    await page.getByTestId('message-search').fill('order 2');
    await eventually(
      'search by body',
      () => page.getByTestId('peek-body').allInnerTexts(),
      (bodies) => bodies.length === 1 && bodies[0].includes('order 2'),
    );

    await open('/queues');
    const row = page.locator('[data-testid="queue-row"][data-queue="console-orders"]');
    await eventually(
      'visible count',
      async () => (await row.getByTestId('queue-visible').innerText()).trim(),
      (t) => t === '2',
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'queues.png') });

    // Received once each and let go: the next receive moves them to the DLQ (maxReceiveCount 1).
    await env.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: orders, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
    );
    await env.sqs.send(new ReceiveMessageCommand({ QueueUrl: orders, MaxNumberOfMessages: 10 }));
    const dlqRow = page.locator('[data-testid="queue-row"][data-queue="console-orders-dlq"]');
    await eventually(
      'messages in the DLQ',
      async () => (await dlqRow.getByTestId('queue-visible').innerText()).trim(),
      (t) => t === '2',
    );

    await open('/queues/console-orders-dlq');
    await page.getByTestId('redrive-start').click();
    await eventually(
      'redrive status',
      () => textOf(page, 'redrive-status'),
      (t) => t.includes('COMPLETED'),
    );
    await open('/queues');
    await eventually(
      'messages back in the source queue',
      async () => (await row.getByTestId('queue-visible').innerText()).trim(),
      (t) => t === '2',
    );
    expect((await dlqRow.getByTestId('queue-visible').innerText()).trim()).toBe('0');
  }, 90_000);

  it('publishes a test message to a topic, which reaches its subscribed queue', async () => {
    const arnOf = async (url: string) =>
      (await env.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] })))
        .Attributes!.QueueArn!;
    const inbox = await env.queue('console-inbox');
    const filtered = await env.queue('console-filtered');
    const { TopicArn } = await env.sns.send(new CreateTopicCommand({ Name: 'console-news' }));
    await env.sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: await arnOf(inbox),
        Attributes: { RawMessageDelivery: 'true' },
      }),
    );
    await env.sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: await arnOf(filtered),
        Attributes: { FilterPolicy: JSON.stringify({ kind: ['news'] }) },
      }),
    );
    await open('/topics/console-news');
    await eventually(
      'subscription rows',
      () => page.getByTestId('subscription-row').count(),
      (n) => n === 2,
    );
    const policies = await page.getByTestId('subscription-filter-policy').allInnerTexts();
    expect(policies.filter((p) => p.includes('news'))).toHaveLength(1);
    await page.getByTestId('publish-message').fill('hello from the console');
    await page.getByTestId('publish-button').click();
    await eventually(
      'publish result',
      () => textOf(page, 'publish-result'),
      (t) => /[0-9a-f-]{36}/.test(t),
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'topic.png') });
    const [message] = await receiveMessages(env.sqs, inbox, 1);
    expect(message.Body).toBe('hello from the console');
    // The message has no `kind` attribute: the filtered subscription never gets it.
    expect(await receiveMessages(env.sqs, filtered, 1, 1_000)).toEqual([]);
  }, 60_000);

  it('shows a workflow live: states turn green and red, and the timeline matches the history', async () => {
    const missing = `${env.server.url}/000000000000/console-nowhere`;
    const definition = {
      StartAt: 'Pause',
      States: {
        Pause: { Type: 'Wait', Seconds: 2, Next: 'Deliver' },
        Deliver: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage',
          Parameters: { QueueUrl: missing, MessageBody: 'never' },
          Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 1 }],
          End: true,
        },
      },
    };
    const { stateMachineArn } = await env.sfn.send(
      new CreateStateMachineCommand({
        name: 'console-flow',
        roleArn: TEST_ROLE,
        definition: JSON.stringify(definition),
      }),
    );
    await open('/workflows/console-flow');
    await page.getByTestId('start-execution-name').fill('run-1');
    await page.getByTestId('start-execution-input').fill('{"order": 1}');
    await page.getByTestId('start-execution-button').click();
    const executionArn = stateMachineArn!.replace(':stateMachine:', ':execution:') + ':run-1';
    await open(`/executions/${encodeURIComponent(executionArn)}`);

    const node = (state: string) =>
      page.locator(`[data-testid="graph-node"][data-state="${state}"]`).getAttribute('data-status');
    // Live: the Wait is seen running, then done, then the task fails for good after its retries.
    await eventually(
      'Pause running',
      () => node('Pause'),
      (s) => s === 'running',
      5_000,
    );
    await eventually(
      'Pause succeeded',
      () => node('Pause'),
      (s) => s === 'succeeded',
    );
    await eventually(
      'Deliver failed',
      () => node('Deliver'),
      (s) => s === 'failed',
    );
    await eventually(
      'execution status',
      () => textOf(page, 'execution-status'),
      (t) => t.includes('FAILED'),
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'execution.png'), fullPage: true });

    // The bars against the history: Pause, then Deliver's three attempts with a backoff between each.
    const bars = await page.getByTestId('timeline-bar').evaluateAll((els) =>
      els.map((e) => ({
        state: e.getAttribute('data-state'),
        kind: e.getAttribute('data-kind'),
        start: Number(e.getAttribute('data-start-ms')),
        duration: Number(e.getAttribute('data-duration-ms')),
      })),
    );
    const history: HistoryEvent[] = (
      await env.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))
    ).events!;
    const at = (type: string, name?: string) =>
      history
        .filter(
          (e) =>
            e.type === type &&
            (!name || e.stateEnteredEventDetails?.name === name || e.stateExitedEventDetails?.name === name),
        )
        .map((e) => e.timestamp!.getTime() - history[0].timestamp!.getTime());
    const states = bars.filter((b) => b.kind === 'state');
    expect(states.map((b) => b.state)).toEqual(['Pause', 'Deliver']);
    const [pause, deliver] = states;
    expect(pause.start).toBeLessThan(deliver.start);
    expect(Math.abs(pause.duration - (at('WaitStateExited')[0] - at('WaitStateEntered')[0]))).toBeLessThan(
      50,
    );
    const attempts = bars.filter((b) => b.kind === 'attempt' && b.state === 'Deliver');
    const backoffs = bars.filter((b) => b.kind === 'backoff' && b.state === 'Deliver');
    expect(attempts).toHaveLength(at('TaskScheduled').length);
    expect(attempts).toHaveLength(3);
    expect(backoffs).toHaveLength(2);
    // Each backoff (1 s) lies between two attempts and is far longer than an attempt.
    for (const [i, wait] of backoffs.entries()) {
      expect(wait.start).toBeGreaterThanOrEqual(attempts[i].start + attempts[i].duration - 1);
      expect(wait.start + wait.duration).toBeLessThanOrEqual(attempts[i + 1].start + 1);
      expect(wait.duration).toBeGreaterThan(800);
    }
    // The Wait's 2 s is the longest state.
    expect(pause.duration).toBeGreaterThan(1_900);
  }, 90_000);
});

describe('the console with SigV4 enforced', () => {
  // The test clients sign with AKIDTEST:secret; the browser must log in with that pair too.
  const env = useTestServer({ SWITCHYARD_CREDENTIALS: 'AKIDTEST:secret' });
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('asks for configured credentials, refuses wrong ones, then lists queues', async () => {
    await env.queue('console-guarded');
    const page = await browser.newPage();
    await page.goto(`${env.server.url}/_console/#/queues`);
    expect((await fetch(`${env.server.url}/_console/api/queues`)).status).toBe(401);
    await page.getByTestId('login-access-key').fill('AKIDTEST');
    await page.getByTestId('login-secret-key').fill('wrong');
    await page.getByTestId('login-button').click();
    await eventually(
      'refusal',
      () => textOf(page, 'error-banner'),
      (t) => t.length > 0,
    );
    await page.getByTestId('login-secret-key').fill('secret');
    await page.getByTestId('login-button').click();
    await page.getByTestId('nav-queues').click();
    await eventually(
      'the guarded queue listed',
      () => page.locator('[data-testid="queue-row"][data-queue="console-guarded"]').count(),
      (n) => n === 1,
    );
    expect(await page.getByTestId('login-button').count()).toBe(0);
  }, 60_000);
});
