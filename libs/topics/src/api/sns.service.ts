import { Injectable, type OnModuleInit, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type AwsOperation, AwsRouter, Sns } from '@switchyard/aws-wire';
import { TlsIdentity } from '@switchyard/runtime';
import { SIGNING_CERT_PATH } from '../domain/message-signer';
import { MessagingProviders } from '../domain/recording-provider';
import { mapSnsError } from '../errors/sns-errors';
import { AddPermissionOperation } from './add-permission.operation';
import { ConfirmSubscriptionOperation } from './confirm-subscription.operation';
import { CreateTopicOperation } from './create-topic.operation';
import { DeleteTopicOperation } from './delete-topic.operation';
import { GetDataProtectionPolicyOperation } from './get-data-protection-policy.operation';
import { GetSubscriptionAttributesOperation } from './get-subscription-attributes.operation';
import { GetTopicAttributesOperation } from './get-topic-attributes.operation';
import { ListTagsForResourceOperation } from './list-tags-for-resource.operation';
import { ListSubscriptionsByTopicOperation } from './list-subscriptions-by-topic.operation';
import { ListSubscriptionsOperation } from './list-subscriptions.operation';
import { ListTopicsOperation } from './list-topics.operation';
import { PutDataProtectionPolicyOperation } from './put-data-protection-policy.operation';
import { RemovePermissionOperation } from './remove-permission.operation';
import { PublishBatchOperation } from './publish-batch.operation';
import { PublishOperation } from './publish.operation';
import { SetSubscriptionAttributesOperation } from './set-subscription-attributes.operation';
import { SetTopicAttributesOperation } from './set-topic-attributes.operation';
import { SubscribeOperation } from './subscribe.operation';
import { TagResourceOperation } from './tag-resource.operation';
import { UnsubscribeOperation } from './unsubscribe.operation';
import { UntagResourceOperation } from './untag-resource.operation';

/** Every SNS operation Switchyard serves. */
export const SNS_OPERATIONS: Type<AwsOperation>[] = [
  AddPermissionOperation,
  ConfirmSubscriptionOperation,
  CreateTopicOperation,
  DeleteTopicOperation,
  GetDataProtectionPolicyOperation,
  GetSubscriptionAttributesOperation,
  GetTopicAttributesOperation,
  ListSubscriptionsOperation,
  ListSubscriptionsByTopicOperation,
  ListTagsForResourceOperation,
  ListTopicsOperation,
  PublishOperation,
  PublishBatchOperation,
  PutDataProtectionPolicyOperation,
  RemovePermissionOperation,
  SetSubscriptionAttributesOperation,
  SetTopicAttributesOperation,
  SubscribeOperation,
  TagResourceOperation,
  UnsubscribeOperation,
  UntagResourceOperation,
];

/** Registers SNS with the process's AWS router: the query/XML protocol, SNS's only one. */
@Injectable()
export class SnsService implements OnModuleInit {
  constructor(
    private readonly router: AwsRouter,
    private readonly moduleRef: ModuleRef,
    private readonly identity: TlsIdentity,
    private readonly providers: MessagingProviders,
  ) {}

  onModuleInit(): void {
    this.router.register({
      ...Sns.SNS_WIRE,
      operations: SNS_OPERATIONS.map((op) => this.moduleRef.get(op)),
      mapError: mapSnsError,
    });
    // The certificate endpoints verify signatures with, at the SigningCertURL deliveries carry.
    this.router.serveResource(SIGNING_CERT_PATH, {
      contentType: 'application/x-pem-file',
      read: async () => (await this.identity.get()).cert,
    });
    // What the recording SMS and push providers kept instead of sending.
    for (const kind of ['sms', 'application'] as const)
      this.router.serveResource(`/_sns/recorded/${kind}`, {
        contentType: 'application/json',
        read: () => this.providers.recorded(kind),
      });
  }
}
