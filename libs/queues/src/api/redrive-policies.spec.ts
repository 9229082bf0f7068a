import { useSqsTestApp } from '../test-support/sqs-test-app';

const app = useSqsTestApp();

let queueCount = 0;

async function newQueue(suffix = '', attributes: Record<string, string> = {}) {
  const name = `redrive-${++queueCount}${suffix}`;
  return { name, url: await app().createQueue(name, attributes), arn: app().queueArn(name) };
}

const redrive = (deadLetterTargetArn: unknown, maxReceiveCount: unknown) =>
  JSON.stringify({ deadLetterTargetArn, maxReceiveCount });

const setRedrive = (QueueUrl: string, RedrivePolicy: string) =>
  app().json('SetQueueAttributes', { QueueUrl, Attributes: { RedrivePolicy } });

const sourcesOf = async (url: string) =>
  (await app().ok('ListDeadLetterSourceQueues', { QueueUrl: url })).queueUrls;

describe('RedrivePolicy', () => {
  it('stores a valid policy in normal form and lists the source under its dead-letter queue', async () => {
    const dlq = await newQueue();
    const source = await newQueue();
    expect((await setRedrive(source.url, redrive(dlq.arn, '5'))).status).toBe(200);
    expect(await app().attributes(source.url, ['RedrivePolicy'])).toEqual({
      RedrivePolicy: `{"deadLetterTargetArn":"${dlq.arn}","maxReceiveCount":5}`,
    });
    expect(await sourcesOf(dlq.url)).toEqual([source.url]);
  });

  it('removes the policy, and the listing, with an empty value', async () => {
    const dlq = await newQueue();
    const source = await newQueue('', { RedrivePolicy: redrive(dlq.arn, 3) });
    expect(await sourcesOf(dlq.url)).toEqual([source.url]);
    expect((await setRedrive(source.url, '')).status).toBe(200);
    expect(await app().attributes(source.url, ['RedrivePolicy'])).toEqual({});
    expect(await sourcesOf(dlq.url)).toEqual([]);
  });

  it('moves the listing when the policy names another dead-letter queue', async () => {
    const first = await newQueue();
    const second = await newQueue();
    const source = await newQueue('', { RedrivePolicy: redrive(first.arn, 3) });
    await setRedrive(source.url, redrive(second.arn, 3));
    expect(await sourcesOf(first.url)).toEqual([]);
    expect(await sourcesOf(second.url)).toEqual([source.url]);
  });

  it.each([
    ['not JSON', () => '{nope', 'Redrive policy is not a valid JSON map.'],
    ['a JSON list', () => '[1]', 'Redrive policy is not a valid JSON map.'],
    [
      'no maxReceiveCount',
      (arn: string) => JSON.stringify({ deadLetterTargetArn: arn }),
      'Redrive policy does not contain mandatory attribute: maxReceiveCount.',
    ],
    [
      'maxReceiveCount 0',
      (arn: string) => redrive(arn, 0),
      'Invalid value for maxReceiveCount: 0, valid values are from 1 to 1000 both inclusive.',
    ],
    [
      'maxReceiveCount 1001',
      (arn: string) => redrive(arn, 1001),
      'Invalid value for maxReceiveCount: 1001, valid values are from 1 to 1000 both inclusive.',
    ],
    [
      'no deadLetterTargetArn',
      () => JSON.stringify({ maxReceiveCount: 3 }),
      'Redrive policy does not contain mandatory attribute: deadLetterTargetArn.',
    ],
    [
      'a dead-letter queue that does not exist',
      () => redrive(app().queueArn('redrive-missing'), 3),
      'Dead letter target does not exist.',
    ],
    [
      'an ARN that names no queue',
      () => redrive('arn:aws:sns:us-east-1:000000000000:topic', 3),
      'Dead letter target does not exist.',
    ],
  ])('refuses %s with InvalidParameterValue, keeping no policy', async (_what, policy, reason) => {
    const dlq = await newQueue();
    const source = await newQueue();
    const value = policy(dlq.arn);
    expect(await setRedrive(source.url, value)).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message: `Value ${value} for parameter RedrivePolicy is invalid. Reason: ${reason}`,
    });
    expect(await app().attributes(source.url, ['RedrivePolicy'])).toEqual({});
  });

  it('requires the dead-letter queue to be of the same type as the source', async () => {
    const fifoDlq = await newQueue('.fifo');
    const standardDlq = await newQueue();
    const standard = await newQueue();
    const fifo = await newQueue('.fifo');
    const reason = 'Dead-letter queue must be of the same type (standard or FIFO) as the source queue.';
    expect(await setRedrive(standard.url, redrive(fifoDlq.arn, 3))).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message: expect.stringContaining(reason),
    });
    expect(await setRedrive(fifo.url, redrive(standardDlq.arn, 3))).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message: expect.stringContaining(reason),
    });
    expect((await setRedrive(fifo.url, redrive(fifoDlq.arn, 3))).status).toBe(200);
  });

  it("checks CreateQueue's RedrivePolicy too, creating nothing when it is refused", async () => {
    const answer = await app().json('CreateQueue', {
      QueueName: 'redrive-refused',
      Attributes: { RedrivePolicy: redrive(app().queueArn('redrive-missing'), 3) },
    });
    expect(answer).toMatchObject({ status: 400, code: 'InvalidParameterValue' });
    expect(await app().json('GetQueueUrl', { QueueName: 'redrive-refused' })).toMatchObject({
      code: 'QueueDoesNotExist',
    });
  });
});

