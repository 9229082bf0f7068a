import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type EngineEffect, ExecutionEngine, type IterationOutcome } from '@switchyard/asl';
import { StoreError } from '@switchyard/redis';
import { Clock } from '@switchyard/runtime';
import { ExecutionStore } from '../store/execution.store';
import { MapRunStore, type StoredMapRun } from '../store/map-run.store';
import { CompiledMachines } from './compiled-machines';
import type { ExecutionRef } from './execution-ref';
import { ExecutionRedrive } from './execution-redrive';
import { ExecutionUpdates } from './execution-updates';
import { endedFields, engineRuntime, firstVersion, storedState } from './standard-execution';
import { stateMachineArn } from './state-machine-ref';
import { storeEvents } from './stored-event';
import { WorkflowMetrics } from './workflow-metrics';

/** Children started at a time (one batch of creations, pipelined). */
const LAUNCH_BATCH = 500;
/** How long an executor holds a run while it starts its children. */
const HOLD_MS = 30_000;
/** A run another executor holds is looked at again after this long. */
const HELD_RETRY_MS = 200;
/** A running run is looked at again after this long, whatever happened (a lost wake-up costs no more). */
const CHECK_EVERY_MS = 10_000;
/** A redrive waits this long at most, looking every BUSY_RETRY_MS, for the last attempt's children to end. */
const BUSY_WAIT_MS = 5_000;
const BUSY_RETRY_MS = 100;
/** Why a run's running children are stopped. */
const PARENT_ENDED_CAUSE = 'The parent execution ended, and its Distributed Map run with it.';
const FAILED_RUN_CAUSE = 'The Distributed Map run failed: its tolerated failure threshold was exceeded.';
/** Redrives of a child tried again when it changed between its read and the redrive. */
const STALE_ATTEMPTS = 5;

/** What a child execution holds of its run: which run, and which item it is. */
interface RunLink {
  readonly runId: string;
  readonly index: number;
}

/** The run's id (`<machine>/<label>:<uuid>`) from its ARN (`arn:…:mapRun:<id>`). */
export function mapRunIdOf(mapRunArn: string): string {
  return mapRunArn.slice(mapRunArn.indexOf(':mapRun:') + ':mapRun:'.length);
}

