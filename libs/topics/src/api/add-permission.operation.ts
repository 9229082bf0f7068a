import { Injectable } from '@nestjs/common';
import type { Sns } from '@switchyard/aws-wire';
import { parseTopicArn, topicArn } from '../domain/topic-ref';
import { snsInvalidParameter } from '../errors/sns-errors';
import { TopicStore } from '../store/topic.store';
import type { SnsOperation } from './sns-operation';
import { defaultTopicPolicy } from './topic-attributes';

/** AddPermission: a statement in the topic's Policy letting other accounts perform SNS actions on it. */
@Injectable()
export class AddPermissionOperation implements SnsOperation<'AddPermission'> {
  readonly name = 'AddPermission';

  constructor(private readonly store: TopicStore) {}

  async handle(input: Sns.AddPermissionInput) {
    const topic = parseTopicArn(input.TopicArn);
    if (!input.AWSAccountId.length) throw snsInvalidParameter('Invalid parameter: AWSAccountId');
    if (!input.ActionName.length) throw snsInvalidParameter('Invalid parameter: ActionName');
    for (const account of input.AWSAccountId)
      if (!/^\d{12}$/.test(account) && account !== '*')
        throw snsInvalidParameter('Invalid parameter: AWSAccountId');
    const principals = input.AWSAccountId.map((a) => (a === '*' ? '*' : `arn:aws:iam::${a}:root`));
    const statement = {
      Sid: input.Label,
      Effect: 'Allow',
      Principal: { AWS: principals.length === 1 ? principals[0] : principals },
      Action: input.ActionName.map((a) => `SNS:${a}`),
      Resource: topicArn(topic),
    };
    await this.store.editPolicy(topic, input.Label, statement, defaultTopicPolicy(topic));
    return undefined;
  }
}
