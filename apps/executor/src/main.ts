import { runMain } from '@switchyard/runtime';
import { loadExecutorConfig } from './executor.config';
import { ExecutorModule } from './executor.module';

void runMain({
  name: 'executor',
  config: loadExecutorConfig(),
  module: (config) => ExecutorModule.forRoot(config),
});
