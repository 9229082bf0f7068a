import { encodeQueryInput, type Shape, type StructShape } from '@switchyard/aws-wire';
import fc from 'fast-check';

/** Names that are JavaScript built-ins: as map keys they must never reach an object's prototype chain. */
export const BUILT_IN_NAMES = [
  'constructor',
  'toString',
  'hasOwnProperty',
  '__proto__',
  'valueOf',
  'prototype',
];

// FUZZ_RUNS and FUZZ_SEED make a long run with a fresh seed (e.g. FUZZ_RUNS=30000 FUZZ_SEED=random).
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 1500);
export const fuzzSeed = (fixed: number) =>
  process.env.FUZZ_SEED === 'random' ? Date.now() ^ fixed : Number(process.env.FUZZ_SEED ?? fixed);
/** A fuzz test's time budget, grown with FUZZ_RUNS. */
export const FUZZ_TIMEOUT = 120_000 * Math.max(1, FUZZ_RUNS / 1500);

/** What a service's fuzz run draws from, besides arbitrary text and numbers. */
export interface FuzzVocabulary {
  /** Names and values worth trying: attribute names, enum values, borderline numbers as text. */
  readonly words: readonly string[];
  /** Real identifiers (URLs, ARNs, handles) that requests should mostly name; read when values are drawn. */
  readonly pool: () => readonly string[];
  /** Members that mostly name something real, so requests get past the look-up. */
  readonly realByMember?: () => Readonly<Record<string, readonly string[]>>;
  /** Values for members that must stay within bounds (a long poll would hold the run up). */
  readonly memberValues?: Readonly<Record<string, fc.Arbitrary<unknown>>>;
}

/**
 * Arbitrary values for a shape from a service's generated model: well-formed for the shape, with
 * values valid, borderline and absurd.
 */
export function shapeValues(vocabulary: FuzzVocabulary) {
  const strings = (): fc.Arbitrary<string> =>
    fc.oneof(
      { weight: 40, arbitrary: fc.constantFrom(...vocabulary.words, ...BUILT_IN_NAMES) },
      { weight: 30, arbitrary: fc.constantFrom(...vocabulary.pool()) },
      { weight: 20, arbitrary: fc.string({ maxLength: 40 }) },
      { weight: 10, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
      { weight: 1, arbitrary: fc.constantFrom('x'.repeat(262_145), 'y'.repeat(1_048_577)) },
    );
  const numbers = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: -2, max: 12 }) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(0, 60, 900, 901, 43_200, 43_201, 1_048_576, 2 ** 31, -(2 ** 31), 2 ** 53),
    },
    { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  );
  const valuesFor = (shape: Shape, member = ''): fc.Arbitrary<unknown> => {
    const fixed = vocabulary.memberValues?.[member];
    if (fixed) return fixed;
    switch (shape.kind) {
      case 'string': {
        const real = vocabulary.realByMember?.()[member];
        return real?.length
          ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: strings() })
          : strings();
      }
      case 'blob':
        return fc.oneof(fc.base64String({ maxLength: 40 }), strings());
      case 'boolean':
        return fc.boolean();
      case 'integer':
      case 'timestamp':
      case 'document':
        return numbers;
      case 'list':
        return fc.array(valuesFor(shape.member), { maxLength: 12 });
      case 'map':
        return fc.dictionary(
          fc.oneof(fc.constantFrom(...vocabulary.words, ...BUILT_IN_NAMES), fc.string({ maxLength: 12 })),
          valuesFor(shape.value),
          { maxKeys: 12 },
        );
      case 'struct': {
        const members: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [name, m] of Object.entries(shape.members)) members[name] = valuesFor(m.shape, name);
        return fc.record(members, { requiredKeys: [] });
      }
    }
  };
  return { strings, valuesFor };
}

/** A 200 or an AWS client error in the request's protocol; a 5xx fails the run with what was sent. */
export async function expectClientAnswer(res: Response, what: string): Promise<void> {
  const text = await res.text();
  if (res.status >= 500) throw new Error(`${what} answered ${res.status}: ${text.slice(0, 300)}`);
  if (res.status >= 400) expect(text).toMatch(/__type|<Code>/);
}

/** An operation of a service's model, as the fuzz runs draw them. */
export interface FuzzedOperation {
  readonly name: string;
  readonly input: StructShape;
}

/**
 * Posts query/XML requests for arbitrary operations and inputs, plus up to four stray parameters
 * (names worth trying in `strayNames`, or arbitrary), and expects a 200 or an AWS client error each.
 */
export async function fuzzQueryRequests(options: {
  readonly url: string;
  readonly version: string;
  readonly operations: readonly FuzzedOperation[];
  readonly values: ReturnType<typeof shapeValues>;
  readonly strayNames: readonly string[];
  readonly seed: number;
}): Promise<void> {
  const { strings, valuesFor } = options.values;
  const stray = fc.array(
    fc.tuple(fc.oneof(fc.constantFrom(...options.strayNames), fc.string({ maxLength: 12 })), strings()),
    { maxLength: 4 },
  );
  const requests = fc
    .constantFrom(...options.operations)
    .chain((op) => fc.record({ op: fc.constant(op), input: valuesFor(op.input) }));
  await fc.assert(
    fc.asyncProperty(requests, stray, async ({ op, input }, extra) => {
      const params: [string, string][] = [
        ['Action', op.name],
        ['Version', options.version],
        ...encodeQueryInput(input as Record<string, unknown>, op.input),
        ...extra,
      ];
      const body = new URLSearchParams(params).toString();
      const res = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      await expectClientAnswer(res, `${op.name} ${body.slice(0, 300)}`);
    }),
    { numRuns: FUZZ_RUNS, seed: fuzzSeed(options.seed), endOnFailure: true },
  );
}

/**
 * Posts AWS JSON requests (`X-Amz-Target: <prefix>.<operation>`) for arbitrary operations and
 * inputs, and expects a 200 or an AWS client error each.
 */
export async function fuzzJsonRequests(options: {
  readonly url: string;
  readonly jsonVersion: '1.0' | '1.1';
  readonly targetPrefix: string;
  readonly operations: readonly FuzzedOperation[];
  readonly values: ReturnType<typeof shapeValues>;
  readonly seed: number;
}): Promise<void> {
  const requests = fc
    .constantFrom(...options.operations)
    .chain((op) => fc.record({ op: fc.constant(op), input: options.values.valuesFor(op.input) }));
  await fc.assert(
    fc.asyncProperty(requests, async ({ op, input }) => {
      const body = JSON.stringify(input);
      const res = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': `application/x-amz-json-${options.jsonVersion}`,
          'x-amz-target': `${options.targetPrefix}.${op.name}`,
        },
        body,
      });
      await expectClientAnswer(res, `${op.name} ${body.slice(0, 300)}`);
    }),
    { numRuns: FUZZ_RUNS, seed: fuzzSeed(options.seed), endOnFailure: true },
  );
}
