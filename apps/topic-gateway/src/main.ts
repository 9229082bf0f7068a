import { runMain } from '@switchyard/runtime';
import { loadTopicGatewayConfig, TOPIC_GATEWAY_SETTINGS } from './topic-gateway.config';
import { TopicGatewayModule } from './topic-gateway.module';

void runMain({
  name: 'topic-gateway',
  description: 'the SNS API alone; run as many replicas as you like',
  settings: TOPIC_GATEWAY_SETTINGS,
  loadConfig: () => loadTopicGatewayConfig(),
  module: (config) => TopicGatewayModule.forRoot(config),
});
