import type { AwsErrorShape } from './aws-error';

/**
 * The shapes of a service's operations as AWS's model describes them: members, their wire names in
 * query/XML, list and map forms, required members, enums, and the limits AWS documents. The
 * generated model of each service (`models/<service>/*.model.generated.ts`) is written with the
 * builders below; protocols (de)serialise and validate from it.
 */
export type Shape = ScalarShape | ListShape | MapShape | StructShape;

/** Smithy's simple types as the wire sees them; every number is `integer` (AWS's JSON errors say so). */
export type ScalarKind = 'string' | 'integer' | 'boolean' | 'blob' | 'timestamp' | 'document';

export interface ScalarShape {
  readonly kind: ScalarKind;
  /** The values an enum string may take (checked only where the service checks enums). */
  readonly enum?: readonly string[];
}

export interface ListShape {
  readonly kind: 'list';
  readonly member: Shape;
  /** The XML/query element name of each item when the list is not flattened (`member` when absent). */
  readonly memberName?: string;
}

export interface MapShape {
  readonly kind: 'map';
  readonly value: Shape;
  /** XML/query element names of an entry's key and value (`key` and `value` when absent). */
  readonly keyName?: string;
  readonly valueName?: string;
}

export interface StructShape {
  readonly kind: 'struct';
  /** The model's name for the structure (`SendMessageRequest`), for errors and tests. */
  readonly name: string;
  readonly members: Readonly<Record<string, Member>>;
  /** Members that must be present, in model order. */
  readonly required: readonly string[];
}

/** Limits AWS documents for a member: Smithy's `length`, `range` and `pattern` traits. */
export interface Constraints {
  /** Characters of a string, items of a list, entries of a map. */
  readonly length?: { readonly min?: number; readonly max?: number };
  /** Value of a number. */
  readonly range?: { readonly min?: number; readonly max?: number };
  /** A regular expression the whole string must match. */
  readonly pattern?: string;
  /** The reason a service's own error message gives for a value outside the limits (SQS words each). */
  readonly reason?: string;
}

export interface Member {
  readonly shape: Shape;
  /** The query/XML name when it differs from the member name (`Attribute` for `Attributes`). */
  readonly xmlName?: string;
  /** A flattened list or map repeats its items at the member's own level (`AttributeName.1`). */
  readonly flattened?: boolean;
  /** AWS's documented limits, from the service's limits table. */
  readonly constraints?: Constraints;
}

/** How a service speaks on the wire, from its model's metadata. */
export interface ServiceMetadata {
  readonly serviceId: string;
  readonly apiVersion: string;
  /** The SigV4 signing name (`sqs`, `sns`, `states`). */
  readonly signingName: string;
  readonly protocol: 'json' | 'query';
  /** AWS JSON protocol version. */
  readonly jsonVersion?: '1.0' | '1.1';
  /** `X-Amz-Target` prefix of the JSON protocols (`AmazonSQS`). */
  readonly targetPrefix?: string;
  /** The Smithy namespace of JSON error `__type` values (`com.amazonaws.sqs`). */
  readonly errorNamespace: string;
  /** The namespace of query-protocol XML documents. */
  readonly xmlNamespace?: string;
  /** A JSON service that also answers the query protocol and sends `x-amzn-query-error` (SQS). */
  readonly awsQueryCompatible?: boolean;
}

/** One operation's shapes; `output` is absent for operations that return nothing. */
export interface OperationModel {
  readonly input: StructShape;
  readonly output?: StructShape;
}

/** A service's model: metadata, operations and errors. */
export interface ServiceModel {
  readonly metadata: ServiceMetadata;
  readonly operations: Readonly<Record<string, OperationModel>>;
  readonly errors: Readonly<Record<string, AwsErrorShape>>;
}

export const STRING: ScalarShape = { kind: 'string' };
export const INTEGER: ScalarShape = { kind: 'integer' };
export const BOOLEAN: ScalarShape = { kind: 'boolean' };
export const BLOB: ScalarShape = { kind: 'blob' };
export const TIMESTAMP: ScalarShape = { kind: 'timestamp' };
export const DOCUMENT: ScalarShape = { kind: 'document' };

/** A string member restricted to `values`. */
export function enumOf(values: readonly string[]): ScalarShape {
  return { kind: 'string', enum: values };
}

export function list(member: Shape, memberName?: string): ListShape {
  return memberName === undefined ? { kind: 'list', member } : { kind: 'list', member, memberName };
}

export function map(value: Shape, keyName?: string, valueName?: string): MapShape {
  return { kind: 'map', value, keyName, valueName };
}

/** A structure; members are given as shapes, or as members when they carry wire traits. */
export function struct(
  name: string,
  members: Readonly<Record<string, Shape | Member>>,
  required: readonly string[] = [],
): StructShape {
  const out: Record<string, Member> = {};
  for (const key of Object.keys(members)) {
    const m = members[key];
    out[key] = 'shape' in m ? m : { shape: m };
  }
  return { kind: 'struct', name, members: out, required };
}

/**
 * The limits table of a service: `Structure.member` → AWS's documented limits. Generated models
 * carry no limits (the SDKs' copies of AWS's models strip them); each service keeps its own table.
 */
export type LimitsTable = Readonly<Record<string, Constraints>>;

/**
 * The service model with its limits table applied: every `Structure.member` entry becomes the
 * member's constraints. Structures are copied, so the generated model stays as generated; a table
 * entry naming nothing is an error, caught the first time the service is built.
 */
export function withLimits(model: ServiceModel, limits: LimitsTable): ServiceModel {
  const pending = new Map<string, Map<string, Constraints>>();
  for (const [path, constraints] of Object.entries(limits)) {
    const [structName, memberName] = path.split('.');
    let byMember = pending.get(structName);
    if (!byMember) pending.set(structName, (byMember = new Map()));
    byMember.set(memberName, constraints);
  }
  const copies = new Map<Shape, Shape>();
  const applied = new Set<string>();
  const visit = (shape: Shape): Shape => {
    const done = copies.get(shape);
    if (done) return done;
    let copy: Shape = shape;
    if (shape.kind === 'list') copy = { ...shape, member: visit(shape.member) };
    else if (shape.kind === 'map') copy = { ...shape, value: visit(shape.value) };
    else if (shape.kind === 'struct') {
      const byMember = pending.get(shape.name);
      const members: Record<string, Member> = {};
      for (const [name, member] of Object.entries(shape.members)) {
        const constraints = byMember?.get(name);
        if (constraints) applied.add(`${shape.name}.${name}`);
        members[name] = constraints
          ? { ...member, shape: visit(member.shape), constraints }
          : { ...member, shape: visit(member.shape) };
      }
      copy = { ...shape, members };
    }
    copies.set(shape, copy);
    return copy;
  };
  const operations: Record<string, OperationModel> = {};
  for (const [name, op] of Object.entries(model.operations)) {
    operations[name] = {
      input: visit(op.input) as StructShape,
      ...(op.output ? { output: visit(op.output) as StructShape } : {}),
    };
  }
  const unknown = Object.keys(limits).filter((path) => !applied.has(path));
  if (unknown.length) {
    throw new Error(`${model.metadata.serviceId} limits name no member of its model: ${unknown.join(', ')}`);
  }
  return { ...model, operations };
}
