import { Controller, Get, Inject, Injectable, Module, type BeforeApplicationShutdown } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  type HealthIndicatorResult,
  HealthIndicatorService,
  TerminusModule,
} from '@nestjs/terminus';
import { REDIS_CLIENT, type RedisClient } from '@switchyard/redis';

/** Readiness turns false as soon as the process starts draining, so load balancers stop sending work. */
@Injectable()
export class Readiness implements BeforeApplicationShutdown {
  draining = false;

  beforeApplicationShutdown(): void {
    this.draining = true;
  }
}

@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly readiness: Readiness,
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.redisReady(), () => this.notDraining()]);
  }

  private async redisReady(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('redis');
    try {
      await this.redis.ping();
      return check.up();
    } catch (e) {
      return check.down({ message: (e as Error).message });
    }
  }

  private notDraining(): HealthIndicatorResult {
    const check = this.indicator.check('process');
    return this.readiness.draining ? check.down({ message: 'draining' }) : check.up();
  }
}

/** `/health/live` and `/health/ready` for every app. */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [Readiness],
})
export class HealthModule {}
