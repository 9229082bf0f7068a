import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { FastHmac } from './receipt-handle';

describe('FastHmac', () => {
  it('computes the HMAC-SHA256 that createHmac computes, for any key and ASCII payload', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 150 }),
        fc.array(fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)) }), {
          maxLength: 3,
        }),
        fc.integer({ min: 0, max: 2_200 }),
        (keyBytes, payloads, padding) => {
          const key = Buffer.from(keyBytes);
          const mac = new FastHmac(key);
          // The same instance signs one payload after another (its buffers are reused), some past the fast path.
          for (const payload of [...payloads, 'x'.repeat(padding)]) {
            expect(mac.digest(payload)).toBe(createHmac('sha256', key).update(payload).digest('base64url'));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
