import { Injectable } from '@nestjs/common';
import { type CompiledStateMachine, loadDefinition } from '@switchyard/asl';

/** Definitions compiled once: many executions of a machine share its compiled form. */
@Injectable()
export class CompiledMachines {
  private readonly cache = new Map<string, CompiledStateMachine>();
  private static readonly LIMIT = 500;

  of(definition: string): CompiledStateMachine {
    let compiled = this.cache.get(definition);
    if (!compiled) {
      compiled = loadDefinition(definition);
      if (this.cache.size >= CompiledMachines.LIMIT) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(definition, compiled);
    }
    return compiled;
  }
}
