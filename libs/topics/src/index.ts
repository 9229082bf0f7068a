export { TopicsModule } from './topics.module';
export { TopicWorkersModule } from './worker/topic-workers.module';
export { loadTopicsConfig, TOPICS_SETTINGS } from './topics.config';
export type { TopicsOptions } from './topics.options';
