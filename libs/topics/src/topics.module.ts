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
import { TopicInspection } from './domain/topic-inspection';
import { loadTopicsConfig } from './topics.config';

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

/**
 * Reading topics without changing them, for the console (delivery-failure counters per subscription).
 * Needs only Redis (CoreModule), so an app that does not serve SNS can mount it too.
 */
@Module({})
export class TopicInspectionModule {
  static forRoot(runtime: {
    readonly region: string;
    readonly publicUrl: string;
    readonly publicTlsUrl: string;
  }): DynamicModule {
    return {
      module: TopicInspectionModule,
      providers: [
        { provide: TOPICS_OPTIONS, useValue: loadTopicsConfig({}, runtime) },
        TopicStore,
        SubscriptionStore,
        TopicInspection,
      ],
      exports: [TopicInspection],
    };
  }
}
