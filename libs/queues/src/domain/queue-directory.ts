import { Inject, Injectable } from '@nestjs/common';
import { formatArn, parseArn } from '@switchyard/aws-wire';
import { StoreError } from '@switchyard/redis';
import { QUEUES_OPTIONS, type QueuesOptions } from '../queues.options';
import { QUEUE, type QueueRef } from '../store/queue.store';

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
const FIFO_QUEUE_NAME = /^[A-Za-z0-9_-]{1,75}\.fifo$/;

/** Whether a name is one AWS allows for a queue (standard, or FIFO with its `.fifo` suffix). */
export function isQueueName(name: string): boolean {
  return QUEUE_NAME.test(name) || FIFO_QUEUE_NAME.test(name);
}

/** A percent-encoded path segment, or undefined when its escapes are malformed (`%zz`, a cut UTF-8 sequence). */
function decodePathSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Names, URLs and ARNs of queues. */
@Injectable()
export class QueueDirectory {
  private readonly publicUrl: string;

  constructor(@Inject(QUEUES_OPTIONS) private readonly options: QueuesOptions) {
    this.publicUrl = options.publicUrl.replace(/\/+$/, '');
  }

  url(queue: QueueRef): string {
    return `${this.publicUrl}/${queue.accountId}/${queue.name}`;
  }

  arn(queue: QueueRef): string {
    return formatArn('sqs', this.options.region, queue.accountId, queue.name);
  }

  /**
   * The queue a queue URL names: any scheme and host (SDKs send each request to the host in the URL),
   * then `/<account>/<name>`; a bare path does too. A URL naming no possible queue is NOT_FOUND.
   */
  resolve(queueUrl: string): QueueRef {
    const path = queueUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
    const m = /^\/?(\d{12})\/([^/?#]+)\/?$/.exec(path);
    const name = m ? decodePathSegment(m[2]) : undefined;
    if (!m || name === undefined || !isQueueName(name)) throw new StoreError(QUEUE, 'NOT_FOUND', queueUrl);
    return { accountId: m[1], name };
  }

  /** The queue an SQS ARN names, or undefined. */
  fromArn(arn: string): QueueRef | undefined {
    const parsed = parseArn(arn);
    if (!parsed || parsed.service !== 'sqs' || !/^\d{12}$/.test(parsed.accountId)) return undefined;
    if (!isQueueName(parsed.resource)) return undefined;
    return { accountId: parsed.accountId, name: parsed.resource };
  }

  /** The queue of an `account:name` reference as stored in queue attributes. */
  fromStoredRef(text: string): QueueRef {
    const i = text.indexOf(':');
    return { accountId: text.slice(0, i), name: text.slice(i + 1) };
  }
}
