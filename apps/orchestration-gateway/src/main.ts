import { runMain } from '@switchyard/runtime';
import {
  loadOrchestrationGatewayConfig,
  ORCHESTRATION_GATEWAY_SETTINGS,
} from './orchestration-gateway.config';
import { OrchestrationGatewayModule } from './orchestration-gateway.module';

void runMain({
  name: 'orchestration-gateway',
  description:
    'the Step Functions API and the EventBridge API its workflows use, Express executions in-process; run as many replicas as you like',
  settings: ORCHESTRATION_GATEWAY_SETTINGS,
  loadConfig: () => loadOrchestrationGatewayConfig(),
  module: (config) => OrchestrationGatewayModule.forRoot(config),
});
