export { ConsoleModule } from './console.module';
export type { ConsoleConfig, ConsoleModuleOptions } from './console.options';
export { signSessionToken } from './console-session';
