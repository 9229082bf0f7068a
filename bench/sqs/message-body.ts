// The bench's message bodies: about 100 bytes of JSON that carry the wall-clock time (ms, with
// sub-ms precision) at which they were sent, so a consumer can compute send-to-receive latency.

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
export const nowMs = (): number => performance.timeOrigin + performance.now();

export const BODY_BYTES = 100;
const PAD = 'x'.repeat(BODY_BYTES);

/** A body of BODY_BYTES bytes stamped with the given send time. */
export function makeBody(sentAt: number = nowMs()): string {
  const head = `{"sentAt":${sentAt.toFixed(3)},"pad":"`;
  return `${head}${PAD.slice(0, Math.max(0, BODY_BYTES - head.length - 2))}"}`;
}

/** The send time stamped in a body made by makeBody, or NaN. */
export function sentAtOf(body: string | undefined): number {
  if (!body) return NaN;
  const start = body.indexOf(':') + 1;
  return Number(body.slice(start, body.indexOf(',', start)));
}
