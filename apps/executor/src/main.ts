import { runMain } from '@switchyard/runtime';
import { loadExecutorConfig, EXECUTOR_SETTINGS } from './executor.config';
import { ExecutorModule } from './executor.module';

void runMain({
  name: 'executor',
  description:
    'background work: retention sweeps, dead-letter moves a crashed gateway left half done, message-move tasks',
  settings: EXECUTOR_SETTINGS,
  loadConfig: () => loadExecutorConfig(),
  module: (config) => ExecutorModule.forRoot(config),
});
