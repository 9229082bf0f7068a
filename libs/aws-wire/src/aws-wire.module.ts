import { type DynamicModule, Global, type InjectionToken, Logger, Module } from '@nestjs/common';
import { AwsRouter, type AwsRouterOptions, type RequestRecord } from './aws-router';
import { RequestMetrics } from './request-metrics';

/** What an app tells the wire layer; the time source is an injectable with `now()` (the app's clock). */
export interface AwsWireModuleOptions extends Omit<AwsRouterOptions, 'now' | 'onRequest'> {
  /** Token of a provider with `now(): number`: the app's clock, for signature expiry. */
  readonly timeSource: InjectionToken;
}

/**
 * Provides the one AwsRouter of a process, feature modules register their services with it, and the
 * request observer: failures the router answers with InternalFailure are logged with their stack, every
 * answer is counted in RequestMetrics, and client errors are logged at debug level.
 */
@Global()
@Module({})
export class AwsWireModule {
  static forRoot(options: AwsWireModuleOptions): DynamicModule {
    const { timeSource, ...routerOptions } = options;
    const log = new Logger('AwsRouter');
    return {
      module: AwsWireModule,
      providers: [
        RequestMetrics,
        {
          provide: AwsRouter,
          inject: [RequestMetrics, timeSource],
          useFactory: (metrics: RequestMetrics, clock: { now(): number }) =>
            new AwsRouter({
              ...routerOptions,
              now: () => clock.now(),
              onRequest: (record: RequestRecord) => {
                metrics.record(record);
                if (record.internalError !== undefined) {
                  const e = record.internalError;
                  log.error(
                    `${record.service}.${record.operation} failed: ${(e as Error)?.stack ?? String(e)}`,
                  );
                } else if (record.errorCode) {
                  log.debug(`${record.service}.${record.operation}: ${record.status} ${record.errorCode}`);
                }
              },
            }),
        },
      ],
      exports: [AwsRouter, RequestMetrics],
    };
  }
}
