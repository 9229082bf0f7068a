import { AwsError, Sfn } from '@switchyard/aws-wire';
import { StoreError } from '@switchyard/redis';
import type { ExecutionRef } from '../domain/execution-ref';
import { isValidName, parseStatesArn, type StateMachineRef } from '../domain/state-machine-ref';

/** Step Functions' modelled errors (code, HTTP status), as generated from its AWS model. */
export const SfnErrors = Sfn.SFN_MODEL.errors;

/** The entity names the store errors of workflow scripts carry (`StoreError.entity`). */
export const STATE_MACHINE = 'state-machine';
export const EXECUTION = 'execution';
export const ACTIVITY = 'activity';

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
  if (parsed.type !== 'stateMachine')
    throw new AwsError(
      SfnErrors.InvalidArn,
      `Invalid Arn: 'Resource type not valid in this context: ${parsed.type}'`,
    );
  if (parsed.names.length !== 1) throw invalidArn(arn);
  const ref = { accountId: parsed.accountId, region: parsed.region, name: parsed.names[0] };
  if (ref.region !== region) throw stateMachineDoesNotExist(arn);
  return ref;
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
  if (parsed.type !== 'execution')
    throw new AwsError(
      SfnErrors.InvalidArn,
      `Invalid Arn: 'Resource type not valid in this context: ${parsed.type}'`,
    );
  if (parsed.names.length !== 2) throw invalidArn(arn);
  const machine = { accountId: parsed.accountId, region: parsed.region, name: parsed.names[0] };
  if (machine.region !== region) throw executionDoesNotExist(arn);
  return { machine, name: parsed.names[1] };
}

/** The activity an ARN names: InvalidArn for anything else; ActivityDoesNotExist for another region's. */
export function activityOf(arn: string, region: string): StateMachineRef {
  const parsed = parseStatesArn(arn);
  if (!parsed) throw invalidArn(arn);
  if (parsed.type !== 'activity')
    throw new AwsError(
      SfnErrors.InvalidArn,
      `Invalid Arn: 'Resource type not valid in this context: ${parsed.type}'`,
    );
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
    }
  }
  if (error instanceof StoreError && error.entity === EXECUTION && error.code === 'NOT_FOUND')
    return new AwsError(SfnErrors.ExecutionDoesNotExist, 'Execution Does Not Exist');
  if (error instanceof StoreError && error.entity === ACTIVITY && error.code === 'NOT_FOUND')
    return new AwsError(SfnErrors.ActivityDoesNotExist, 'Activity Does Not Exist');
  return undefined;
}
