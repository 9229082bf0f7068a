import { runMain } from '@switchyard/runtime';
import { loadQueueGatewayConfig, QUEUE_GATEWAY_SETTINGS } from './queue-gateway.config';
import { QueueGatewayModule } from './queue-gateway.module';

void runMain({
  name: 'queue-gateway',
  description: 'the SQS API alone; run as many replicas as you like',
  settings: QUEUE_GATEWAY_SETTINGS,
  loadConfig: () => loadQueueGatewayConfig(),
  module: (config) => QueueGatewayModule.forRoot(config),
});
