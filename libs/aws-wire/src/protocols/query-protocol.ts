import type { AwsError } from '../aws-error';
import type { Member, Shape, StructShape } from '../shapes';
import type { ValidationIssue } from '../validation';
import type { QueryParams } from './text-decoding';
import { escapeXml } from '../xml';

/**
 * Reads `application/x-www-form-urlencoded` parameters into a JSON-shaped input following `shape`,
 * as AWS's query protocol lays them out: `Member.N` for flattened lists, `Member.member.N` otherwise,
 * `Member.N.Name`/`Member.N.Value` for flattened maps and `Member.entry.N.key`/`value` otherwise, with
 * each member under its XML name (and, leniently, its model name). Numbers, booleans and timestamps are
 * parsed; a value that does not parse is an issue of kind `type` for the service's formatter.
 */
export function decodeQueryInput(
  params: QueryParams,
  shape: StructShape,
  issues: ValidationIssue[],
): Record<string, unknown> {
  return readStruct(params, shape, '', issues) ?? {};
}

function readStruct(
  flat: QueryParams,
  shape: StructShape,
  prefix: string,
  issues: ValidationIssue[],
): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  for (const name of Object.keys(shape.members)) {
    const value = readMember(flat, shape.members[name], name, prefix, issues);
    if (value !== undefined) (out ??= {})[name] = value;
  }
  return out;
}

function readMember(
  flat: QueryParams,
  member: Member,
  name: string,
  prefix: string,
  issues: ValidationIssue[],
): unknown {
  const primary = `${prefix}${member.xmlName ?? name}`;
  const value = readShape(flat, member, primary, name, issues);
  if (value !== undefined || !member.xmlName) return value;
  return readShape(flat, member, `${prefix}${name}`, name, issues);
}

function readShape(
  flat: QueryParams,
  member: Member,
  key: string,
  name: string,
  issues: ValidationIssue[],
): unknown {
  const shape = member.shape;
  switch (shape.kind) {
    case 'struct':
      return readStruct(flat, shape, `${key}.`, issues);
    case 'list': {
      const base = member.flattened ? key : `${key}.${shape.memberName ?? 'member'}`;
      const item: Member = { shape: shape.member };
      const items: unknown[] = [];
      for (let i = 1; ; i++) {
        const value = readShape(flat, item, `${base}.${i}`, name, issues);
        if (value === undefined) break;
        items.push(value);
      }
      return items.length ? items : undefined;
    }
    case 'map': {
      const base = member.flattened ? key : `${key}.entry`;
      const item: Member = { shape: shape.value };
      let out: Record<string, unknown> | undefined;
      for (let i = 1; ; i++) {
        const k = flat.get(`${base}.${i}.${shape.keyName ?? 'key'}`);
        if (k === undefined) break;
        // Null-prototype: a key such as `__proto__` is a key like any other.
        out ??= Object.create(null) as Record<string, unknown>;
        out[k] = readShape(flat, item, `${base}.${i}.${shape.valueName ?? 'value'}`, name, issues);
      }
      return out;
    }
    default:
      return readScalar(flat.get(key), shape, key, name, issues);
  }
}

function readScalar(
  raw: string | undefined,
  shape: Shape,
  key: string,
  name: string,
  issues: ValidationIssue[],
): unknown {
  if (raw === undefined) return undefined;
  switch (shape.kind) {
    case 'integer':
      if (!/^\s*-?\d+\s*$/.test(raw)) {
        issues.push({ kind: 'type', member: name, path: key, value: raw, expected: 'an integer' });
        return raw;
      }
      return Number(raw);
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') {
        issues.push({ kind: 'type', member: name, path: key, value: raw, expected: 'true or false' });
        return raw;
      }
      return raw === 'true';
    case 'timestamp': {
      const t = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) * 1000 : Date.parse(raw);
      if (Number.isNaN(t)) {
        issues.push({ kind: 'type', member: name, path: key, value: raw, expected: 'a timestamp' });
        return raw;
      }
      return new Date(t);
    }
    default:
      return raw;
  }
}

/** Writes a JSON-shaped input as query parameters, the inverse of `decodeQueryInput` (for clients and tests). */
export function encodeQueryInput(input: Record<string, unknown>, shape: StructShape): [string, string][] {
  const out: [string, string][] = [];
  writeParams(input, shape, '', out);
  return out;
}

