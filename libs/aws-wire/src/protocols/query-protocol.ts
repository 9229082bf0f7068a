import { AwsError, CommonErrors } from '../aws-error';
import type { Member, Shape, StructShape } from '../shapes';
import { escapeXml } from '../xml';

/** Reads `application/x-www-form-urlencoded` query parameters into a JSON-shaped input following `shape`. */
export function decodeQueryInput(
  params: URLSearchParams,
  shape: StructShape | undefined,
): Record<string, unknown> {
  if (!shape) return {};
  const flat = new Map<string, string>();
  for (const [k, v] of params) flat.set(k, v);
  return readStruct(flat, shape, '');
}

function readStruct(flat: Map<string, string>, shape: StructShape, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members)) {
    const value = readMember(flat, member, name, prefix);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function readMember(flat: Map<string, string>, member: Member, name: string, prefix: string): unknown {
  const names = member.wireName && member.wireName !== name ? [member.wireName, name] : [name];
  for (const wire of names) {
    const value = readShape(flat, member.shape, `${prefix}${wire}`);
    if (value !== undefined) return value;
  }
  return undefined;
}

function readShape(flat: Map<string, string>, shape: Shape, key: string): unknown {
  if (typeof shape === 'string') return readScalar(flat.get(key), shape, key);
  switch (shape.kind) {
    case 'struct': {
      const struct = readStruct(flat, shape, `${key}.`);
      return Object.keys(struct).length ? struct : undefined;
    }
    case 'list': {
      const base = shape.flattened
        ? replaceLastSegment(key, shape.memberName)
        : `${key}.${shape.memberName ?? 'member'}`;
      const items: unknown[] = [];
      for (let i = 1; ; i++) {
        const item = readShape(flat, shape.member, `${base}.${i}`);
        if (item === undefined) break;
        items.push(item);
      }
      return items.length ? items : undefined;
    }
    case 'map': {
      const base = shape.flattened ? key : `${key}.entry`;
      const out: Record<string, unknown> = {};
      let found = false;
      for (let i = 1; ; i++) {
        const k = flat.get(`${base}.${i}.${shape.keyName ?? 'key'}`);
        if (k === undefined) break;
        found = true;
        out[k] = readShape(flat, shape.value, `${base}.${i}.${shape.valueName ?? 'value'}`);
      }
      return found ? out : undefined;
    }
  }
}

function replaceLastSegment(key: string, name: string | undefined): string {
  if (!name) return key;
  const dot = key.lastIndexOf('.');
  return dot < 0 ? name : `${key.slice(0, dot + 1)}${name}`;
}

function readScalar(raw: string | undefined, shape: string, key: string): unknown {
  if (raw === undefined) return undefined;
  switch (shape) {
    case 'integer':
    case 'long': {
      if (!/^-?\d+$/.test(raw.trim())) {
        throw new AwsError(
          CommonErrors.InvalidParameterValue,
          `Value ${raw} for parameter ${key} is invalid. Reason: must be an integer.`,
        );
      }
      return Number(raw);
    }
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') {
        throw new AwsError(
          CommonErrors.InvalidParameterValue,
          `Value ${raw} for parameter ${key} is invalid. Reason: must be true or false.`,
        );
      }
      return raw === 'true';
    default:
      return raw;
  }
}

/** Renders a JSON-shaped output as the query protocol's XML response document. */
export function encodeQueryOutput(
  operation: string,
  output: Record<string, unknown> | undefined,
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

function writeStruct(value: Record<string, unknown>, shape: StructShape): string {
  let xml = '';
  for (const [name, member] of Object.entries(shape.members)) {
    const v = value[name];
    if (v === undefined || v === null) continue;
    xml += writeMember(v, member.shape, member.wireName ?? name);
  }
  return xml;
}

function writeMember(value: unknown, shape: Shape, tag: string): string {
  if (typeof shape === 'string') return `<${tag}>${escapeXml(String(value))}</${tag}>`;
  switch (shape.kind) {
    case 'struct':
      return `<${tag}>${writeStruct(value as Record<string, unknown>, shape)}</${tag}>`;
    case 'list': {
      const items = value as unknown[];
      if (shape.flattened) {
        const itemTag = shape.memberName ?? tag;
        return items.map((item) => writeMember(item, shape.member, itemTag)).join('');
      }
      const itemTag = shape.memberName ?? 'member';
      return `<${tag}>${items.map((item) => writeMember(item, shape.member, itemTag)).join('')}</${tag}>`;
    }
    case 'map': {
      const keyTag = shape.keyName ?? 'key';
      const valueTag = shape.valueName ?? 'value';
      const entries = Object.entries(value as Record<string, unknown>).map(
        ([k, v]) => `<${keyTag}>${escapeXml(k)}</${keyTag}>${writeMember(v, shape.value, valueTag)}`,
      );
      if (shape.flattened) return entries.map((e) => `<${tag}>${e}</${tag}>`).join('');
      return `<${tag}>${entries.map((e) => `<entry>${e}</entry>`).join('')}</${tag}>`;
    }
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
