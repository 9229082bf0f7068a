import { parseJsonPath } from '../jsonpath/json-path.parser';
import { INTRINSICS } from './intrinsic-registry';
import { IntrinsicArg, IntrinsicCall } from './intrinsic.types';

/** Raised when an intrinsic call does not parse or breaks a parse-time argument rule. */
export class IntrinsicSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntrinsicSyntaxError';
  }
}

/** Whether a `.$` value is written as an intrinsic call rather than a path. */
export function looksLikeIntrinsic(text: string): boolean {
  return text.startsWith('States.');
}

/** Parses `States.Name(arg, …)` with nested calls, quoted strings, numbers, booleans, null and paths. */
export function parseIntrinsic(text: string): IntrinsicCall {
  const parser = new Parser(text);
  const call = parser.call();
  parser.spaces();
  if (parser.pos !== text.length) parser.fail(`unexpected text after the call`);
  return { ...call, source: text };
}

class Parser {
  pos = 0;
  constructor(readonly text: string) {}

  fail(why: string): never {
    throw new IntrinsicSyntaxError(
      `The value for the field is not a valid intrinsic function '${this.text}': ${why}`,
    );
  }

  spaces(): void {
    while (this.text[this.pos] === ' ') this.pos++;
  }

  call(): IntrinsicCall {
    const m = /^States\.[A-Za-z0-9]+/.exec(this.text.slice(this.pos));
    if (!m) this.fail('expected States.<FunctionName>');
    const name = m[0];
    this.pos += name.length;
    const fn = INTRINSICS.get(name);
    if (!fn) this.fail(`unknown intrinsic function ${name}`);
    if (this.text[this.pos] !== '(') this.fail(`expected '(' after ${name}`);
    this.pos++;
    const args: IntrinsicArg[] = [];
    this.spaces();
    if (this.text[this.pos] === ')') this.pos++;
    else {
      for (;;) {
        this.spaces();
        args.push(this.argument());
        this.spaces();
        const ch = this.text[this.pos];
        this.pos++;
        if (ch === ')') break;
        if (ch !== ',') this.fail(`expected ',' or ')'`);
      }
    }
    if (args.length < fn.minArgs || args.length > fn.maxArgs) {
      const range =
        fn.minArgs === fn.maxArgs
          ? `${fn.minArgs}`
          : fn.maxArgs === Infinity
            ? `at least ${fn.minArgs}`
            : `${fn.minArgs} to ${fn.maxArgs}`;
      this.fail(`${name} takes ${range} arguments but received ${args.length}`);
    }
    const problem = fn.check?.(args);
    if (problem) this.fail(problem);
    return { name, args };
  }

  argument(): IntrinsicArg {
    const rest = this.text.slice(this.pos);
    if (rest.startsWith("'")) return { kind: 'literal', value: this.quoted() };
    if (rest.startsWith('States.')) return { kind: 'call', call: this.call() };
    if (rest.startsWith('$')) return { kind: 'path', path: this.path() };
    const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    if (num) {
      this.pos += num[0].length;
      return { kind: 'literal', value: Number(num[0]) };
    }
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (rest.startsWith(word)) {
        this.pos += word.length;
        return { kind: 'literal', value };
      }
    }
    this.fail('expected a string, number, boolean, null, path or intrinsic function');
  }

  quoted(): string {
    this.pos++;
    let out = '';
    while (this.pos < this.text.length && this.text[this.pos] !== "'") {
      const ch = this.text[this.pos];
      if (ch === '\\') {
        const next = this.text[this.pos + 1];
        // Only quote and backslash escapes are resolved here; `\{` and `\}` stay for States.Format.
        if (next === "'" || next === '\\') {
          out += next;
          this.pos += 2;
          continue;
        }
        out += ch;
        this.pos++;
        continue;
      }
      out += ch;
      this.pos++;
    }
    if (this.pos >= this.text.length) this.fail('unterminated string');
    this.pos++;
    return out;
  }

  path(): ReturnType<typeof parseJsonPath> {
    const start = this.pos;
    let depth = 0;
    let quote = '';
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (quote) {
        if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '[' || ch === '(') depth++;
      else if (ch === ']' || ch === ')') {
        if (depth === 0) break;
        depth--;
      } else if ((ch === ',' || ch === ' ') && depth === 0) break;
      this.pos++;
    }
    try {
      return parseJsonPath(this.text.slice(start, this.pos));
    } catch (e) {
      this.fail((e as Error).message);
    }
  }
}
