export { TopicsModule } from './topics.module';
export { loadTopicsConfig, TOPICS_SETTINGS } from './topics.config';
export type { TopicsOptions } from './topics.options';
