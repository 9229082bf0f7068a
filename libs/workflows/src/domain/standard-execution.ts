import type { EngineState, StepRuntime } from '@switchyard/asl';
import { nodeRuntime } from '@switchyard/asl-node';
import type { Clock } from '@switchyard/runtime';

/** What the engine takes from its host: the deployment's clock, and Node's randomness and digests. */
export function engineRuntime(clock: Clock): StepRuntime {
  const node = nodeRuntime();
  return { now: () => new Date(clock.now()), random: node.random, uuid: node.uuid, hash: node.hash };
}

/** The fields an execution's hash gets when its state says it has ended (none while it runs). */
export function endedFields(state: EngineState, nowMs: number): Record<string, string> {
  if (state.status === 'RUNNING') return {};
  const fields: Record<string, string> = { status: state.status, stopped: String(nowMs) };
  if (state.status === 'SUCCEEDED') fields.output = JSON.stringify(state.output ?? null);
  if (state.error !== undefined) fields.error = state.error;
  if (state.cause !== undefined) fields.cause = state.cause;
  return fields;
}
