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
