/** Where a subscription's filter policy looks: the message attributes or the JSON message body. */
export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';

/** One SNS message attribute as it arrives on the wire (Publish / PublishBatch). */
export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array | string;
}

/** The parts of a published message a filter policy can look at. */
export interface FilterableMessage {
  attributes?: Record<string, MessageAttributeValue>;
  body?: string;
}

/** A JSON scalar as seen by matching: strings, numbers, booleans and null. */
export type Scalar = string | number | boolean | null;

/** One condition from a key's array of match values. */
export type Pattern =
  | { kind: 'exact'; value: Scalar }
  | { kind: 'prefix'; value: string }
  | { kind: 'suffix'; value: string }
  | { kind: 'equals-ignore-case'; value: string }
  | { kind: 'anything-but'; values: readonly Scalar[]; numeric: boolean }
  | { kind: 'anything-but-prefix'; value: string }
  | { kind: 'numeric'; range: NumericRange }
  | { kind: 'exists'; value: boolean }
  | { kind: 'cidr'; range: IpRange };

/** A numeric interval on quantised numbers (see numeric-value.ts); an absent bound is unbounded. */
export interface NumericRange {
  lower?: number;
  lowerOpen: boolean;
  upper?: number;
  upperOpen: boolean;
}

/** An inclusive range of addresses of one family, as integers. */
export interface IpRange {
  family: 4 | 6;
  lower: bigint;
  upper: bigint;
  text: string;
}

/** A key path with the alternatives (OR) any one of which must hold. */
export interface PolicyStep {
  path: string;
  patterns: readonly Pattern[];
}

/** An AND of steps over distinct paths; a policy is an OR of these. */
export type Conjunction = readonly PolicyStep[];

/** A validated policy ready for matching; build with `compileFilterPolicy`. */
export interface CompiledFilterPolicy {
  readonly scope: FilterPolicyScope;
  /** The policy is satisfied when any of these conjunctions is (an empty policy has one, empty). */
  readonly conjunctions: readonly Conjunction[];
  /** The AWS combination count of the policy, as checked against the limit of 150. */
  readonly combinations: number;
}
