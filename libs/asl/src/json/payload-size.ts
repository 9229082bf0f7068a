import { StatesError, ErrorNames } from '../errors/states-error';

/** AWS's limit on any state input, output or task result: 256 KiB of UTF-8 JSON. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

/** Throws States.DataLimitExceeded when a payload's serialised size exceeds 256 KiB. */
export function assertPayloadSize(value: unknown, what: string): void {
  const text = JSON.stringify(value ?? null);
  // Cheap bound first: a UTF-16 length under a quarter of the limit cannot exceed it in UTF-8.
  if (text.length * 4 <= MAX_PAYLOAD_BYTES) return;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_PAYLOAD_BYTES) {
    throw new StatesError(
      ErrorNames.DataLimitExceeded,
      `The ${what} has a size of ${bytes} bytes which exceeds the maximum of ${MAX_PAYLOAD_BYTES} bytes.`,
    );
  }
}
