import fc from 'fast-check';
import { FilterPolicyError } from './filter-policy.error';
import { parseCidr, parseIpAddress } from './ip-address';

describe('IP addresses and CIDR blocks', () => {
  it('parses IPv4 addresses', () => {
    expect(parseIpAddress('10.0.0.255')).toEqual({ family: 4, value: 0x0a0000ffn });
    expect(parseIpAddress('256.0.0.1')).toBeUndefined();
    expect(parseIpAddress('10.0.0')).toBeUndefined();
    expect(parseIpAddress('01.0.0.1')).toBeUndefined();
    expect(parseIpAddress('0.0.0.0')).toEqual({ family: 4, value: 0n });
    expect(parseIpAddress('255.255.255.255')).toEqual({ family: 4, value: 0xffffffffn });
    for (const bad of ['1.2.3.4.', '.1.2.3', '1..2.3', '1.2.3.4.5', '1.2.3.a', '', '1.2.3.256', '00.1.2.3']) {
      expect(parseIpAddress(bad)).toBeUndefined();
    }
  });

  it('agrees with a reference reading of dotted-quad IPv4 text', () => {
    const reference = (text: string): bigint | undefined => {
      const parts = text.split('.');
      if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255))
        return undefined;
      return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
    };
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('0', '1', '9', '.', '25', '255', '256', '00', 'a'), { maxLength: 9 }),
        (pieces) => {
          const text = pieces.join('');
          expect(parseIpAddress(text)?.value).toBe(reference(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('parses IPv6 addresses, compressed and with an embedded IPv4 tail', () => {
    expect(parseIpAddress('::1')).toEqual({ family: 6, value: 1n });
    expect(parseIpAddress('2001:db8::')!.value).toBe(0x20010db8n << 96n);
    expect(parseIpAddress('::ffff:10.0.0.1')!.value).toBe((0xffffn << 32n) | 0x0a000001n);
    expect(parseIpAddress('1:2:3:4:5:6:7:8')!.value).toBe(0x00010002000300040005000600070008n);
    expect(parseIpAddress('1::2::3')).toBeUndefined();
    expect(parseIpAddress('1:2:3:4:5:6:7')).toBeUndefined();
    expect(parseIpAddress('12345::')).toBeUndefined();
  });

  it('turns a CIDR block into its first and last address', () => {
    expect(parseCidr('10.0.0.0/24')).toMatchObject({ family: 4, lower: 0x0a000000n, upper: 0x0a0000ffn });
    expect(parseCidr('10.0.0.77/24')).toMatchObject({ lower: 0x0a000000n, upper: 0x0a0000ffn });
    expect(parseCidr('::/0')).toMatchObject({ family: 6, lower: 0n, upper: (1n << 128n) - 1n });
  });

  it('refuses malformed blocks with AWS wording', () => {
    const reason = (text: string) => {
      try {
        parseCidr(text);
      } catch (error) {
        return (error as FilterPolicyError).reason;
      }
      return undefined;
    };
    expect(reason('10.0.0.0')).toBe("FilterPolicy: Malformed CIDR, one '/' required");
    expect(reason('10.0.0.0/a')).toBe('FilterPolicy: Malformed CIDR, mask bits must be an integer');
    expect(reason('10.0.0/8')).toBe('FilterPolicy: Nonstandard IP address: 10.0.0');
    expect(reason('10.0.0.0/33')).toBe('FilterPolicy: Malformed CIDR, mask bits must be between 0 and 32');
  });
});
