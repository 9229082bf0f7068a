import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ExecutionUpdates } from '../domain/execution-updates';
import type { StateMachineRef } from '../domain/state-machine-ref';
import { ExecutionStore } from '../store/execution.store';
import { StateMachineStore } from '../store/state-machine.store';

/** How often machines being deleted are looked at. */
const EVERY_MS = 2_000;
/** Executions read at a time while a machine's are ended. */
const PAGE = 500;

/**
 * Finishes DeleteStateMachine: for each machine marked DELETING, ends its running executions
 * (ABORTED, as a stop would) and then deletes the machine. Any executor may do it; ending an
 * execution is a fenced commit and deleting is idempotent, so two doing it at once do no harm.
 */
@Injectable()
export class MachineDeletionWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(MachineDeletionWorker.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly machines: StateMachineStore,
    private readonly executions: ExecutionStore,
    private readonly updates: ExecutionUpdates,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (!this.running)
        this.running = this.sweep()
          .catch((e: Error) => this.log.warn(`deleting state machines failed, retried later: ${e.message}`))
          .finally(() => (this.running = undefined));
    }, EVERY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private async sweep(): Promise<void> {
    for (const machine of await this.machines.deleting()) {
      await this.endExecutions(machine);
      await this.machines.delete(machine);
    }
  }

  private async endExecutions(machine: StateMachineRef): Promise<void> {
    for (let offset = 0; ; offset += PAGE) {
      const names = await this.executions.listNames(machine.accountId, machine.name, offset, PAGE);
      for (const name of names) {
        const ref = { machine, name };
        const stored = await this.executions.load(ref).catch(() => undefined);
        if (stored?.fields.status !== 'RUNNING') continue;
        await this.updates.apply(ref, (engine, state) =>
          engine.end(state, 'ExecutionAborted', { cause: 'The state machine was deleted.' }),
        );
      }
      if (names.length < PAGE) return;
    }
  }
}
