export {
  loadRuntimeConfig,
  runtimeSettings,
  intSetting,
  ConfigError,
  type LogLevel,
  type RuntimeConfig,
} from './runtime-config';
export { type SettingDoc } from './settings';
export { Clock, SystemClock } from './clock';
export { CoreModule } from './core.module';
export { Metrics, sharedRead } from './metrics';
export { streamBacklog } from './stream-backlog';
export { runApp, runMain, type RunningApp } from './run-app';
export { TlsIdentity, type TlsMaterial } from './tls-identity';
