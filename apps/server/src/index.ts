// What the e2e suites boot in-process: the server's root module, its config loader and its settings.
export { ServerModule } from './server.module';
export { loadServerConfig, SERVER_SETTINGS } from './server.config';
