/** A state machine: the account and region that own it, and its name. */
export interface StateMachineRef {
  readonly accountId: string;
  readonly region: string;
  readonly name: string;
}

/** The resource types of Step Functions ARNs (`arn:aws:states:<region>:<account>:<type>:…`). */
export type StatesResourceType = 'stateMachine' | 'execution' | 'express' | 'activity';

/** A parsed Step Functions ARN: its type, owner, and the names after the type. */
export interface StatesArn {
  readonly type: string;
  readonly region: string;
  readonly accountId: string;
  /** What follows the type: a machine or activity name; a machine name and an execution name. */
  readonly names: readonly string[];
}

/**
 * Names of state machines, executions and activities: 1 to 80 characters with no white space,
 * brackets, wildcards, the characters " # % \ ^ | ~ ` $ & , ; : / or control characters.
 */
const NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/;

export function isValidName(name: string): boolean {
  return NAME.test(name);
}

export function stateMachineArn(ref: StateMachineRef): string {
  return `arn:aws:states:${ref.region}:${ref.accountId}:stateMachine:${ref.name}`;
}

export function activityArn(ref: StateMachineRef): string {
  return `arn:aws:states:${ref.region}:${ref.accountId}:activity:${ref.name}`;
}

/** Reads a Step Functions ARN; undefined when it is not one. */
export function parseStatesArn(arn: string): StatesArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 7 || parts[0] !== 'arn' || parts[2] !== 'states') return undefined;
  if (!/^aws(-[a-z]+)*$/.test(parts[1]) || !/^\d{12}$/.test(parts[4]) || parts[3] === '') return undefined;
  const names = parts.slice(6);
  if (names.some((n) => n === '')) return undefined;
  return { type: parts[5], region: parts[3], accountId: parts[4], names };
}

/**
 * What a state machine ARN names: the machine itself (`…:stateMachine:<name>`), one of its versions
 * (`…:<name>:<n>`, n counted from 1) or one of its aliases (`…:<name>:<alias>`).
 */
export type StateMachineTarget =
  | { readonly kind: 'machine'; readonly machine: StateMachineRef }
  | { readonly kind: 'version'; readonly machine: StateMachineRef; readonly version: string }
  | { readonly kind: 'alias'; readonly machine: StateMachineRef; readonly alias: string };

/**
 * Alias names: 1 to 80 letters, digits, `_`, `-` and `.`, at least one of them not a digit (an
 * all-digit qualifier is a version number).
 */
const ALIAS_NAME = /^(?=.*[a-zA-Z_\-.])[a-zA-Z0-9_\-.]{1,80}$/;

export function isValidAliasName(name: string): boolean {
  return ALIAS_NAME.test(name);
}

/** A version's number as its ARN writes it: digits, no leading zero. */
const VERSION_NUMBER = /^[1-9][0-9]*$/;

/**
 * What follows a machine's name in its ARN: a version number, an alias name, or undefined for
 * neither (an all-digit qualifier with a leading zero names no version: versions count from 1).
 */
export function qualifierOf(
  qualifier: string,
): { kind: 'version'; version: string } | { kind: 'alias'; alias: string } | undefined {
  if (VERSION_NUMBER.test(qualifier)) return { kind: 'version', version: qualifier };
  if (isValidAliasName(qualifier)) return { kind: 'alias', alias: qualifier };
  return undefined;
}

/** A version's ARN: the machine's, a colon and the version's number. */
export function versionArn(ref: StateMachineRef, version: string | number): string {
  return `${stateMachineArn(ref)}:${version}`;
}

/** An alias's ARN: the machine's, a colon and the alias's name. */
export function aliasArn(ref: StateMachineRef, alias: string): string {
  return `${stateMachineArn(ref)}:${alias}`;
}
