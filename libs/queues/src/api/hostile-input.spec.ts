import { RedisKeys } from '@switchyard/redis';
import { REDIS_CLIENT, type RedisClient } from '@switchyard/redis';
import { useSqsTestApp } from '../test-support/sqs-test-app';

/**
 * Input written to break the service rather than to use it: malformed escapes, names that are
 * JavaScript built-ins, policies nested past what Redis's JSON decoder reads. Each answers an AWS
 * client error and changes nothing.
 */
const app = useSqsTestApp();

const BUILT_IN_NAMES = ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'];
let queueCount = 0;
const newQueue = () => app().createQueue(`hostile-${++queueCount}`);

describe('malformed percent-escapes', () => {
  it.each(['%zz', '%', '%E0%A4%A', 'a%2', '%C3'])(
    'in a queue URL (%s) answer QueueDoesNotExist',
    async (bad) => {
      const url = `${app().queueUrl('q')}${bad}`;
      expect(await app().json('SendMessage', { QueueUrl: url, MessageBody: 'x' })).toMatchObject({
        status: 400,
        code: 'QueueDoesNotExist',
      });
      expect(await app().query('ReceiveMessage', {}, `/000000000000/q${bad}`)).toMatchObject({
        status: 400,
        code: 'AWS.SimpleQueueService.NonExistentQueue',
      });
    },
  );
});

describe('attribute names that are JavaScript built-ins', () => {
  it.each(BUILT_IN_NAMES)(
    'answer InvalidAttributeName in CreateQueue and SetQueueAttributes (%s)',
    async (name) => {
      const created = await app().json('CreateQueue', {
        QueueName: `builtin-${++queueCount}`,
        Attributes: JSON.parse(`{"${name}":"1"}`),
      });
      expect(created).toMatchObject({ status: 400, code: 'InvalidAttributeName' });
      const url = await newQueue();
      const before = await app().attributes(url);
      expect(
        await app().json('SetQueueAttributes', { QueueUrl: url, Attributes: JSON.parse(`{"${name}":"1"}`) }),
      ).toMatchObject({ status: 400, code: 'InvalidAttributeName' });
      expect(
        await app().query('SetQueueAttributes', {
          QueueUrl: url,
          'Attribute.1.Name': name,
          'Attribute.1.Value': '1',
        }),
      ).toMatchObject({ status: 400, code: 'InvalidAttributeName' });
      expect(await app().attributes(url)).toEqual(before);
    },
  );

  it.each(BUILT_IN_NAMES)(
    'are message attribute names like any other, digested and returned (%s)',
    async (name) => {
      const url = await newQueue();
      const attributes = JSON.parse(`{"${name}":{"DataType":"String","StringValue":"v"}}`);
      const sent = await app().ok('SendMessage', {
        QueueUrl: url,
        MessageBody: 'b',
        MessageAttributes: attributes,
      });
      for (const MessageAttributeNames of [['All'], ['.*'], [name]]) {
        const got = await app().ok('ReceiveMessage', {
          QueueUrl: url,
          MessageAttributeNames,
          VisibilityTimeout: 0,
        });
        expect(Object.keys(got.Messages[0].MessageAttributes)).toEqual([name]);
        expect(got.Messages[0].MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
      }
    },
  );
});

describe('queue policies', () => {
  it('refuses a policy nested deeper than a policy can be, and one that is not an object', async () => {
    const url = await newQueue();
    const deep = `{"Statement":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    for (const Policy of [deep, '[]', '"text"']) {
      expect(await app().json('SetQueueAttributes', { QueueUrl: url, Attributes: { Policy } })).toMatchObject(
        {
          status: 400,
          code: 'InvalidAttributeValue',
        },
      );
    }
    expect((await app().attributes(url, ['Policy'])).Policy).toBeUndefined();
  });

  it('answers AddPermission and RemovePermission with an AWS error, never a 500, whatever is stored', async () => {
    const url = await newQueue();
    const redis = app().get<RedisClient>(REDIS_CLIENT);
    const meta = app().get(RedisKeys).queue('000000000000', `hostile-${queueCount}`).meta;
    const permission = {
      QueueUrl: url,
      Label: 'l',
      AWSAccountIds: ['111122223333'],
      Actions: ['SendMessage'],
    };
    for (const stored of [
      `${'['.repeat(1200)}${']'.repeat(1200)}`,
      'not json',
      '{"Statement":[1,"x",null]}',
    ]) {
      await redis.hset(meta, 'Policy', stored);
      const add = await app().json('AddPermission', permission);
      const remove = await app().json('RemovePermission', { QueueUrl: url, Label: 'l' });
      for (const answer of [add, remove]) expect(answer.status).toBeLessThan(500);
    }
    await redis.hset(meta, 'Policy', `${'['.repeat(1200)}${']'.repeat(1200)}`);
    expect(await app().json('AddPermission', permission)).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message: "The queue's stored Policy cannot be read to change it; replace it with SetQueueAttributes.",
    });
  });
});
