import { type DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { AwsRouter, type AwsRouterOptions } from './aws-router';

/** Provides the one AwsRouter of a process; feature modules register their services with it. */
@Global()
@Module({})
export class AwsWireModule {
  static forRoot(options: Omit<AwsRouterOptions, 'onInternalError'>): DynamicModule {
    const log = new Logger('AwsRouter');
    return {
      module: AwsWireModule,
      providers: [
        {
          provide: AwsRouter,
          useFactory: () =>
            new AwsRouter({
              ...options,
              onInternalError: (error, operation) =>
                log.error(`${operation} failed: ${(error as Error)?.stack ?? String(error)}`),
            }),
        },
      ],
      exports: [AwsRouter],
    };
  }
}
