import { Injectable } from '@nestjs/common';
import { type CompiledStateMachine, loadDefinition } from '@switchyard/asl';
import { ExecutionStore } from '../store/execution.store';

/** Definitions compiled once: many executions of a machine share its compiled form. */
@Injectable()
export class CompiledMachines {
  private readonly cache = new Map<string, CompiledStateMachine>();
  private readonly byHash = new Map<string, CompiledStateMachine>();
  private static readonly LIMIT = 500;

  constructor(private readonly executions: ExecutionStore) {}

  /** The compiled definition a stored execution runs (it refers to its definition by hash). */
  async ofExecution(fields: Record<string, string>): Promise<CompiledStateMachine> {
    const sha = fields.definitionSha;
    let compiled = this.byHash.get(sha);
    if (!compiled) {
      compiled = this.of(await this.executions.definition(sha));
      if (this.byHash.size >= CompiledMachines.LIMIT) this.byHash.delete(this.byHash.keys().next().value!);
      this.byHash.set(sha, compiled);
    }
    return compiled;
  }

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
