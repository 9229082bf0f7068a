import { Inject, Injectable } from '@nestjs/common';
import {
  formatArn,
  invalidParameter,
  missingParameter,
  type OperationContext,
  parseArn,
  AwsError,
} from '@switchyard/aws-wire';
import { queueDoesNotExist, SqsErrors } from '../errors/sqs-errors';
import { QUEUES_OPTIONS, type QueuesOptions } from '../queues.options';
import { type QueueRef, QueueStoreError } from '../store/queue.store';

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
const FIFO_QUEUE_NAME = /^[A-Za-z0-9_-]{1,75}\.fifo$/;

/** Names, URLs and ARNs of queues, and the one place store conditions become AWS errors. */
@Injectable()
export class QueueDirectory {
  private readonly publicUrl: string;

  constructor(@Inject(QUEUES_OPTIONS) private readonly options: QueuesOptions) {
    this.publicUrl = options.publicUrl.replace(/\/+$/, '');
  }

  /** Checks a queue name against AWS's rules. */
  checkName(name: unknown): string {
    if (name === undefined || name === null || name === '') throw missingParameter('QueueName');
    if (typeof name !== 'string' || !(QUEUE_NAME.test(name) || FIFO_QUEUE_NAME.test(name))) {
      throw invalidParameter(
        'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
      );
    }
    return name;
  }

  url(queue: QueueRef): string {
    return `${this.publicUrl}/${queue.accountId}/${queue.name}`;
  }

  arn(queue: QueueRef): string {
    return formatArn('sqs', this.options.region, queue.accountId, queue.name);
  }

  /** The queue a request addresses: its QueueUrl, or for query clients that post to the queue URL, the path. */
  resolve(queueUrl: unknown, ctx: OperationContext): QueueRef {
    let path: string;
    if (typeof queueUrl === 'string' && queueUrl.length > 0) {
      path = queueUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
    } else if (queueUrl === undefined && ctx.path !== '/' && ctx.path !== '') {
      path = ctx.path;
    } else {
      throw missingParameter('QueueUrl');
    }
    const m = /^\/?(\d{12})\/([^/?#]+)\/?$/.exec(path);
    if (!m) throw queueDoesNotExist();
    const name = decodeURIComponent(m[2]);
    if (!(QUEUE_NAME.test(name) || FIFO_QUEUE_NAME.test(name))) throw queueDoesNotExist();
    return { accountId: m[1], name };
  }

  /** The queue an SQS ARN names, or undefined. */
  fromArn(arn: string): QueueRef | undefined {
    const parsed = parseArn(arn);
    if (!parsed || parsed.service !== 'sqs' || !/^\d{12}$/.test(parsed.accountId)) return undefined;
    if (!(QUEUE_NAME.test(parsed.resource) || FIFO_QUEUE_NAME.test(parsed.resource))) return undefined;
    return { accountId: parsed.accountId, name: parsed.resource };
  }

  /** The queue of an `account:name` reference as stored in queue attributes. */
  fromStoredRef(text: string): QueueRef {
    const i = text.indexOf(':');
    return { accountId: text.slice(0, i), name: text.slice(i + 1) };
  }

  /** Runs a store call and turns its conditions into AWS errors. */
  async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (!(e instanceof QueueStoreError)) throw e;
      switch (e.reason) {
        case 'no-queue':
          throw queueDoesNotExist();
        case 'name-exists':
          throw new AwsError(
            SqsErrors.QueueNameExists,
            `A queue already exists with the same name and a different value for attribute ${e.detail}`,
          );
        case 'deleted-recently':
          throw new AwsError(
            SqsErrors.QueueDeletedRecently,
            'You must wait 60 seconds after deleting a queue before you can create another with the same name.',
          );
        case 'purge-in-progress':
          throw new AwsError(
            SqsErrors.PurgeQueueInProgress,
            'Only one PurgeQueue operation on the queue is allowed every 60 seconds.',
          );
      }
    }
  }
}
