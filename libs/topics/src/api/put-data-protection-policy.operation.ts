import { Injectable } from '@nestjs/common';
import type { Sns } from '@switchyard/aws-wire';
import { parseTopicArn } from '../domain/topic-ref';
import { asTaggedResource, snsInvalidParameter } from '../errors/sns-errors';
import { TopicStore } from '../store/topic.store';
import type { SnsOperation } from './sns-operation';

/**
 * PutDataProtectionPolicy: keeps the topic's data protection policy (a JSON document), which
 * GetDataProtectionPolicy answers. Switchyard stores it; it does not audit or mask messages by it.
 */
@Injectable()
export class PutDataProtectionPolicyOperation implements SnsOperation<'PutDataProtectionPolicy'> {
  readonly name = 'PutDataProtectionPolicy';

  constructor(private readonly store: TopicStore) {}

  async handle(input: Sns.PutDataProtectionPolicyInput) {
    const topic = parseTopicArn(input.ResourceArn, 'ResourceArn');
    try {
      const parsed: unknown = JSON.parse(input.DataProtectionPolicy);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new Error('not an object');
    } catch {
      throw snsInvalidParameter('Invalid parameter: DataProtectionPolicy Reason: failed to parse JSON.');
    }
    await asTaggedResource(
      this.store.setAttribute(topic, 'DataProtectionPolicy', input.DataProtectionPolicy, false),
    );
    return undefined;
  }
}
