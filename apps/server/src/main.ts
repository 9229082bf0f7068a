import { runMain } from '@switchyard/runtime';
import { loadServerConfig, SERVER_SETTINGS } from './server.config';
import { ServerModule } from './server.module';

void runMain({
  name: 'server',
  description: 'every feature in one process on one port (the AWS APIs and the background work)',
  settings: SERVER_SETTINGS,
  loadConfig: () => loadServerConfig(),
  module: (config) => ServerModule.forRoot(config),
});
