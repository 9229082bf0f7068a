import { CompiledPath, FilterExpr, FilterOperand, PathRoot, PathSegment } from './json-path.types';

/** Raised when a JSONPath does not parse; `message` says where and why. */
export class JsonPathSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPathSyntaxError';
  }
}

// Dot-notation names stop only at characters that have a meaning in a path or a filter.
const NAME_CHAR = /[^.[\]()\s'"=<>!&|,]/;
// Variable names follow AWS's rule: a letter or underscore, then letters, digits and underscores.
const VAR_NAME_CHAR = /[A-Za-z0-9_]/;

class Cursor {
  pos = 0;
  constructor(readonly text: string) {}
  peek(offset = 0): string {
    return this.text[this.pos + offset] ?? '';
  }
  done(): boolean {
    return this.pos >= this.text.length;
  }
  skipSpaces(): void {
    while (this.peek() === ' ') this.pos++;
  }
  expect(ch: string): void {
    if (this.peek() !== ch) this.fail(`expected '${ch}'`);
    this.pos++;
  }
  fail(why: string): never {
    throw new JsonPathSyntaxError(`Invalid JSONPath '${this.text}' at position ${this.pos}: ${why}`);
  }
}

/** Parses a JSONPath (`$…`, `$$…` or `$variable…`) into a reusable compiled form. */
export function parseJsonPath(text: string, options: { allowVariables?: boolean } = {}): CompiledPath {
  const c = new Cursor(text);
  if (c.peek() !== '$') c.fail("a path must start with '$'");
  c.pos++;
  let root: PathRoot = { kind: 'input' };
  if (c.peek() === '$') {
    c.pos++;
    root = { kind: 'context' };
  } else if (VAR_NAME_CHAR.test(c.peek()) && c.peek() !== '') {
    if (options.allowVariables === false) c.fail('variables are not allowed here');
    const start = c.pos;
    if (!/[A-Za-z_]/.test(c.peek())) c.fail('invalid variable name');
    while (VAR_NAME_CHAR.test(c.peek()) && !c.done()) c.pos++;
    root = { kind: 'variable', name: text.slice(start, c.pos) };
  }
  const segments = parseSegments(c, false);
  if (!c.done()) c.fail(`unexpected '${c.peek()}'`);
  const definite = segments.every((s) => s.kind === 'property' || s.kind === 'index');
  return { source: text, root, segments, definite };
}

function parseSegments(c: Cursor, inFilter: boolean): PathSegment[] {
  const segments: PathSegment[] = [];
  for (;;) {
    const ch = c.peek();
    if (ch === '.') {
      if (c.peek(1) === '.') {
        c.pos += 2;
        if (c.peek() === '*') {
          c.pos++;
          segments.push({ kind: 'descendant', name: null });
        } else if (c.peek() === '[') {
          segments.push({ kind: 'descendant', name: null });
        } else {
          segments.push({ kind: 'descendant', name: readName(c) });
        }
        continue;
      }
      c.pos++;
      if (c.peek() === '*') {
        c.pos++;
        segments.push({ kind: 'wildcard' });
        continue;
      }
      if (inFilter && c.peek() === 'l' && c.text.startsWith('length()', c.pos)) {
        c.pos += 'length()'.length;
        segments.push({ kind: 'property', name: 'length()' });
        continue;
      }
      segments.push({ kind: 'property', name: readName(c) });
      continue;
    }
    if (ch === '[') {
      segments.push(parseBracket(c));
      continue;
    }
    return segments;
  }
}

function readName(c: Cursor): string {
  const start = c.pos;
  if (c.done() || !NAME_CHAR.test(c.peek())) c.fail('expected a field name');
  while (!c.done() && NAME_CHAR.test(c.peek())) c.pos++;
  return c.text.slice(start, c.pos);
}

function readQuoted(c: Cursor): string {
  const quote = c.peek();
  c.pos++;
  let out = '';
  while (!c.done() && c.peek() !== quote) {
    if (c.peek() === '\\') {
      c.pos++;
      if (c.done()) c.fail('unterminated escape');
    }
    out += c.peek();
    c.pos++;
  }
  if (c.done()) c.fail('unterminated string');
  c.pos++;
  return out;
}

function readInt(c: Cursor): number | null {
  c.skipSpaces();
  const start = c.pos;
  if (c.peek() === '-') c.pos++;
  while (/[0-9]/.test(c.peek()) && !c.done()) c.pos++;
  if (c.pos === start || (c.pos === start + 1 && c.text[start] === '-')) {
    c.pos = start;
    return null;
  }
  const value = Number(c.text.slice(start, c.pos));
  c.skipSpaces();
  return value;
}

function parseBracket(c: Cursor): PathSegment {
  c.expect('[');
  c.skipSpaces();
  const ch = c.peek();
  if (ch === '*') {
    c.pos++;
    c.skipSpaces();
    c.expect(']');
    return { kind: 'wildcard' };
  }
  if (ch === '?') {
    c.pos++;
    c.skipSpaces();
    c.expect('(');
    const expr = parseFilterOr(c);
    c.skipSpaces();
    c.expect(')');
    c.skipSpaces();
    c.expect(']');
    return { kind: 'filter', expr };
  }
  if (ch === "'" || ch === '"') {
    const members: string[] = [readQuoted(c)];
    c.skipSpaces();
    while (c.peek() === ',') {
      c.pos++;
      c.skipSpaces();
      if (c.peek() !== "'" && c.peek() !== '"') c.fail('expected a quoted name');
      members.push(readQuoted(c));
      c.skipSpaces();
    }
    c.expect(']');
    return members.length === 1 ? { kind: 'property', name: members[0] } : { kind: 'union', members };
  }
  const first = readInt(c);
  if (c.peek() === ':') {
    c.pos++;
    const end = readInt(c);
    let step: number | null = null;
    if (c.peek() === ':') {
      c.pos++;
      step = readInt(c);
    }
    c.expect(']');
    if (step === 0) c.fail('slice step cannot be 0');
    return { kind: 'slice', start: first, end, step };
  }
  if (first === null) c.fail('expected an index, a quoted name, * or a filter');
  const members: number[] = [first];
  while (c.peek() === ',') {
    c.pos++;
    const next = readInt(c);
    if (next === null) c.fail('expected an index');
    members.push(next);
  }
  c.expect(']');
  if (members.length === 1) return first < 0 ? { kind: 'union', members } : { kind: 'index', index: first };
  return { kind: 'union', members };
}

function parseFilterOr(c: Cursor): FilterExpr {
  let left = parseFilterAnd(c);
  c.skipSpaces();
  while (c.text.startsWith('||', c.pos)) {
    c.pos += 2;
    left = { kind: 'or', left, right: parseFilterAnd(c) };
    c.skipSpaces();
  }
  return left;
}

function parseFilterAnd(c: Cursor): FilterExpr {
  let left = parseFilterUnary(c);
  c.skipSpaces();
  while (c.text.startsWith('&&', c.pos)) {
    c.pos += 2;
    left = { kind: 'and', left, right: parseFilterUnary(c) };
    c.skipSpaces();
  }
  return left;
}

function parseFilterUnary(c: Cursor): FilterExpr {
  c.skipSpaces();
  if (c.peek() === '!' && c.peek(1) !== '=') {
    c.pos++;
    return { kind: 'not', expr: parseFilterUnary(c) };
  }
  if (c.peek() === '(') {
    c.pos++;
    const inner = parseFilterOr(c);
    c.skipSpaces();
    c.expect(')');
    return inner;
  }
  const left = parseOperand(c);
  c.skipSpaces();
  const op = (['==', '!=', '<=', '>=', '=~', '<', '>'] as const).find((o) => c.text.startsWith(o, c.pos));
  if (!op) {
    if (left.kind === 'literal') c.fail('a filter needs a path or a comparison');
    return { kind: 'exists', operand: left };
  }
  c.pos += op.length;
  c.skipSpaces();
  const right = op === '=~' ? parseRegexOperand(c) : parseOperand(c);
  return { kind: 'compare', op, left, right };
}

function parseRegexOperand(c: Cursor): FilterOperand {
  if (c.peek() !== '/') return parseOperand(c);
  c.pos++;
  let body = '';
  while (!c.done() && c.peek() !== '/') {
    if (c.peek() === '\\') {
      body += c.peek();
      c.pos++;
    }
    body += c.peek();
    c.pos++;
  }
  c.expect('/');
  let flags = '';
  while (/[a-z]/.test(c.peek()) && !c.done()) flags += c.text[c.pos++];
  try {
    return { kind: 'literal', value: new RegExp(body, flags) };
  } catch {
    c.fail(`invalid regular expression /${body}/`);
  }
}

function parseOperand(c: Cursor): FilterOperand {
  c.skipSpaces();
  const ch = c.peek();
  if (ch === '@') {
    c.pos++;
    return { kind: 'current', segments: parseSegments(c, true) };
  }
  if (ch === '$') {
    c.pos++;
    return { kind: 'root', segments: parseSegments(c, true) };
  }
  if (ch === "'" || ch === '"') return { kind: 'literal', value: readQuoted(c) };
  const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(c.text.slice(c.pos));
  if (number) {
    c.pos += number[0].length;
    return { kind: 'literal', value: Number(number[0]) };
  }
  for (const [word, value] of [
    ['true', true],
    ['false', false],
    ['null', null],
  ] as const) {
    if (c.text.startsWith(word, c.pos)) {
      c.pos += word.length;
      return { kind: 'literal', value };
    }
  }
  c.fail('expected a filter operand');
}
