import { runMain } from '@switchyard/runtime';
import { loadQueueGatewayConfig } from './queue-gateway.config';
import { QueueGatewayModule } from './queue-gateway.module';

void runMain({
  name: 'queue-gateway',
  config: loadQueueGatewayConfig(),
  module: (config) => QueueGatewayModule.forRoot(config),
});
