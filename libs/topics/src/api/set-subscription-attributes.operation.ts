import { Inject, Injectable } from '@nestjs/common';
import { AwsError, type OperationContext, type Sns } from '@switchyard/aws-wire';
import { parseSubscriptionArn } from '../domain/subscription';
import { SnsErrors } from '../errors/sns-errors';
import { SubscriptionStore } from '../store/subscription.store';
import { TOPICS_OPTIONS, type TopicsOptions } from '../topics.options';
import type { SnsOperation } from './sns-operation';
import { checkSubscriptionAttribute } from './subscription-attributes';

/** SetSubscriptionAttributes: one attribute at a time; an empty value removes it. */
@Injectable()
export class SetSubscriptionAttributesOperation implements SnsOperation<'SetSubscriptionAttributes'> {
  readonly name = 'SetSubscriptionAttributes';

  constructor(
    private readonly store: SubscriptionStore,
    @Inject(TOPICS_OPTIONS) private readonly options: TopicsOptions,
  ) {}

  async handle(input: Sns.SetSubscriptionAttributesInput, ctx: OperationContext) {
    const ref = parseSubscriptionArn(input.SubscriptionArn);
    const sub = await this.store.get(ref);
    const value = input.AttributeValue ?? '';
    checkSubscriptionAttribute(
      'SetSubscriptionAttributes',
      sub.protocol,
      input.AttributeName,
      value,
      sub.attributes,
    );
    if (
      input.AttributeName === 'FilterPolicy' &&
      value !== '' &&
      !sub.attributes.FilterPolicy &&
      (await this.store.accountFilterPolicies(ctx.accountId)) >= this.options.maxFilterPoliciesPerAccount
    )
      throw new AwsError(SnsErrors.FilterPolicyLimitExceededException, 'Filter policy limit exceeded');
    await this.store.setAttribute(ref, input.AttributeName, value, this.options.maxFilterPoliciesPerTopic);
    return undefined;
  }
}
