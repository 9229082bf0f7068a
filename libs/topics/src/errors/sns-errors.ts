import { AwsError, Sns } from '@switchyard/aws-wire';
import { StoreError } from '@switchyard/redis';

/** SNS's modelled errors (query code, HTTP status), as generated from its AWS model. */
export const SnsErrors = Sns.SNS_MODEL.errors;

/** The entity names the store errors of topic and subscription scripts carry (`StoreError.entity`). */
export const TOPIC = 'topic';
export const SUBSCRIPTION = 'subscription';

/** SNS's `InvalidParameter` (400) with SNS's own message, e.g. "Invalid parameter: TopicArn". */
export function snsInvalidParameter(message: string): AwsError {
  return new AwsError(SnsErrors.InvalidParameterException, message);
}

/** The topic named by a request does not exist. */
export function topicNotFound(): AwsError {
  return new AwsError(SnsErrors.NotFoundException, 'Topic does not exist');
}

/**
 * The one place where the topic domain's errors become SNS's AWS errors: registered with the router
 * as the service's error mapper, and used for the entries of a batch. Undefined for anything else.
 */
export function mapSnsError(error: unknown): AwsError | undefined {
  if (error instanceof AwsError) return error;
  if (error instanceof StoreError && error.entity === TOPIC) {
    switch (error.code) {
      case 'NOT_FOUND':
        return topicNotFound();
      case 'EXISTS':
        if (error.detail === undefined)
          return snsInvalidParameter('Invalid parameter: Statement already exists');
        return snsInvalidParameter(
          `Invalid parameter: ${error.detail === 'tags' ? 'Tags' : 'Attributes'} Reason: Topic already exists with different ${error.detail}`,
        );
      case 'NO_SUCH_ITEM':
        return snsInvalidParameter(
          'Invalid parameter: Label Reason: No such statement label in the topic policy',
        );
      case 'UNREADABLE':
        return snsInvalidParameter(
          "Invalid parameter: Policy Reason: the topic's stored Policy cannot be read to change it; replace it with SetTopicAttributes",
        );
      case 'LIMIT_EXCEEDED':
        if (error.detail === 'tags')
          return new AwsError(
            SnsErrors.TagLimitExceededException,
            'Could not complete request: tag quota of per resource exceeded',
          );
        if (error.detail === 'filter-policies')
          return new AwsError(SnsErrors.FilterPolicyLimitExceededException, 'Filter policy limit exceeded');
        return new AwsError(SnsErrors.TopicLimitExceededException, 'Topic limit exceeded');
    }
  }
  if (error instanceof StoreError && error.entity === SUBSCRIPTION) {
    switch (error.code) {
      case 'NOT_FOUND':
        return new AwsError(SnsErrors.NotFoundException, 'Subscription does not exist');
      case 'EXISTS':
        return snsInvalidParameter(
          'Invalid parameter: Attributes Reason: Subscription already exists with different attributes',
        );
      case 'NO_SUCH_ITEM':
        return snsInvalidParameter('Invalid parameter: Token');
    }
  }
  return undefined;
}

/**
 * The tagging operations name a missing topic as a missing resource ("Resource does not exist")
 * rather than a missing topic.
 */
export async function asTaggedResource<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof StoreError && error.entity === TOPIC && error.code === 'NOT_FOUND')
      throw new AwsError(SnsErrors.ResourceNotFoundException, 'Resource does not exist');
    throw error;
  }
}
