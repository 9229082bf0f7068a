import type { FilterableMessage, MessageAttributeValue, Scalar } from './filter-policy.types';
import { parseNumberText } from './numeric-value';

/** Every scalar a message offers under each key path; a key with no scalar is absent. */
export type MessageFields = Map<string, Scalar[]>;

function push(fields: MessageFields, path: string, value: Scalar): void {
  const values = fields.get(path);
  if (values) values.push(value);
  else fields.set(path, [value]);
}

// Iterative, like the body walk below: message content may nest arbitrarily deep.
function pushArrayElements(fields: MessageFields, path: string, items: unknown[]): void {
  const stack: unknown[] = [items];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push(item[i]);
    } else if (item === null || typeof item !== 'object') {
      push(fields, path, item as Scalar);
    }
    // Objects inside String.Array would need nesting, which attribute filtering does not have.
  }
}

function attributeValues(fields: MessageFields, name: string, attribute: MessageAttributeValue): void {
  if (typeof attribute !== 'object' || attribute === null) return;
  const dataType = typeof attribute.DataType === 'string' ? attribute.DataType : '';
  const text = attribute.StringValue;
  if (typeof text !== 'string') return;
  if (dataType === 'String.Array') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      push(fields, name, text);
      return;
    }
    if (Array.isArray(parsed)) pushArrayElements(fields, name, parsed);
    else push(fields, name, text);
    return;
  }
  // A custom type label after the first dot ("String.foo", "Number.int") keeps the base type.
  const base = dataType.split('.', 1)[0];
  if (base === 'String') push(fields, name, text);
  else if (base === 'Number') {
    const value = parseNumberText(text);
    push(fields, name, value === undefined ? text : value);
  }
  // Binary attributes are invisible to filter policies.
}

/** The scalars of a message's attributes, by attribute name. */
export function attributeFields(attributes: FilterableMessage['attributes']): MessageFields {
  const fields: MessageFields = new Map();
  if (!attributes) return fields;
  for (const name of Object.keys(attributes)) attributeValues(fields, name, attributes[name]);
  return fields;
}

function walk(fields: MessageFields, root: Record<string, unknown>): void {
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], path]);
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i];
        stack.push([
          (value as Record<string, unknown>)[key],
          path === '' && value === root ? key : `${path}.${key}`,
        ]);
      }
    } else {
      push(fields, path, value as Scalar);
    }
  }
}

/** Parses a message body; undefined unless it is a JSON object. */
export function parseBody(body: string | undefined): Record<string, unknown> | undefined {
  if (body === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined;
}

/**
 * The scalars of a JSON body by dotted path: nested objects join keys with ".", arrays anywhere
 * on the way contribute each element. A body that is not a JSON object has no fields.
 */
export function bodyFields(body: Record<string, unknown> | undefined): MessageFields {
  const fields: MessageFields = new Map();
  if (body) walk(fields, body);
  return fields;
}
