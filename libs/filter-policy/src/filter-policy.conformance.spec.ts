import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FilterPolicyError } from './filter-policy.error';
import { FilterPolicyIndex } from './filter-policy-index';
import type { FilterableMessage, FilterPolicyScope, MessageAttributeValue } from './filter-policy.types';
import { compileFilterPolicy } from './policy-compiler';
import { matchesFilterPolicy } from './policy-evaluator';

/** One conformance case from test-suite/<group>/*.json. */
interface ConformanceCase {
  name: string;
  source: string;
  scope: FilterPolicyScope;
  policy?: unknown;
  policyText?: string;
  attributes?: Record<string, MessageAttributeValue>;
  body?: unknown;
  bodyText?: string;
  match?: boolean;
  error?: string;
}

const suiteRoot = join(__dirname, '..', 'test-suite');

function loadCases(): [string, ConformanceCase][] {
  const cases: [string, ConformanceCase][] = [];
  for (const group of readdirSync(suiteRoot).sort()) {
    for (const file of readdirSync(join(suiteRoot, group))
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const loaded = JSON.parse(readFileSync(join(suiteRoot, group, file), 'utf8')) as ConformanceCase[];
      for (const c of loaded) cases.push([`${group}: ${c.name}`, c]);
    }
  }
  return cases;
}

const cases = loadCases();

function messageOf(c: ConformanceCase): FilterableMessage {
  const body = c.bodyText ?? (c.body === undefined ? undefined : JSON.stringify(c.body));
  return { attributes: c.attributes, body };
}

describe('filter policy conformance suite', () => {
  it('has at least 150 cases, each naming its source', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    for (const [, c] of cases) {
      expect(typeof c.source).toBe('string');
      expect(c.source.length).toBeGreaterThan(0);
      expect((c.match === undefined) !== (c.error === undefined)).toBe(true);
    }
  });

  it.each(cases)('%s', (_label, c) => {
    const text = c.policyText ?? JSON.stringify(c.policy);
    if (c.error !== undefined) {
      let thrown: unknown;
      try {
        compileFilterPolicy(text, c.scope);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(FilterPolicyError);
      expect((thrown as FilterPolicyError).message).toBe(c.error);
      return;
    }
    const compiled = compileFilterPolicy(text, c.scope);
    const message = messageOf(c);
    expect(matchesFilterPolicy(compiled, message)).toBe(c.match);
    const index = new FilterPolicyIndex();
    index.add('subscription', compiled);
    expect(index.match(message)).toEqual(c.match ? ['subscription'] : []);
  });
});
