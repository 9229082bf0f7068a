import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileEventPattern } from './event-pattern';
import { InvalidEventPattern } from './invalid-event-pattern';
import { matchesEventPattern } from './pattern-match';

/** One conformance case: a pattern (as JSON, or as text) and either an event and the verdict, or the refusal. */
interface PatternCase {
  readonly name: string;
  readonly source?: string;
  readonly pattern?: unknown;
  readonly patternText?: string;
  readonly event?: Record<string, unknown>;
  readonly match?: boolean;
  readonly error?: string;
}

const SUITE = join(__dirname, '..', '..', 'test-suite');

function refusal(text: string): string | undefined {
  try {
    compileEventPattern(text);
    return undefined;
  } catch (error) {
    if (error instanceof InvalidEventPattern) return error.reason;
    throw error;
  }
}

describe('event patterns: the conformance suite (libs/events/test-suite)', () => {
  for (const group of readdirSync(SUITE).sort()) {
    const cases = JSON.parse(readFileSync(join(SUITE, group, 'cases.json'), 'utf8')) as PatternCase[];
    describe(group, () => {
      for (const c of cases) {
        const text = c.patternText ?? JSON.stringify(c.pattern);
        if (c.error !== undefined) {
          it(`refuses: ${c.name}`, () => expect(refusal(text)).toBe(c.error));
        } else {
          it(`${c.match ? 'matches' : 'does not match'}: ${c.name}`, () =>
            expect(matchesEventPattern(compileEventPattern(text), c.event)).toBe(c.match));
        }
      }
    });
  }

  it('words a refusal as InvalidEventPatternException does', () => {
    expect(() => compileEventPattern('{"a": 1}')).toThrow(
      'Event pattern is not valid. Reason: "a" must be an object or an array',
    );
  });
});
