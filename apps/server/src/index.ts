// What the e2e suites boot in-process: the server's root module and its config loader.
export { ServerModule } from './server.module';
export { loadServerConfig } from './server.config';
