import { Injectable } from '@nestjs/common';
import type { Sns } from '@switchyard/aws-wire';
import { parseTopicArn } from '../domain/topic-ref';
import { asTaggedResource } from '../errors/sns-errors';
import { TopicStore } from '../store/topic.store';
import type { SnsOperation } from './sns-operation';

/** GetDataProtectionPolicy: the topic's data protection policy, empty when none was put. */
@Injectable()
export class GetDataProtectionPolicyOperation implements SnsOperation<'GetDataProtectionPolicy'> {
  readonly name = 'GetDataProtectionPolicy';

  constructor(private readonly store: TopicStore) {}

  async handle(input: Sns.GetDataProtectionPolicyInput) {
    const stored = await asTaggedResource(this.store.get(parseTopicArn(input.ResourceArn, 'ResourceArn')));
    return { DataProtectionPolicy: stored.attributes.DataProtectionPolicy ?? '' };
  }
}
