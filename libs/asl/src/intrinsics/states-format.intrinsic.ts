import { intrinsicFailure } from '../errors/states-error';
import { IntrinsicArg, IntrinsicFunction } from './intrinsic.types';
import { arg } from './intrinsic-args';

const NAME = 'States.Format';

/** Counts `{}` placeholders, ignoring escaped braces. */
function countPlaceholders(template: string): number {
  let count = 0;
  for (let i = 0; i < template.length; i++) {
    if (template[i] === '\\') i++;
    else if (template[i] === '{' && template[i + 1] === '}') {
      count++;
      i++;
    }
  }
  return count;
}

/** States.Format(template, values…): fills each `{}` with the next value. */
export const statesFormat: IntrinsicFunction = {
  name: NAME,
  minArgs: 1,
  maxArgs: Infinity,
  check(args: readonly IntrinsicArg[]) {
    const first = args[0];
    if (first.kind === 'literal') {
      if (typeof first.value !== 'string') return `The first argument of ${NAME} must be a string template.`;
      const wanted = countPlaceholders(first.value);
      if (wanted !== args.length - 1) {
        return `The number of arguments to ${NAME} (${args.length - 1}) does not match the number of placeholders (${wanted}).`;
      }
    }
    return undefined;
  },
  evaluate(values) {
    const template = arg.string(NAME, values[0], 0);
    const wanted = countPlaceholders(template);
    if (wanted !== values.length - 1) {
      throw intrinsicFailure(
        `The number of arguments to ${NAME} (${values.length - 1}) does not match the number of placeholders (${wanted}).`,
      );
    }
    let next = 1;
    let out = '';
    for (let i = 0; i < template.length; i++) {
      const ch = template[i];
      if (ch === '\\' && i + 1 < template.length) {
        out += template[++i];
      } else if (ch === '{' && template[i + 1] === '}') {
        out += render(values[next++]);
        i++;
      } else out += ch;
    }
    return out;
  },
};

/**
 * A value as AWS writes it into the template: strings as they are, and objects and arrays the way
 * Java prints its maps and lists (`{Arg1=1, Arg2=[]}`, `[1, a]`), strings inside them unquoted.
 */
function render(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(render).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}=${render(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}
