import { Module } from '@nestjs/common';
import { JobQueues } from './job-queues';

/** Provides JobQueues to the feature modules that run background jobs. Needs RedisModule. */
@Module({ providers: [JobQueues], exports: [JobQueues] })
export class JobsModule {}
