import { StatesError, ErrorNames } from '../errors/states-error';

/** AWS's limit on any state input, output or task result: 256 KiB of UTF-8 JSON. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

/**
 * Throws States.DataLimitExceeded when a payload's serialised size exceeds 256 KiB. `name` is what
 * AWS quotes: the state's name for a state's output, the task's resource for a task's result.
 * Recorded against AWS: "The state/task 'State_1' returned a result with a size exceeding the
 * maximum number of bytes service limit." — without the "error occurred while executing" prefix.
 */
export function assertPayloadSize(value: unknown, name: string): void {
  const error = payloadSizeError(value, name);
  if (error) throw error;
}

/** The States.DataLimitExceeded failure for a payload over 256 KiB, or undefined when it fits. */
export function payloadSizeError(value: unknown, name: string): StatesError | undefined {
  // Every state's output is checked: most are small, and bounding their size costs a sixth of
  // serialising them. Only a payload the bound cannot clear is serialised and measured.
  if (serialisedSizeBound(value, MAX_PAYLOAD_BYTES) <= MAX_PAYLOAD_BYTES) return undefined;
  const text = JSON.stringify(value ?? null);
  // Cheap bound first: a UTF-16 length under a quarter of the limit cannot exceed it in UTF-8.
  if (text.length * 4 <= MAX_PAYLOAD_BYTES || utf8Length(text) <= MAX_PAYLOAD_BYTES) return undefined;
  return new StatesError(
    ErrorNames.DataLimitExceeded,
    `The state/task '${name}' returned a result with a size exceeding the maximum number of bytes service limit.`,
  );
}

/**
 * The name AWS quotes for a task's oversized result: the service of an optimised integration
 * (`arn:aws:states:::lambda:invoke` → `lambda`), otherwise the resource ARN itself.
 */
export function taskResultName(resource: string): string {
  const m = /^arn:[^:]+:states:::([^:.]+)/.exec(resource);
  return m ? m[1] : resource;
}

/**
 * At least as many bytes as the UTF-8 JSON text of `value` has, found without writing it: a string
 * counts 6 bytes a UTF-16 unit (the most any character takes escaped, `\uXXXX`) and its quotes, any
 * other scalar 25 (the longest number JSON writes), an object or array its brackets and, for each
 * member, its escaped name, separators and value. It stops counting once past `budget`. A value
 * serialised by a `toJSON` of its own (a Date) is not bounded: Infinity.
 */
export function serialisedSizeBound(value: unknown, budget: number): number {
  if (typeof value === 'string') return 2 + 6 * value.length;
  if (typeof value !== 'object' || value === null) return 25;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return Infinity;
  let size = 2;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && size <= budget; i++)
      size += 1 + serialisedSizeBound(value[i], budget - size);
    return size;
  }
  const members = value as Record<string, unknown>;
  for (const name in members) {
    size += 4 + 6 * name.length + serialisedSizeBound(members[name], budget - size);
    if (size > budget) return size;
  }
  return size;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
