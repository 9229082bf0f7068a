/**
 * Compiles a StringMatches pattern: `*` matches any run of characters, `\*` a literal star and
 * `\\` a literal backslash; everything else matches itself.
 */
export function compileStringMatches(pattern: string): RegExp {
  let source = '^';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) {
      source += '\\' + pattern[++i];
    } else if (ch === '*') {
      source += '[\\s\\S]*';
    } else {
      source += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(source + '$');
}
