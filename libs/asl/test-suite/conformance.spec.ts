// Runs every case under test-suite/<group>/*.json. Execution cases run the definition through
// runExecution with scripted task handlers, a deterministic clock, random source and UUIDs, and Node's digests;
// validation cases (group "validation") check validateDefinition's verdict and diagnostic codes.
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { runExecution, toAwsHistoryEvent, validateDefinition } from '../src';
import { nodeRuntime } from '../src/node';

type TaskResponse = { return: unknown } | { echo: true } | { throw: { name: string; message: string } } | { echoField: string };

interface ExecutionCase {
  name: string;
  /** The AWS documentation page or public AWS recording the expected behaviour comes from. */
  source?: string;
  /** Group aws-recorded: why this engine's history still differs from AWS's (the history is then only measured). */
  knownDifference?: string;
  definition: unknown;
  /** The workflow type the execution runs as (default STANDARD). */
  stateMachineType?: 'STANDARD' | 'EXPRESS';
  input?: unknown;
  tasks?: Record<string, TaskResponse[]>;
  random?: number[];
  itemReader?: { items?: unknown[]; error?: string };
  resultWriter?: { return?: unknown; error?: string };
  expected: {
    status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';
    output?: unknown;
    error?: string;
    cause?: string;
    causeContains?: string;
    events?: string[];
    /** The whole history as GetExecutionHistory returns it (payloads as JSON values), less timestamps. */
    history?: unknown[];
    taskInputs?: Record<string, unknown[]>;
    sleeps?: number[];
  };
}

interface ValidationCase {
  name: string;
  definition?: unknown;
  definitionText?: string;
  valid: boolean;
  codes?: string[];
  location?: string;
  messageContains?: string;
}

const root = __dirname;
const groups = readdirSync(root).filter((g) => statSync(join(root, g)).isDirectory()).sort();

function load<T>(group: string): [string, T][] {
  return readdirSync(join(root, group))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(root, group, f), 'utf8')) as T]);
}

function scriptedRun(c: ExecutionCase) {
  const calls: Record<string, unknown[]> = {};
  const cursor: Record<string, number> = {};
  const taskHandlers: Record<string, (input: unknown, context: unknown) => Promise<unknown>> = {};
  for (const [resource, responses] of Object.entries(c.tasks ?? {})) {
    taskHandlers[resource] = async (input: unknown, context: unknown) => {
      (calls[resource] ??= []).push(input);
      const i = cursor[resource] ?? 0;
      cursor[resource] = i + 1;
      const r = responses[Math.min(i, responses.length - 1)];
      if ('throw' in r) throw Object.assign(new Error(r.throw.message), { name: r.throw.name });
      if ('echo' in r) return input;
      if ('echoField' in r) return (context as Record<string, Record<string, unknown>>)[r.echoField.split('.')[0]]?.[r.echoField.split('.')[1]];
      return r.return;
    };
  }
  let clock = Date.parse('2024-01-01T00:00:00.000Z');
  const sleeps: number[] = [];
  const randoms = c.random ?? [0.5];
  let nextRandom = 0;
  let nextUuid = 0;
  const run = runExecution(JSON.stringify(c.definition), c.input ?? {}, {
    taskHandlers,
    now: () => new Date(clock),
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    random: () => randoms[nextRandom++ % randoms.length],
    uuid: () => `00000000-0000-4000-8000-${String(++nextUuid).padStart(12, '0')}`,
    hash: nodeRuntime().hash,
    executionName: 'conformance',
    stateMachineType: c.stateMachineType,
    itemReader: c.itemReader
      ? async () => {
          if (c.itemReader!.error) throw new Error(c.itemReader!.error);
          return c.itemReader!.items ?? [];
        }
      : undefined,
    resultWriter: c.resultWriter
      ? async (request) => {
          if (c.resultWriter!.error) throw new Error(c.resultWriter!.error);
          return c.resultWriter!.return ?? { written: request.results.length };
        }
      : undefined,
  });
  return { run, calls, sleeps };
}

