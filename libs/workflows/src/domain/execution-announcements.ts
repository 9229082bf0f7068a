import { Injectable } from '@nestjs/common';
import { NestedExecutions } from '../integrations/nested-executions';
import { ExecutionStore } from '../store/execution.store';
import { MapRuns } from './map-runs';
import type { ExecutionRef } from './execution-ref';

/** What an execution's end is announced with. */
const ENDING_FIELDS = ['announced', 'parent', 'mapRun', 'status', 'output', 'error', 'cause'];

/**
 * Tells whoever waits on a Standard execution that it ended: the parent thread a `.sync` child is
 * linked to, or the Distributed Map run a child belongs to. An executor announces after committing the end and before acknowledging its work item,
 * so a crash in between announces again (at least once); the status last announced is recorded, so
 * a later work item for the ended execution announces nothing.
 */
@Injectable()
export class ExecutionAnnouncements {
  constructor(
    private readonly store: ExecutionStore,
    private readonly nested: NestedExecutions,
    private readonly mapRuns: MapRuns,
  ) {}

  async ended(ref: ExecutionRef, status: string): Promise<void> {
    const { fields } = await this.store.load(ref, ENDING_FIELDS);
    if (fields.announced === status) return;
    if (fields.parent) await this.nested.childEnded(ref, fields.parent);
    if (fields.mapRun) await this.mapRuns.childEnded(ref, fields.mapRun, fields);
    await this.store.markAnnounced(ref, status);
  }
}
