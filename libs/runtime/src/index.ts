export {
  loadRuntimeConfig,
  runtimeSettings,
  intSetting,
  ConfigError,
  type RuntimeConfig,
} from './runtime-config';
export { type SettingDoc } from './settings';
export { Clock, SystemClock } from './clock';
export { CoreModule } from './core.module';
export { runApp, runMain, type RunningApp } from './run-app';
export { TlsIdentity, type TlsMaterial } from './tls-identity';
