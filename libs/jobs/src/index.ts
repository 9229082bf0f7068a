export { JobsModule } from './jobs.module';
export { JobQueues } from './job-queues';
