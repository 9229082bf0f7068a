import { runMain } from '@switchyard/runtime';
import { loadServerConfig } from './server.config';
import { ServerModule } from './server.module';

void runMain({
  name: 'server',
  config: loadServerConfig(),
  module: (config) => ServerModule.forRoot(config),
});
