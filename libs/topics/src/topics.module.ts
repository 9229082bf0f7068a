import { type DynamicModule, Module } from '@nestjs/common';
import { JobsModule } from '@switchyard/jobs';
import { Publisher } from './api/publisher';
import { HttpDeliveryQueue } from './domain/http-delivery-queue';
import { MessagingProviders } from './domain/recording-provider';
import { SNS_OPERATIONS, SnsService } from './api/sns.service';
import { SubscriptionStore } from './store/subscription.store';
import { TopicStore } from './store/topic.store';
import { TOPICS_OPTIONS, type TopicsOptions } from './topics.options';
import { TopicMetrics } from './domain/topic-metrics';

/** The SNS API (query/XML) over the Redis topic store. Needs CoreModule with its AWS router. */
@Module({})
export class TopicsModule {
  static forRoot(options: TopicsOptions): DynamicModule {
    return {
      module: TopicsModule,
      imports: [JobsModule],
      providers: [
        { provide: TOPICS_OPTIONS, useValue: options },
        TopicStore,
        SubscriptionStore,
        Publisher,
        TopicMetrics,
        HttpDeliveryQueue,
        MessagingProviders,
        ...SNS_OPERATIONS,
        SnsService,
      ],
    };
  }
}