/**
 * Compares a history with an AWS-recorded one. Events the recording masked (`id: null`: Parallel
 * branches, whose order AWS does not fix) are compared as a set, less their ids.
 */
function historyMatches(actual: unknown[], expected: unknown[], typesOnly: boolean): boolean {
  if (actual.length !== expected.length) return false;
  const view = (e: unknown, withIds: boolean) => {
    const { id, previousEventId, ...rest } = e as Record<string, unknown>;
    if (typesOnly) return String(rest.type);
    return canonical(withIds ? { id, previousEventId, ...rest } : rest);
  };
  const maskedActual: string[] = [];
  const maskedExpected: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    if ((expected[i] as { id: unknown }).id === null) {
      maskedActual.push(view(actual[i], false));
      maskedExpected.push(view(expected[i], false));
    } else if (view(actual[i], true) !== view(expected[i], true)) return false;
  }
  return maskedActual.sort().join('\n') === maskedExpected.sort().join('\n');
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

const parity = { executions: 0, typesMatch: 0, detailsMatch: 0 };

for (const group of groups) {
  if (group === 'validation') {
    describe('validation', () => {
      it.each(load<ValidationCase>(group))('%s', (_file, c) => {
        const text = c.definitionText ?? JSON.stringify(c.definition);
        const diagnostics = validateDefinition(text);
        const errors = diagnostics.filter((d) => d.severity === 'ERROR');
        if (c.valid) {
          expect(errors).toEqual([]);
        } else {
          expect(errors.length).toBeGreaterThan(0);
          for (const code of c.codes ?? []) expect(errors.map((e) => e.code)).toContain(code);
          if (c.location) expect(errors.map((e) => e.location)).toContain(c.location);
          if (c.messageContains) expect(errors.map((e) => e.message).join('\n')).toContain(c.messageContains);
        }
      });
    });
    continue;
  }
  describe(`execution: ${group}`, () => {
    it.each(load<ExecutionCase>(group))('%s', async (_file, c) => {
      const { run, calls, sleeps } = scriptedRun(c);
      const result = await run;
      const e = c.expected;
      expect({ status: result.status, error: result.error, cause: e.cause === undefined ? undefined : result.cause }).toEqual({
        status: e.status,
        error: e.error,
        cause: e.cause,
      });
      if ('output' in e) expect(result.output).toEqual(e.output);
      if (e.causeContains) expect(result.cause).toContain(e.causeContains);
      if (e.events) expect(result.events.map((ev) => ev.type)).toEqual(e.events);
      if (group === 'aws-recorded') {
        const history = result.events.map((ev) => toAwsHistoryEvent(ev));
        const typesMatch = historyMatches(history, e.history ?? [], true);
        const detailsMatch = historyMatches(history, e.history ?? [], false);
        parity.executions++;
        if (typesMatch) parity.typesMatch++;
        if (detailsMatch) parity.detailsMatch++;
        if (!c.knownDifference && !detailsMatch) expect(history).toEqual(e.history);
      } else if (e.history) expect(result.events.map((ev) => toAwsHistoryEvent(ev))).toEqual(e.history);
      if (e.taskInputs) expect(calls).toEqual(e.taskInputs);
      if (e.sleeps) expect(sleeps).toEqual(e.sleeps);
    });
  });
}

describe('parity with AWS-recorded executions', () => {
  it('matches AWS histories in event types for 95% and in details for 90% of them', () => {
    const ratio = (n: number) => (parity.executions ? n / parity.executions : 0);
    console.log(JSON.stringify({ 'asl-parity': parity }));
    expect(parity.executions).toBeGreaterThan(0);
    expect(ratio(parity.typesMatch)).toBeGreaterThanOrEqual(0.95);
    expect(ratio(parity.detailsMatch)).toBeGreaterThanOrEqual(0.9);
  });
});
