import type { EventFields, EventScalar } from './pattern.types';

/**
 * The scalars of an event by path: nested keys joined with `.`, every element of an array on the
 * way contributing (arrays match when any element does). Null is a value; an empty array or an
 * object holds none, so its path is absent. Iterative: event content may nest arbitrarily deep.
 */
export function eventFields(event: unknown): EventFields {
  const fields = new Map<string, EventScalar[]>();
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return fields;
  const stack: [unknown, string | undefined][] = [[event, undefined]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], path]);
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        stack.push([child, path === undefined ? key : `${path}.${key}`]);
      }
    } else if (path !== undefined) {
      const values = fields.get(path);
      if (values) values.push(value as EventScalar);
      else fields.set(path, [value as EventScalar]);
    }
  }
  return fields;
}
