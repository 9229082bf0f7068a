import { type DynamicModule, Module } from '@nestjs/common';
import { AwsError, AwsWireModule, CommonErrors } from '@switchyard/aws-wire';
import { isStoreUnavailable, RedisModule } from '@switchyard/redis';
import { Clock, SystemClock } from './clock';
import { HealthModule } from './health.module';
import { MetricsModule } from './metrics';
import { LOG_EVERY_REQUEST, RequestTelemetry } from './request-telemetry';
import type { RuntimeConfig } from './runtime-config';
import { TlsIdentity } from './tls-identity';

/** What CoreModule was asked for; runApp serves the AWS router over HTTP only where it serves a service. */
export class CoreFeatures {
  constructor(readonly servesAwsApi: boolean) {}
}

/** How an app uses CoreModule. */
export interface CoreModuleOptions {
  /**
   * The AWS services (signing names) the app serves over HTTP and HTTPS; default every service its
   * modules register. The others answer in-process calls only (workflow tasks, event targets): the
   * executor serves none, the orchestration gateway only `states`.
   */
  readonly serves?: readonly string[];
}

/** Redis out of reach (or loading, or failing over) is AWS's retryable ServiceUnavailable, whatever the service. */
function unavailableStore(error: unknown): AwsError | undefined {
  return isStoreUnavailable(error)
    ? new AwsError(
        CommonErrors.ServiceUnavailable,
        'The request has failed due to a temporary failure of the server.',
      )
    : undefined;
}

/**
 * What every app imports before its feature modules: the Redis connection and key builder, the AWS
 * wire router (its requests counted, timed and logged by RequestTelemetry), health endpoints,
 * `/metrics` with the `Metrics` feature modules register theirs with, and the Clock (the system
 * clock) for every feature.
 */
@Module({})
export class CoreModule {
  static forRoot(
    config: RuntimeConfig & { redisUrl: string },
    options: CoreModuleOptions = {},
  ): DynamicModule {
    const servesAwsApi = options.serves === undefined || options.serves.length > 0;
    return {
      module: CoreModule,
      global: true,
      imports: [
        RedisModule.forRoot({ url: config.redisUrl, keyPrefix: config.keyPrefix }),
        AwsWireModule.forRoot({
          accountId: config.accountId,
          region: config.region,
          credentials: config.credentials,
          timeSource: Clock,
          mapError: unavailableStore,
          served: options.serves,
          requestObserver: RequestTelemetry,
        }),
        HealthModule,
        MetricsModule,
      ],
      providers: [
        { provide: Clock, useClass: SystemClock },
        { provide: CoreFeatures, useValue: new CoreFeatures(servesAwsApi) },
        { provide: LOG_EVERY_REQUEST, useValue: config.logLevel === 'debug' },
        RequestTelemetry,
        TlsIdentity,
      ],
      exports: [Clock, TlsIdentity, MetricsModule, RequestTelemetry],
    };
  }
}
