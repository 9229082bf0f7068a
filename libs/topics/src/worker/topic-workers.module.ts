import { type DynamicModule, Module } from '@nestjs/common';
import { type FunctionsOptions, FunctionsModule } from '@switchyard/functions';
import { JobsModule } from '@switchyard/jobs';
import { QueueCoreModule, type QueuesOptions } from '@switchyard/queues';
import { MessageSigner } from '../domain/message-signer';
import { HttpDeliveryQueue } from '../domain/http-delivery-queue';
import { MessagingProviders } from '../domain/recording-provider';
import { SubscriptionStore } from '../store/subscription.store';
import { TopicStore } from '../store/topic.store';
import { DeadLetters } from './dead-letters';
import { EmailSender } from './email-delivery';
import { HttpDeliveryWorker } from './http-delivery.worker';
import { TOPICS_OPTIONS, type TopicsOptions } from '../topics.options';
import { FanOutWorker } from './fan-out.worker';
import { SqsDeliverer } from './sqs-delivery';
import { TopicAudiences } from './topic-audience';
import { TopicMetrics } from '../domain/topic-metrics';

/** The topic service's background work (fan-out and delivery), mounted by the executor and the server. */
@Module({})
export class TopicWorkersModule {
  static forRoot(options: {
    topics: TopicsOptions;
    queues: QueuesOptions;
    functions: FunctionsOptions;
  }): DynamicModule {
    return {
      module: TopicWorkersModule,
      imports: [
        QueueCoreModule.forRoot(options.queues),
        JobsModule,
        FunctionsModule.forRoot(options.functions),
      ],
      providers: [
        { provide: TOPICS_OPTIONS, useValue: options.topics },
        SubscriptionStore,
        TopicStore,
        HttpDeliveryQueue,
        DeadLetters,
        TopicMetrics,
        HttpDeliveryWorker,
        EmailSender,
        MessagingProviders,
        MessageSigner,
        TopicAudiences,
        SqsDeliverer,
        FanOutWorker,
      ],
      exports: [FanOutWorker, SqsDeliverer],
    };
  }
}
