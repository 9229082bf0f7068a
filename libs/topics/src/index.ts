export { TopicsModule, TopicInspectionModule } from './topics.module';
export { TopicWorkersModule } from './worker/topic-workers.module';
export { loadTopicsConfig, TOPICS_SETTINGS } from './topics.config';
export type { TopicsOptions } from './topics.options';
// Reading topics without changing them, for the console.
export { TopicInspection, type DeliveryFailures } from './domain/topic-inspection';
