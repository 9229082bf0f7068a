import { type DynamicModule, Module } from '@nestjs/common';
import { CoreModule } from '@switchyard/runtime';
import { WorkflowsModule } from '@switchyard/workflows';
import type { OrchestrationGatewayConfig } from './orchestration-gateway.config';

/** The Step Functions API alone, Express executions in-process; stateless, so it scales by replicas. */
@Module({})
export class OrchestrationGatewayModule {
  static forRoot(config: OrchestrationGatewayConfig & { redisUrl: string }): DynamicModule {
    return {
      module: OrchestrationGatewayModule,
      imports: [
        CoreModule.forRoot(config),
        WorkflowsModule.forRoot({ workflows: config.workflows, functions: config.functions }),
      ],
    };
  }
}
