import { policyError } from './filter-policy.error';
import type { IpRange } from './filter-policy.types';

/** An address as an unsigned integer of its family's width. */
export interface IpAddress {
  family: 4 | 6;
  value: bigint;
}

const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;

// Hand-rolled rather than split/regex: it runs for every string value a cidr edge sees.
function parseIpv4(text: string): bigint | undefined {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 46) {
      if (digits === 0 || dots === 3) return undefined;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (code >= 48 && code <= 57) {
      if (digits > 0 && octet === 0) return undefined; // no leading zeros
      octet = octet * 10 + (code - 48);
      if (octet > 255) return undefined;
      digits++;
    } else {
      return undefined;
    }
  }
  if (dots !== 3 || digits === 0) return undefined;
  return BigInt(value * 256 + octet);
}

function parseGroups(text: string): bigint[] | undefined {
  if (text === '') return [];
  const groups: bigint[] = [];
  const parts = text.split(':');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === undefined) return undefined;
      groups.push(v4 >> 16n, v4 & 0xffffn);
    } else if (IPV6_GROUP.test(part)) {
      groups.push(BigInt(parseInt(part, 16)));
    } else {
      return undefined;
    }
  }
  return groups;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0]);
  const tail = halves.length === 2 ? parseGroups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...new Array<bigint>(halves.length === 2 ? missing : 0).fill(0n), ...tail];
  return groups.reduce((acc, group) => (acc << 16n) | group, 0n);
}

/** Parses an IPv4 or IPv6 address; undefined when the text is not one. */
export function parseIpAddress(text: string): IpAddress | undefined {
  if (text.includes(':')) {
    const value = parseIpv6(text);
    return value === undefined ? undefined : { family: 6, value };
  }
  const value = parseIpv4(text);
  return value === undefined ? undefined : { family: 4, value };
}

/** Parses the operand of a `cidr` condition, refusing it with AWS's message when malformed. */
export function parseCidr(text: string): IpRange {
  const parts = text.split('/');
  if (parts.length !== 2) throw policyError("Malformed CIDR, one '/' required");
  const [addressText, maskText] = parts;
  if (!/^\d+$/.test(maskText)) throw policyError('Malformed CIDR, mask bits must be an integer');
  const address = parseIpAddress(addressText);
  if (!address) throw policyError(`Nonstandard IP address: ${addressText}`);
  const width = address.family === 4 ? 32 : 128;
  const mask = Number(maskText);
  if (mask > width) throw policyError(`Malformed CIDR, mask bits must be between 0 and ${width}`);
  const hostBits = BigInt(width - mask);
  const lower = (address.value >> hostBits) << hostBits;
  const upper = lower | ((1n << hostBits) - 1n);
  return { family: address.family, lower, upper, text };
}
