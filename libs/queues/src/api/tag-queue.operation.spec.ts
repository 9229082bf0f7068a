import { useSqsTestApp } from '../test-support/sqs-test-app';

const app = useSqsTestApp();

let queueCount = 0;

const newQueue = (tags?: Record<string, string>) => app().createQueue(`tags-${++queueCount}`, {}, tags);
const tagsOf = async (url: string) => (await app().ok('ListQueueTags', { QueueUrl: url })).Tags ?? {};
const manyTags = (n: number, prefix: string) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, 'v']));

describe('TagQueue', () => {
  it('adds tags and overwrites the values of keys the queue has', async () => {
    const url = await newQueue({ team: 'a', env: 'dev' });
    expect(await app().json('TagQueue', { QueueUrl: url, Tags: { team: 'b', owner: 'me' } })).toEqual({
      status: 200,
      body: {},
    });
    expect(await tagsOf(url)).toEqual({ team: 'b', env: 'dev', owner: 'me' });
  });

  it('allows 50 tags in all, counting overwritten keys once', async () => {
    const url = await newQueue(manyTags(40, 'old'));
    await app().ok('TagQueue', { QueueUrl: url, Tags: { ...manyTags(10, 'new'), old0: 'changed' } });
    expect(Object.keys(await tagsOf(url))).toHaveLength(50);
    expect(await app().json('TagQueue', { QueueUrl: url, Tags: { one: 'too many' } })).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message: 'Too many tags added for queue. The maximum number of tags is 50.',
    });
    expect(Object.keys(await tagsOf(url))).toHaveLength(50);
  });

  it('lets only one of two concurrent calls that would together pass 50 tags succeed', async () => {
    const url = await newQueue();
    const answers = await Promise.all([
      app().json('TagQueue', { QueueUrl: url, Tags: manyTags(30, 'a') }),
      app().json('TagQueue', { QueueUrl: url, Tags: manyTags(30, 'b') }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
    expect(answers.find((a) => a.status === 400)).toMatchObject({
      code: 'InvalidParameterValue',
      message: 'Too many tags added for queue. The maximum number of tags is 50.',
    });
    const keys = Object.keys(await tagsOf(url));
    expect(keys).toHaveLength(30);
    const winner = keys[0][0];
    expect(keys.every((k) => k.startsWith(winner))).toBe(true);
  });

  it.each([
    [
      'a 129-character key',
      { ['k'.repeat(129)]: 'v' },
      `Tag key ${'k'.repeat(129)} must be 1 to 128 characters long.`,
    ],
    ['an empty key', { '': 'v' }, 'Tag key  must be 1 to 128 characters long.'],
    [
      'a 257-character value',
      { k: 'v'.repeat(257) },
      'Tag value for key k must be a string of at most 256 characters.',
    ],
    [
      'the reserved aws: prefix',
      { 'aws:x': 'v' },
      'Tag key aws:x must not start with the reserved prefix aws:.',
    ],
    [
      '51 tags at once',
      manyTags(51, 'k'),
      'Too many tags added for queue. The maximum number of tags is 50.',
    ],
  ])('refuses %s, changing nothing', async (_what, tags, message) => {
    const url = await newQueue({ keep: 'me' });
    expect(await app().json('TagQueue', { QueueUrl: url, Tags: tags })).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message,
    });
    expect(await tagsOf(url)).toEqual({ keep: 'me' });
  });

  it('answers MissingParameter for no tags', async () => {
    const url = await newQueue();
    for (const input of [{ QueueUrl: url }, { QueueUrl: url, Tags: {} }]) {
      expect(await app().json('TagQueue', input)).toMatchObject({
        status: 400,
        code: 'MissingParameter',
        message: 'The request must contain the parameter Tags.',
      });
    }
  });

  it('reads a tag without a value in the query protocol as invalid', async () => {
    const url = await newQueue();
    expect(await app().query('TagQueue', { QueueUrl: url, 'Tag.1.Key': 'lonely' })).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message: 'Tag value for key lonely must be a string of at most 256 characters.',
    });
  });

  it('answers QueueDoesNotExist for a queue that does not exist', async () => {
    expect(
      await app().json('TagQueue', { QueueUrl: app().queueUrl('tags-missing'), Tags: { a: 'b' } }),
    ).toMatchObject({ status: 400, code: 'QueueDoesNotExist' });
  });
});

describe('UntagQueue', () => {
  it('removes the keys given and ignores keys the queue does not have', async () => {
    const url = await newQueue({ a: '1', b: '2', c: '3' });
    expect(await app().json('UntagQueue', { QueueUrl: url, TagKeys: ['a', 'c', 'zzz'] })).toEqual({
      status: 200,
      body: {},
    });
    expect(await tagsOf(url)).toEqual({ b: '2' });
  });

  it('makes room for new tags under the limit', async () => {
    const url = await newQueue(manyTags(50, 'k'));
    await app().ok('UntagQueue', { QueueUrl: url, TagKeys: ['k0'] });
    expect((await app().json('TagQueue', { QueueUrl: url, Tags: { fresh: 'v' } })).status).toBe(200);
  });

  it('answers MissingParameter for no keys, and QueueDoesNotExist for a missing queue', async () => {
    const url = await newQueue();
    expect(await app().json('UntagQueue', { QueueUrl: url, TagKeys: [] })).toMatchObject({
      status: 400,
      code: 'MissingParameter',
      message: 'The request must contain the parameter TagKeys.',
    });
    expect(
      await app().json('UntagQueue', { QueueUrl: app().queueUrl('tags-missing'), TagKeys: ['a'] }),
    ).toMatchObject({
      status: 400,
      code: 'QueueDoesNotExist',
    });
  });
});

describe('ListQueueTags', () => {
  it('answers no Tags member for a queue without tags', async () => {
    const url = await newQueue();
    expect(await app().json('ListQueueTags', { QueueUrl: url })).toEqual({ status: 200, body: {} });
  });

  it('answers the tags in the query protocol as Tag entries', async () => {
    const url = await newQueue({ team: 'queues' });
    const answer = await app().query('ListQueueTags', { QueueUrl: url });
    expect(answer.body).toContain('<Tag><Key>team</Key><Value>queues</Value></Tag>');
  });

  it('answers QueueDoesNotExist for a queue that does not exist', async () => {
    expect(await app().json('ListQueueTags', { QueueUrl: app().queueUrl('tags-missing') })).toMatchObject({
      status: 400,
      code: 'QueueDoesNotExist',
    });
  });
});
