/**
 * How one field reaches the lists AWS nests in a list or map, which protobuf cannot repeat there: the
 * field's own inner lists (`lists`: the field is a list or map of lists), or a message (alone, or in a
 * list or map) that holds some.
 */
export type NestedListField =
  { readonly lists: 'list' | 'map' } | { readonly message: string; readonly in?: 'list' | 'map' };

/** Message name → field → how to reach its nested lists; messages without any are absent. */
export type NestedListPlans = Readonly<Record<string, Readonly<Record<string, NestedListField>>>>;

type Direction = 'wrap' | 'unwrap';

/**
 * AWS's shape → the wire's: every list nested in a list or map becomes a `{ values: [...] }` message.
 * Returns the value itself when its message holds no nested lists.
 */
export function wrapNestedLists(plans: NestedListPlans, message: string, value: unknown): unknown {
  return convert(plans, message, value, 'wrap');
}

/** The wire's shape → AWS's: every `{ values: [...] }` nested in a list or map becomes the list. */
export function unwrapNestedLists(plans: NestedListPlans, message: string, value: unknown): unknown {
  return convert(plans, message, value, 'unwrap');
}

function convert(plans: NestedListPlans, message: string, value: unknown, direction: Direction): unknown {
  const plan = plans[message];
  if (!plan || !isRecord(value)) return value;
  const out: Record<string, unknown> = { ...value };
  for (const [name, field] of Object.entries(plan)) {
    const current = out[name];
    if (current === undefined || current === null) continue;
    if ('lists' in field) {
      out[name] = each(current, field.lists, (list) =>
        direction === 'wrap' ? { values: list } : unwrap(list),
      );
    } else {
      const nested = (item: unknown) => convert(plans, field.message, item, direction);
      out[name] = field.in ? each(current, field.in, nested) : nested(current);
    }
  }
  return out;
}

function unwrap(wrapped: unknown): unknown {
  return isRecord(wrapped) ? (wrapped.values ?? []) : wrapped;
}

function each(container: unknown, kind: 'list' | 'map', f: (item: unknown) => unknown): unknown {
  if (kind === 'list') return Array.isArray(container) ? container.map(f) : container;
  if (!isRecord(container)) return container;
  return Object.fromEntries(Object.entries(container).map(([key, item]) => [key, f(item)]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
