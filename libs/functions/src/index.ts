export { FunctionsModule } from './functions.module';
export { FunctionRegistry, type InvocationResult } from './function-registry';
export { FUNCTIONS_SETTINGS, loadFunctionsConfig, type FunctionsOptions } from './functions.config';
