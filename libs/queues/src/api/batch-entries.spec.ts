import { useSqsTestApp } from '../test-support/sqs-test-app';

/** Rules the three batch operations share. */
const app = useSqsTestApp();

describe('batch operations on a queue that does not exist', () => {
  it.each([
    ['SendMessageBatch', [{ Id: 'a', MessageBody: 'x', DelaySeconds: 1000 }]],
    ['DeleteMessageBatch', [{ Id: 'a', ReceiptHandle: 'garbage' }]],
    ['ChangeMessageVisibilityBatch', [{ Id: 'a', ReceiptHandle: 'garbage', VisibilityTimeout: 1 }]],
  ])(
    '%s answers QueueDoesNotExist even when every entry fails its own checks',
    async (operation, Entries) => {
      expect(await app().json(operation, { QueueUrl: app().queueUrl('batch-nope'), Entries })).toMatchObject({
        status: 400,
        code: 'QueueDoesNotExist',
      });
    },
  );

  it('still reports failed entries per entry when the queue exists', async () => {
    const QueueUrl = await app().createQueue('batch-here');
    const out = await app().ok('DeleteMessageBatch', {
      QueueUrl,
      Entries: [{ Id: 'a', ReceiptHandle: 'garbage' }],
    });
    expect(out.Failed).toEqual([expect.objectContaining({ Id: 'a', Code: 'ReceiptHandleIsInvalid' })]);
  });
});