describe('RedriveAllowPolicy', () => {
  const allow = (policy: object) => JSON.stringify(policy);

  it('lets byQueue name the sources a dead-letter queue accepts', async () => {
    const allowed = await newQueue();
    const other = await newQueue();
    const dlq = await newQueue('', {
      RedriveAllowPolicy: allow({ redrivePermission: 'byQueue', sourceQueueArns: [allowed.arn] }),
    });
    expect((await setRedrive(allowed.url, redrive(dlq.arn, 3))).status).toBe(200);
    expect(await setRedrive(other.url, redrive(dlq.arn, 3))).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message: expect.stringContaining(
        `Reason: The dead-letter queue's RedriveAllowPolicy does not allow ${other.arn} as a source queue.`,
      ),
    });
  });

  it('refuses every source with denyAll and accepts any with allowAll', async () => {
    const source = await newQueue();
    const denying = await newQueue('', { RedriveAllowPolicy: allow({ redrivePermission: 'denyAll' }) });
    const allowing = await newQueue('', { RedriveAllowPolicy: allow({ redrivePermission: 'allowAll' }) });
    expect(await setRedrive(source.url, redrive(denying.arn, 3))).toMatchObject({
      code: 'InvalidParameterValue',
    });
    expect((await setRedrive(source.url, redrive(allowing.arn, 3))).status).toBe(200);
  });

  it.each([
    ['not JSON', '{nope', 'Redrive allow policy is not a valid JSON map.'],
    [
      'an unknown permission',
      allow({ redrivePermission: 'some' }),
      'redrivePermission must be one of allowAll, denyAll, byQueue.',
    ],
    [
      'byQueue without sources',
      allow({ redrivePermission: 'byQueue' }),
      'sourceQueueArns must list 1 to 10 queue ARNs when redrivePermission is byQueue.',
    ],
    [
      'byQueue with 11 sources',
      allow({
        redrivePermission: 'byQueue',
        sourceQueueArns: Array.from({ length: 11 }, (_, i) => `arn:aws:sqs:us-east-1:000000000000:q${i}`),
      }),
      'sourceQueueArns must list 1 to 10 queue ARNs when redrivePermission is byQueue.',
    ],
    [
      'sources with allowAll',
      allow({ redrivePermission: 'allowAll', sourceQueueArns: ['arn:aws:sqs:us-east-1:000000000000:q'] }),
      'sourceQueueArns can be given only when redrivePermission is byQueue.',
    ],
  ])('refuses %s with InvalidParameterValue', async (_what, value, reason) => {
    const queue = await newQueue();
    expect(
      await app().json('SetQueueAttributes', {
        QueueUrl: queue.url,
        Attributes: { RedriveAllowPolicy: value },
      }),
    ).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message: `Value ${value} for parameter RedriveAllowPolicy is invalid. Reason: ${reason}`,
    });
    expect(await app().attributes(queue.url, ['RedriveAllowPolicy'])).toEqual({});
  });
});
