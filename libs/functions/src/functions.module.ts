import { type DynamicModule, Module } from '@nestjs/common';
import type { FunctionsOptions } from './functions.config';
import { FUNCTIONS_OPTIONS, FunctionRegistry } from './function-registry';

/** The function registry, for the features that invoke functions. */
@Module({})
export class FunctionsModule {
  static forRoot(options: FunctionsOptions): DynamicModule {
    return {
      module: FunctionsModule,
      providers: [{ provide: FUNCTIONS_OPTIONS, useValue: options }, FunctionRegistry],
      exports: [FunctionRegistry],
    };
  }
}
