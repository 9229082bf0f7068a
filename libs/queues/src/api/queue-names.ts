import { invalidParameter } from '@switchyard/aws-wire';
import { isQueueName } from '../domain/queue-directory';

/** Checks a queue name a request gives (CreateQueue, GetQueueUrl) against AWS's rules. */
export function checkQueueName(name: string): string {
  if (!isQueueName(name)) {
    throw invalidParameter(
      'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
    );
  }
  return name;
}
