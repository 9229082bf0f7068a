import { type DynamicModule, Global, type InjectionToken, Module } from '@nestjs/common';
import { AwsRouter, type AwsRouterOptions, type RequestRecord } from './aws-router';

/** What hears of every answered request: the one place for request metrics and logs. */
export interface RequestObserver {
  /** Called within the request's log context; must not throw. */
  onRequest(record: RequestRecord): void;
}

/** What an app tells the wire layer; the time source is an injectable with `now()` (the app's clock). */
export interface AwsWireModuleOptions extends Omit<AwsRouterOptions, 'now' | 'onRequest'> {
  /** Token of a provider with `now(): number`: the app's clock, for signature expiry. */
  readonly timeSource: InjectionToken;
  /** Token of the app's RequestObserver. */
  readonly requestObserver: InjectionToken;
}

/**
 * Provides the one AwsRouter of a process, which feature modules register their services with, and
 * hands every answered request to the app's observer.
 */
@Global()
@Module({})
export class AwsWireModule {
  static forRoot(options: AwsWireModuleOptions): DynamicModule {
    const { timeSource, requestObserver, ...routerOptions } = options;
    return {
      module: AwsWireModule,
      providers: [
        {
          provide: AwsRouter,
          inject: [requestObserver, timeSource],
          useFactory: (observer: RequestObserver, clock: { now(): number }) =>
            new AwsRouter({
              ...routerOptions,
              now: () => clock.now(),
              onRequest: (record: RequestRecord) => observer.onRequest(record),
            }),
        },
      ],
      exports: [AwsRouter],
    };
  }
}
