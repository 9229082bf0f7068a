import { InvalidEventPattern } from './invalid-event-pattern';

const ASTERISK = 0x2a;
const BACKSLASH = 0x5c;

function utf8Length(char: string): number {
  const code = char.codePointAt(0)!;
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  return code < 0x10000 ? 3 : 4;
}

const escapeRegExp = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/**
 * Compiles a `wildcard` operand: `*` stands for any run of characters, `\*` and `\\` for the
 * characters themselves. Refuses what the rule compiler refuses, with its wording: two `*` in a
 * row, and a `\` before anything else. Positions count UTF-8 bytes of the operand as the compiler
 * sees it, inside its quotes (so the first character is at position 1).
 */
export function compileWildcard(text: string): RegExp {
  const chars = Array.from(text);
  let source = '';
  let literal = '';
  let pos = 1; // the opening quote is byte 0
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i];
    const code = char.codePointAt(0);
    if (code === ASTERISK) {
      if (chars[i + 1] === '*')
        throw new InvalidEventPattern(`Consecutive wildcard characters at pos ${pos}`);
      source += escapeRegExp(literal) + '[\\s\\S]*';
      literal = '';
    } else if (code === BACKSLASH) {
      const next = chars[i + 1];
      // A backslash ending the operand is followed by its closing quote: no escape either.
      if (next !== '*' && next !== '\\')
        throw new InvalidEventPattern(`Invalid escape character at pos ${pos}`);
      literal += next;
      pos += 1;
      i++;
    } else {
      literal += char;
    }
    pos += utf8Length(char);
  }
  return new RegExp(`^${source}${escapeRegExp(literal)}$`, 'u');
}
