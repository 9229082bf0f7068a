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

/**
 * What makes the process beyond repair, so that an orchestrator should restart it: `/health/live`
 * fails while any check reports a failure (an embedded Redis that could not be restarted).
 */
@Injectable()
export class Liveness {
  private readonly checks = new Map<string, () => string | undefined>();

  /** Adds a check returning why the process cannot go on, or undefined while it can. */
  add(name: string, failure: () => string | undefined): void {
    this.checks.set(name, failure);
  }

  /** The checks by name. */
  get entries(): ReadonlyMap<string, () => string | undefined> {
    return this.checks;
  }
}

@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly readiness: Readiness,
    private readonly liveness: Liveness,
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check(
      [...this.liveness.entries].map(([name, failure]) => () => {
        const check = this.indicator.check(name);
        const why = failure();
        return why === undefined ? check.up() : check.down({ message: why });
      }),
    );
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
  providers: [Readiness, Liveness],
})
export class HealthModule {}
