/** One step of a JSON path: a member name or an array index. */
type Step = string | number;

/**
 * Parses the JSON paths targets use (`$`, `$.detail.state`, `$.detail['instance-id']`, `$.items[0]`);
 * undefined when the text is none.
 */
export function parseJsonPath(path: string): Step[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const steps: Step[] = [];
  let i = 1;
  while (i < path.length) {
    if (path[i] === '.') {
      const m = /^[^.[\]'"]+/.exec(path.slice(i + 1));
      if (!m) return undefined;
      steps.push(m[0]);
      i += 1 + m[0].length;
    } else if (path[i] === '[') {
      const m = /^\[(?:(\d+)|'([^']*)'|"([^"]*)")\]/.exec(path.slice(i));
      if (!m) return undefined;
      steps.push(m[1] !== undefined ? Number(m[1]) : (m[2] ?? m[3]));
      i += m[0].length;
    } else {
      return undefined;
    }
  }
  return steps;
}

/** The value a parsed JSON path names in a document, or undefined when nothing is there. */
export function valueAt(document: unknown, steps: readonly Step[]): unknown {
  let value = document;
  for (const step of steps) {
    if (
      typeof step === 'number'
        ? !Array.isArray(value)
        : value === null || typeof value !== 'object' || Array.isArray(value)
    )
      return undefined;
    value = (value as Record<string | number, unknown>)[step];
    if (value === undefined) return undefined;
  }
  return value;
}