function writeParams(value: unknown, shape: StructShape, prefix: string, out: [string, string][]): void {
  for (const [name, member] of Object.entries(shape.members)) {
    const v = (value as Record<string, unknown>)[name];
    if (v !== undefined && v !== null) writeParam(v, member, `${prefix}${member.xmlName ?? name}`, out);
  }
}

function writeParam(value: unknown, member: Member, key: string, out: [string, string][]): void {
  const shape = member.shape;
  switch (shape.kind) {
    case 'struct':
      writeParams(value, shape, `${key}.`, out);
      return;
    case 'list': {
      const base = member.flattened ? key : `${key}.${shape.memberName ?? 'member'}`;
      (value as unknown[]).forEach((v, i) => writeParam(v, { shape: shape.member }, `${base}.${i + 1}`, out));
      return;
    }
    case 'map':
      Object.entries(value as Record<string, unknown>).forEach(([k, v], i) => {
        const entry = `${member.flattened ? key : `${key}.entry`}.${i + 1}`;
        out.push([`${entry}.${shape.keyName ?? 'key'}`, k]);
        writeParam(v, { shape: shape.value }, `${entry}.${shape.valueName ?? 'value'}`, out);
      });
      return;
    case 'timestamp':
      out.push([key, value instanceof Date ? value.toISOString() : String(value)]);
      return;
    default:
      out.push([key, String(value)]);
  }
}

/** Renders an output as the query protocol's XML response document, named and nested as its shape says. */
export function encodeQueryOutput(
  operation: string,
  output: object | undefined,
  shape: StructShape | undefined,
  xmlNamespace: string,
  requestId: string,
): string {
  const result =
    shape && output ? `<${operation}Result>${writeStruct(output, shape)}</${operation}Result>` : '';
  return (
    `<?xml version="1.0"?><${operation}Response xmlns="${xmlNamespace}">${result}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`
  );
}

function writeStruct(value: object, shape: StructShape): string {
  let xml = '';
  for (const name of Object.keys(shape.members)) {
    const v = (value as Record<string, unknown>)[name];
    if (v === undefined || v === null) continue;
    const member = shape.members[name];
    xml += writeMember(v, member, member.xmlName ?? name);
  }
  return xml;
}

function writeMember(value: unknown, member: Member, tag: string): string {
  const shape = member.shape;
  switch (shape.kind) {
    case 'struct':
      return `<${tag}>${writeStruct(value as object, shape)}</${tag}>`;
    case 'list': {
      const item: Member = { shape: shape.member };
      const items = value as unknown[];
      if (member.flattened) return items.map((v) => writeMember(v, item, tag)).join('');
      const itemTag = shape.memberName ?? 'member';
      return `<${tag}>${items.map((v) => writeMember(v, item, itemTag)).join('')}</${tag}>`;
    }
    case 'map': {
      const keyTag = shape.keyName ?? 'key';
      const valueTag = shape.valueName ?? 'value';
      const item: Member = { shape: shape.value };
      const entries = Object.entries(value as Record<string, unknown>).map(
        ([k, v]) => `<${keyTag}>${escapeXml(k)}</${keyTag}>${writeMember(v, item, valueTag)}`,
      );
      if (member.flattened) return entries.map((e) => `<${tag}>${e}</${tag}>`).join('');
      return `<${tag}>${entries.map((e) => `<entry>${e}</entry>`).join('')}</${tag}>`;
    }
    case 'timestamp':
      return `<${tag}>${value instanceof Date ? value.toISOString() : escapeXml(String(value))}</${tag}>`;
    case 'blob':
      return `<${tag}>${value instanceof Uint8Array ? Buffer.from(value).toString('base64') : escapeXml(String(value))}</${tag}>`;
    default:
      return `<${tag}>${escapeXml(String(value))}</${tag}>`;
  }
}

/** The query protocol's error document. */
export function encodeQueryError(error: AwsError, requestId: string, xmlNamespace?: string): string {
  const ns = xmlNamespace ? ` xmlns="${xmlNamespace}"` : '';
  return (
    `<?xml version="1.0"?><ErrorResponse${ns}><Error><Type>${error.shape.fault}</Type>` +
    `<Code>${escapeXml(error.shape.queryCode ?? error.shape.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message><Detail/></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