/** A child's name, made from its run and index: the same item always names the same child. */
export function childName(runArn: string, index: number): string {
  const h = createHash('sha256').update(`${runArn}\n${index}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * Runs Distributed Maps as child executions spread over the executors. The parent's executor
 * stores the run (its items and settings) when its Map state asks for it; then any executor holding
 * the run starts children, as many as MaxConcurrency allows, each a Standard execution of the item
 * processor with one item as input, handed to the executors as any execution is. A child's end is
 * recorded in its run once (`ExecutionAnnouncements`), which starts more children or, once every
 * child has ended (or the failures exceed what the Map tolerates and the running ones, stopped
 * then, have ended), answers the parent's Map state with every item's outcome in order.
 */
@Injectable()
export class MapRuns {
  constructor(
    private readonly runs: MapRunStore,
    private readonly executions: ExecutionStore,
    private readonly compiled: CompiledMachines,
    private readonly updates: ExecutionUpdates,
    private readonly redrives: ExecutionRedrive,
    private readonly clock: Clock,
    private readonly metrics: WorkflowMetrics,
  ) {}

  /** Stores the run a parent's Map state asks for (once), and hands it to the executors. */
  async start(
    parent: ExecutionRef,
    parentFields: Record<string, string>,
    effect: EngineEffect & { type: 'map-run' },
  ): Promise<void> {
    const { map } = effect;
    const runArn = map.mapRunArn!;
    const runId = mapRunIdOf(runArn);
    const accountId = parent.machine.accountId;
    const now = this.clock.now();
    const parentWait = JSON.stringify({ thread: effect.threadId, wait: effect.wait });
    // A redriven parent redrives its run, unless the run is gone (kept as long as the parent): then
    // it starts again from its items.
    if (map.redriven && (await this.redriveRun(accountId, runId, parentWait))) {
      await this.executions.enqueue(this.workItem(parent, runId));
      return;
    }
    // Only a run kept no longer than its parent could be gone; one whose items were read is not read again.
    if (map.redriven && map.runs.length === 0)
      throw new Error(`map run ${runId} is no longer kept, and its items are not read again to redrive it`);
    if (map.runs.length > 0)
      await this.runs.create(
        accountId,
        runId,
        parent,
        {
          arn: runArn,
          parent: parentWait,
          parentMachine: parent.machine.name,
          parentExecution: parent.name,
          childMachine: runId.slice(0, runId.lastIndexOf(':')),
          status: 'RUNNING',
          started: String(now),
          total: String(map.runs.length),
          launched: '0',
          created: '0',
          running: '0',
          succeeded: '0',
          failed: '0',
          timedOut: '0',
          aborted: '0',
          maxConcurrency: String(map.maxConcurrency),
          toleratedFailureCount:
            map.toleratedFailureCount === undefined ? '' : String(map.toleratedFailureCount),
          toleratedFailurePercentage:
            map.toleratedFailurePercentage === undefined ? '' : String(map.toleratedFailurePercentage),
          definitionSha: parentFields.definitionSha,
          roleArn: parentFields.roleArn ?? '',
          scope: map.scope,
          variables: JSON.stringify(map.runs[0].variables ?? {}),
        },
        map.runs.map((r) => JSON.stringify(r.input ?? null)),
        now,
      );
    await this.executions.enqueue(this.workItem(parent, runId));
  }

  /**
   * The executors' work for a run: under its hold, starts the children of items taken before by an
   * executor that died, then as many more as the run allows; once every child has ended, answers
   * the parent.
   */
  async advance(accountId: string, runId: string, holder: string): Promise<void> {
    if (!(await this.runs.hold(accountId, runId, holder, HOLD_MS))) {
      const held = await this.runs.get(accountId, runId);
      if (held && !held.answered)
        await this.executions.schedule(
          this.workItem(this.parentOf(accountId, held), runId),
          this.clock.now() + HELD_RETRY_MS,
        );
      return;
    }
    try {
      // Read under the hold: what another holder launched before is counted.
      const run = await this.runs.get(accountId, runId);
      if (!run || run.answered) return;
      const parent = this.parentOf(accountId, run);
      const launched = Number(run.launched);
      const created = Number(run.created);
      if (created < launched) {
        await this.startChildren(
          accountId,
          runId,
          run,
          created,
          await this.runs.inputs(accountId, runId, created, launched),
        );
        await this.runs.markCreated(accountId, runId, launched);
      }
      // A redriven run first redrives the children that did not succeed, then starts those never started.
      const redriveDone = Number(run.redriveDone ?? 0);
      const redriveTaken = Number(run.redriveTaken ?? 0);
      if (redriveDone < redriveTaken) {
        await this.redriveChildren(
          accountId,
          runId,
          run,
          await this.runs.redriveIndexes(accountId, runId, redriveDone, redriveTaken),
        );
        await this.runs.markRedriven(accountId, runId, redriveTaken);
      }
      for (;;) {
        const taken = await this.runs.takeRedrives(accountId, runId, LAUNCH_BATCH);
        if (taken.indexes.length === 0) break;
        await this.redriveChildren(accountId, runId, run, taken.indexes);
        await this.runs.markRedriven(accountId, runId, taken.first + taken.indexes.length);
      }
      for (;;) {
        const taken = await this.runs.launch(accountId, runId, LAUNCH_BATCH);
        if (taken.inputs.length === 0) break;
        await this.startChildren(accountId, runId, run, taken.first, taken.inputs);
        await this.runs.markCreated(accountId, runId, taken.first + taken.inputs.length);
      }
      const now = await this.runs.get(accountId, runId);
      if (now?.stopped !== undefined) await this.answerParent(accountId, runId, now, parent);
      else await this.executions.schedule(this.workItem(parent, runId), this.clock.now() + CHECK_EVERY_MS);
    } finally {
      await this.runs.release(accountId, runId, holder);
    }
  }

  /** A child ended: its outcome is recorded in its run (once), which may start more or end. */
  async childEnded(child: ExecutionRef, linkText: string, fields: Record<string, string>): Promise<void> {
    await this.recordOutcome(child.machine.accountId, JSON.parse(linkText) as RunLink, fields);
  }

  /** Records the outcome of a child (its ending `fields`) in its run, which may start more or end. */
  private async recordOutcome(accountId: string, link: RunLink, fields: Record<string, string>) {
    // Written with its status first: a redrive of the run tells the succeeded ones by it.
    const outcome: IterationOutcome =
      fields.status === 'SUCCEEDED'
        ? { status: 'SUCCEEDED', output: JSON.parse(fields.output ?? 'null') as unknown }
        : { status: 'FAILED', error: fields.error ?? '', cause: fields.cause ?? '' };
    let recorded;
    try {
      recorded = await this.runs.record(
        accountId,
        link.runId,
        link.index,
        JSON.stringify(outcome),
        fields.status,
        this.clock.now(),
      );
    } catch (e) {
      // The run is gone (its parent's retention ended): nobody waits.
      if (e instanceof StoreError && e.code === 'NOT_FOUND') return;
      throw e;
    }
    if (recorded.failedRun && !recorded.done) {
      // As AWS's, a run that fails stops the children still running (they end ABORTED).
      const run = await this.runs.get(accountId, link.runId);
      if (run) await this.abortChildren(accountId, link.runId, run, FAILED_RUN_CAUSE);
    }
    if (recorded.recorded && (recorded.done || recorded.moreToLaunch)) {
      const run = await this.runs.get(accountId, link.runId);
      if (run) await this.executions.enqueue(this.workItem(this.parentOf(accountId, run), link.runId));
    }
  }

  /**
   * A parent that ended other than by succeeding aborts its runs still going: they start no more
   * children, and the running ones are stopped (as StopExecution would stop them).
   */
  async parentEnded(parent: ExecutionRef): Promise<void> {
    const accountId = parent.machine.accountId;
    for (const runId of await this.runs.listOf(parent, 0, -1)) {
      if (!(await this.runs.abort(accountId, runId, this.clock.now()))) continue;
      const run = await this.runs.get(accountId, runId);
      if (run) await this.abortChildren(accountId, runId, run, PARENT_ENDED_CAUSE);
    }
  }

  /** Stops the run's children still running, as StopExecution would (those that ended stay as they are). */
  private async abortChildren(accountId: string, runId: string, run: StoredMapRun, cause: string) {
    const machine = { accountId, region: this.regionOf(run.arn), name: run.childMachine };
    for (let offset = 0; ; offset += LAUNCH_BATCH) {
      const names = await this.runs.childrenOf(accountId, runId, offset, LAUNCH_BATCH);
      await Promise.all(
        names.map((name) =>
          this.updates
            .apply({ machine, name }, (engine, state) => engine.end(state, 'ExecutionAborted', { cause }))
            .catch((e: unknown) => {
              if (!(e instanceof StoreError && e.code === 'NOT_FOUND')) throw e;
            }),
        ),
      );
      if (names.length < LAUNCH_BATCH) break;
    }
  }

  /**
   * Redrives a run that did not succeed; false when there is no such run. Children of its last
   * attempt still ending (its parent was stopped a moment ago) are waited for, a few seconds.
   */
  private async redriveRun(accountId: string, runId: string, parentWait: string): Promise<boolean> {
    for (let waited = 0; ; waited += BUSY_RETRY_MS) {
      let outcome;
      try {
        outcome = await this.runs.redrive(accountId, runId, parentWait, this.clock.now());
      } catch (e) {
        if (e instanceof StoreError && e.code === 'NOT_FOUND') return false;
        throw e;
      }
      if (outcome !== 'busy') return true;
      if (waited >= BUSY_WAIT_MS)
        throw new Error(
          `the children of map run ${runId} are still ending; its redrive is tried again later`,
        );
      await new Promise((r) => setTimeout(r, BUSY_RETRY_MS));
    }
  }

  /**
   * Redrives the children of a redriven run's items (each under its ARN, from its state that did
   * not succeed). One redriven before (by a holder that crashed) is left as it is; one that cannot
   * be redriven keeps its outcome, recorded again.
   */
  private async redriveChildren(
    accountId: string,
    runId: string,
    run: StoredMapRun,
    indexes: readonly number[],
  ): Promise<void> {
    const machine = { accountId, region: this.regionOf(run.arn), name: run.childMachine };
    const round = run.redriveCount ?? '1';
    await Promise.all(
      indexes.map(async (index) => {
        const ref: ExecutionRef = { machine, name: childName(run.arn, index) };
        for (let attempt = 0; ; attempt++) {
          let stored;
          try {
            stored = await this.executions.load(ref);
          } catch (e) {
            if (!(e instanceof StoreError && e.code === 'NOT_FOUND')) throw e;
            await this.notRedrivable(accountId, runId, index, {
              status: 'FAILED',
              error: 'States.Runtime',
              cause: 'The child execution is no longer kept.',
            });
            return;
          }
          const f = stored.fields;
          if (f.mapRunRedrive === round || f.status === 'RUNNING') return;
          try {
            const redriven =
              f.status === 'SUCCEEDED'
                ? undefined
                : await this.redrives.redrive(stored, { mapRunRedrive: round });
            if (redriven === undefined) await this.notRedrivable(accountId, runId, index, f);
            return;
          } catch (e) {
            if (!(e instanceof StoreError && e.code === 'STALE' && attempt < STALE_ATTEMPTS)) throw e;
          }
        }
      }),
    );
  }

  /** An item whose child cannot be redriven: counted, and its outcome recorded again. */
  private async notRedrivable(
    accountId: string,
    runId: string,
    index: number,
    fields: Record<string, string>,
  ): Promise<void> {
    await this.runs.countNotRedrivable(accountId, runId);
    await this.recordOutcome(accountId, { runId, index }, fields);
  }

  /** Every recorded item's outcome, in item order, goes to the parent's Map state (once). */
  private async answerParent(accountId: string, runId: string, run: StoredMapRun, parent: ExecutionRef) {
    const results = await this.runs.results(accountId, runId);
    const iterations: IterationOutcome[] = [];
    for (let i = 0; i < Number(run.total); i++) {
      const outcome = results.get(i);
      if (outcome !== undefined) iterations.push(JSON.parse(outcome) as IterationOutcome);
    }
    const wait = JSON.parse(run.parent) as { thread: string; wait: number };
    try {
      await this.updates.answer(parent, wait, { type: 'map', iterations, mapRunArn: run.arn });
    } catch (e) {
      if (!(e instanceof StoreError && e.code === 'NOT_FOUND')) throw e;
    }
    await this.runs.markAnswered(accountId, runId);
  }

  /** Starts the children of items `first`…: Standard executions of the item processor, one item each. */
  private async startChildren(
    accountId: string,
    runId: string,
    run: StoredMapRun,
    first: number,
    inputs: readonly string[],
  ): Promise<void> {
    const compiled = await this.compiled.ofExecution(run);
    const machine = { accountId, region: this.regionOf(run.arn), name: run.childMachine };
    const smArn = stateMachineArn(machine);
    const variables = JSON.parse(run.variables) as Record<string, unknown>;
    const engine = new ExecutionEngine(compiled, engineRuntime(this.clock));
    await Promise.all(
      inputs.map(async (text, i) => {
        const index = first + i;
        const ref: ExecutionRef = { machine, name: childName(run.arn, index) };
        const now = this.clock.now();
        const { state, advance } = engine.start(JSON.parse(text) as unknown, {
          scope: run.scope,
          variables,
          executionName: ref.name,
          stateMachineArn: smArn,
          roleArn: run.roleArn || undefined,
          stateMachineType: 'STANDARD',
          childMapRuns: true,
        });
        const created = await this.executions.create(
          ref,
          {
            status: 'RUNNING',
            input: text,
            started: String(now),
            definitionSha: run.definitionSha,
            roleArn: run.roleArn,
            state: storedState(state),
            version: firstVersion(),
            mapRun: JSON.stringify({ runId, index } satisfies RunLink),
            mapRunArn: run.arn,
            ...endedFields(state, now),
          },
          storeEvents(advance.events, now),
          now,
          false,
        );
        if (created.created) {
          this.metrics.executionStarted(machine.name);
          if (state.status !== 'RUNNING') this.metrics.executionEnded(machine.name, state.status, now, now);
        }
        await this.runs.addChild(accountId, runId, index, ref.name);
        await this.executions.enqueue({ kind: 'run', accountId, machine: machine.name, execution: ref.name });
      }),
    );
  }

  private parentOf(accountId: string, run: StoredMapRun): ExecutionRef {
    return {
      machine: { accountId, region: this.regionOf(run.arn), name: run.parentMachine },
      name: run.parentExecution,
    };
  }

  private regionOf(arn: string): string {
    return arn.split(':')[3];
  }

  private workItem(parent: ExecutionRef, runId: string) {
    return {
      kind: 'map-run' as const,
      accountId: parent.machine.accountId,
      machine: parent.machine.name,
      execution: parent.name,
      thread: runId,
    };
  }
}
