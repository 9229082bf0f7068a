export * from './runtime-config';
export * from './health.module';
export * from './run-app';
