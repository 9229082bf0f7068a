import { AwsError, Sfn } from '@switchyard/aws-wire';
import { StoreError } from '@switchyard/redis';
import type { ExecutionRef } from '../domain/execution-ref';
import {
  isValidName,
  parseStatesArn,
  qualifierOf,
  type StateMachineRef,
  type StateMachineTarget,
} from '../domain/state-machine-ref';

/** Step Functions' modelled errors (code, HTTP status), as generated from its AWS model. */
export const SfnErrors = Sfn.SFN_MODEL.errors;

/** The entity names the store errors of workflow scripts carry (`StoreError.entity`). */
export const STATE_MACHINE = 'state-machine';
export const EXECUTION = 'execution';
export const ACTIVITY = 'activity';
export const VERSION = 'state-machine-version';
export const ALIAS = 'state-machine-alias';
export const MAP_RUN = 'map-run';

/** The most versions one state machine may have (AWS's quota). */
export const MAX_VERSIONS = 1000;
/** The most aliases one state machine may have (AWS's quota). */
export const MAX_ALIASES = 100;

/** InvalidArn, in AWS's words, for an ARN of another kind of resource than the operation takes. */
function wrongResourceType(type: string): AwsError {
  return new AwsError(
    SfnErrors.InvalidArn,
    `Invalid Arn: 'Resource type not valid in this context: ${type}'`,
  );
}

export function invalidArn(arn: string): AwsError {
  return new AwsError(SfnErrors.InvalidArn, `Invalid Arn: '${arn}'`);
}

export function stateMachineDoesNotExist(arn: string): AwsError {
  return new AwsError(SfnErrors.StateMachineDoesNotExist, `State Machine Does Not Exist: '${arn}'`);
}

/**
 * The state machine an ARN names: InvalidArn when it is no Step Functions ARN or names another kind
 * of resource (in AWS's words), StateMachineDoesNotExist when it is another region's.
 */
export function stateMachineOf(arn: string, region: string): StateMachineRef {
  const parsed = parseStatesArn(arn);
  if (!parsed) throw invalidArn(arn);
  if (parsed.type !== 'stateMachine') throw wrongResourceType(parsed.type);
  if (parsed.names.length !== 1) throw invalidArn(arn);
  const ref = { accountId: parsed.accountId, region: parsed.region, name: parsed.names[0] };
  if (ref.region !== region) throw stateMachineDoesNotExist(arn);
  return ref;
}

/**
 * What a state machine ARN names, wherever it is: the machine, a version (`…:<name>:<n>`) or an alias
 * (`…:<name>:<alias>`). InvalidArn for anything else.
 */
function targetOf(arn: string): StateMachineTarget {
  const parsed = parseStatesArn(arn);
  if (!parsed) throw invalidArn(arn);
  if (parsed.type !== 'stateMachine') throw wrongResourceType(parsed.type);
  if (parsed.names.length < 1 || parsed.names.length > 2) throw invalidArn(arn);
  const machine = { accountId: parsed.accountId, region: parsed.region, name: parsed.names[0] };
  if (parsed.names.length === 1) return { kind: 'machine', machine };
  const qualifier = qualifierOf(parsed.names[1]);
  if (!qualifier) throw invalidArn(arn);
  return { ...qualifier, machine };
}

/**
 * What a state machine ARN names: the machine, a version (`…:<name>:<n>`) or an alias
 * (`…:<name>:<alias>`). InvalidArn for anything else; StateMachineDoesNotExist for another region's.
 */
export function stateMachineTargetOf(arn: string, region: string): StateMachineTarget {
  const target = targetOf(arn);
  if (target.machine.region !== region) throw stateMachineDoesNotExist(arn);
  return target;
}

/**
 * The version a version ARN names, in whatever region (another region's exists nowhere here);
 * InvalidArn for any other ARN.
 */
export function versionOf(arn: string): { machine: StateMachineRef; version: string } {
  const target = targetOf(arn);
  if (target.kind !== 'version') throw invalidArn(arn);
  return target;
}

/** The alias an alias ARN names: InvalidArn for any other ARN; ResourceNotFound for another region's. */
export function aliasOf(arn: string, region: string): { machine: StateMachineRef; alias: string } {
  const target = targetOf(arn);
  if (target.kind !== 'alias') throw invalidArn(arn);
  if (target.machine.region !== region) throw resourceNotFound();
  return target;
}

/** A version or alias that does not exist, in AWS's words. */
export function resourceNotFound(): AwsError {
  return new AwsError(SfnErrors.ResourceNotFound, 'Request references a resource that does not exist.');
}

/** PublishStateMachineVersion (or an update) given a revision that is no longer the machine's. */
export function revisionConflict(given: string, current: string): AwsError {
  return new AwsError(
    SfnErrors.ConflictException,
    `Failed to publish the State Machine version for revision ${given}. The current State Machine revision is ${current}.`,
  );
}

/** A version some aliases still route to. */
export function versionInUse(aliases: readonly string[]): AwsError {
  return new AwsError(
    SfnErrors.ConflictException,
    `Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [${aliases.join(', ')}]`,
  );
}

/** CreateStateMachineAlias naming an alias that exists with other settings. */
export function aliasConflict(): AwsError {
  return new AwsError(
    SfnErrors.ConflictException,
    'Failed to create alias because an alias with the same name and a different routing configuration already exists.',
  );
}

