import { formatArn } from '@switchyard/aws-wire';
import { snsInvalidParameter } from '../errors/sns-errors';

/** Where a topic lives: its owner account, region and name. */
export interface TopicRef {
  readonly accountId: string;
  readonly region: string;
  readonly name: string;
}

/** Topic names: 1 to 256 ASCII letters, digits, hyphens and underscores (a FIFO topic's with `.fifo` after them). */
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;

/** Whether `name` is a valid standard topic name, or a valid FIFO one when `fifo`. */
export function isValidTopicName(name: string, fifo: boolean): boolean {
  if (!fifo) return TOPIC_NAME.test(name);
  return name.endsWith('.fifo') && TOPIC_NAME.test(name.slice(0, -'.fifo'.length)) && name.length <= 256;
}

/** FIFO topics are exactly the topics whose names end in .fifo. */
export function isFifoTopic(topic: TopicRef): boolean {
  return topic.name.endsWith('.fifo');
}

/** `arn:aws:sns:<region>:<account>:<name>`. */
export function topicArn(topic: TopicRef): string {
  return formatArn('sns', topic.region, topic.accountId, topic.name);
}

/**
 * Reads a topic ARN given in the request parameter `param`, refusing what is not one with SNS's
 * words ("Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1"). A
 * well-formed ARN of a topic that does not exist is the store's NotFound, not this.
 */
export function parseTopicArn(text: string, param = 'TopicArn'): TopicRef {
  const parts = text.split(':');
  if (parts.length < 6)
    throw snsInvalidParameter(
      `Invalid parameter: ${param} Reason: An ARN must have at least 6 elements, not ${parts.length}`,
    );
  const [arn, , service, region, accountId, ...rest] = parts;
  const name = rest.join(':');
  if (
    arn !== 'arn' ||
    service !== 'sns' ||
    !/^\d{12}$/.test(accountId) ||
    !isValidTopicName(name, name.endsWith('.fifo'))
  )
    throw snsInvalidParameter(`Invalid parameter: ${param}`);
  return { accountId, region, name };
}
