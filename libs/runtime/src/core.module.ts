import { type DynamicModule, Module } from '@nestjs/common';
import { AwsError, AwsWireModule, CommonErrors } from '@switchyard/aws-wire';
import { isStoreUnavailable, RedisModule } from '@switchyard/redis';
import { Clock, SystemClock } from './clock';
import { HealthModule } from './health.module';
import type { RuntimeConfig } from './runtime-config';
import { TlsIdentity } from './tls-identity';

/** What CoreModule mounted; runApp serves the AWS router only where there is one. */
export class CoreFeatures {
  constructor(readonly awsApi: boolean) {}
}

/** How an app uses CoreModule. */
export interface CoreModuleOptions {
  /** Mount the AWS wire router (default true); the executor serves no AWS API. */
  readonly awsApi?: boolean;
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
 * wire router, health endpoints, and the Clock (the system clock) for every feature.
 */
@Module({})
export class CoreModule {
  static forRoot(
    config: RuntimeConfig & { redisUrl: string },
    options: CoreModuleOptions = {},
  ): DynamicModule {
    const awsApi = options.awsApi ?? true;
    return {
      module: CoreModule,
      global: true,
      imports: [
        RedisModule.forRoot({ url: config.redisUrl, keyPrefix: config.keyPrefix }),
        ...(awsApi
          ? [
              AwsWireModule.forRoot({
                accountId: config.accountId,
                region: config.region,
                credentials: config.credentials,
                timeSource: Clock,
                mapError: unavailableStore,
              }),
            ]
          : []),
        HealthModule,
      ],
      providers: [
        { provide: Clock, useClass: SystemClock },
        { provide: CoreFeatures, useValue: new CoreFeatures(awsApi) },
        TlsIdentity,
      ],
      exports: [Clock, TlsIdentity],
    };
  }
}