/** A machine's version or alias quota reached. */
export function quotaExceeded(what: 'versions' | 'aliases'): AwsError {
  const max = what === 'versions' ? MAX_VERSIONS : MAX_ALIASES;
  return new AwsError(
    SfnErrors.ServiceQuotaExceededException,
    `Service quota exceeded: a state machine may have at most ${max} ${what}`,
  );
}

/** versionDescription without publish. */
export function versionDescriptionWithoutPublish(): AwsError {
  return new AwsError(
    SfnErrors.ValidationException,
    'Version description can only be set when publish is true',
  );
}

/** InvalidName for a machine, activity or execution name AWS would refuse. */
export function checkName(name: string): void {
  if (!isValidName(name)) throw new AwsError(SfnErrors.InvalidName, `Invalid Name: '${name}'`);
}

/** An operation one type of machine does not have (ListExecutions of an EXPRESS one, …). */
export function typeNotSupported(): AwsError {
  return new AwsError(
    SfnErrors.StateMachineTypeNotSupported,
    'This operation is not supported by this type of state machine',
  );
}

/** A resource with too many tags. */
export function tooManyTags(max: number): AwsError {
  return new AwsError(SfnErrors.TooManyTags, `Too many tags: a resource may carry at most ${max} tags`);
}

/** A machine being deleted takes no new executions and no changes. */
export function stateMachineDeleting(arn: string): AwsError {
  return new AwsError(SfnErrors.StateMachineDeleting, `State Machine Is Being Deleted: '${arn}'`);
}

export function executionDoesNotExist(arn: string): AwsError {
  return new AwsError(SfnErrors.ExecutionDoesNotExist, `Execution Does Not Exist: '${arn}'`);
}

/**
 * The Standard execution an ARN names: InvalidArn when it is no execution ARN (an Express one in
 * AWS's words), ExecutionDoesNotExist when it is another region's.
 */
export function executionOf(arn: string, region: string): ExecutionRef {
  const parsed = parseStatesArn(arn);
  if (!parsed) throw invalidArn(arn);
  if (parsed.type !== 'execution') throw wrongResourceType(parsed.type);
  if (parsed.names.length !== 2) throw invalidArn(arn);
  const machine = { accountId: parsed.accountId, region: parsed.region, name: parsed.names[0] };
  if (machine.region !== region) throw executionDoesNotExist(arn);
  return { machine, name: parsed.names[1] };
}

/** The Distributed Map run an ARN names (`…:mapRun:<machine>/<label>:<id>`): InvalidArn for anything else. */
export function mapRunOf(arn: string, region: string): { accountId: string; runId: string } {
  const parsed = parseStatesArn(arn);
  if (!parsed) throw invalidArn(arn);
  if (parsed.type !== 'mapRun') throw wrongResourceType(parsed.type);
  if (parsed.names.length !== 2 || !parsed.names[0].includes('/')) throw invalidArn(arn);
  if (parsed.region !== region) throw resourceNotFound();
  return { accountId: parsed.accountId, runId: parsed.names.join(':') };
}

/** The activity an ARN names: InvalidArn for anything else; ActivityDoesNotExist for another region's. */
export function activityOf(arn: string, region: string): StateMachineRef {
  const parsed = parseStatesArn(arn);
  if (!parsed) throw invalidArn(arn);
  if (parsed.type !== 'activity') throw wrongResourceType(parsed.type);
  if (parsed.names.length !== 1) throw invalidArn(arn);
  if (parsed.region !== region) throw activityDoesNotExist(arn);
  return { accountId: parsed.accountId, region: parsed.region, name: parsed.names[0] };
}

export function activityDoesNotExist(arn: string): AwsError {
  return new AwsError(SfnErrors.ActivityDoesNotExist, `Activity Does Not Exist: '${arn}'`);
}

/** The one place where the workflow domain's store errors become Step Functions' AWS errors. */
export function mapSfnError(error: unknown): AwsError | undefined {
  if (error instanceof AwsError) return error;
  if (error instanceof StoreError && error.entity === STATE_MACHINE) {
    const arn = error.detail ?? '';
    switch (error.code) {
      case 'NOT_FOUND':
        return stateMachineDoesNotExist(arn);
      case 'EXISTS':
        return new AwsError(SfnErrors.StateMachineAlreadyExists, `State Machine Already Exists: '${arn}'`);
      case 'WRONG_STATE':
        return stateMachineDeleting(arn);
    }
  }
  if (error instanceof StoreError && (error.entity === VERSION || error.entity === ALIAS)) {
    switch (error.code) {
      case 'NOT_FOUND':
        return resourceNotFound();
      case 'LIMIT_EXCEEDED':
        return quotaExceeded(error.entity === VERSION ? 'versions' : 'aliases');
      case 'WRONG_STATE':
        return versionInUse((error.detail ?? '').split('\n'));
      case 'EXISTS':
        return aliasConflict();
    }
  }
  if (error instanceof StoreError && error.entity === EXECUTION && error.code === 'NOT_FOUND')
    return new AwsError(SfnErrors.ExecutionDoesNotExist, 'Execution Does Not Exist');
  if (error instanceof StoreError && error.entity === ACTIVITY && error.code === 'NOT_FOUND')
    return new AwsError(SfnErrors.ActivityDoesNotExist, 'Activity Does Not Exist');
  if (error instanceof StoreError && error.entity === MAP_RUN && error.code === 'NOT_FOUND')
    return resourceNotFound();
  return undefined;
}
