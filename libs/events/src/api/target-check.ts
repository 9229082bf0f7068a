import { type Events, parseArn } from '@switchyard/aws-wire';
import { parseJsonPath } from '../domain/json-path';
import { PREDEFINED_VARIABLES, templatePlaceholders } from '../domain/target-input';
import { validationError } from '../errors/events-errors';

/** The services Switchyard delivers events to, by the service part of a target's ARN. */
export const DELIVERABLE_SERVICES = ['sqs', 'sns', 'states'] as const;

const PATH_KEY = /^[A-Za-z0-9_-]+$/;

function checkInputPath(path: string, member: string): void {
  if (!parseJsonPath(path))
    throw validationError(`Parameter ${member} is not valid. Reason: ${path} is not a JSON path.`);
}

function checkTransformer(target: Events.Target, transformer: Events.InputTransformer): void {
  const defined = new Set<string>(PREDEFINED_VARIABLES);
  for (const [name, path] of Object.entries(transformer.InputPathsMap ?? {})) {
    if (!PATH_KEY.test(name))
      throw validationError(
        `InputPathsMap for target ${target.Id} has the key ${name}: keys are letters, digits, '_' and '-'.`,
      );
    checkInputPath(path, `InputPathsMap.${name}`);
    defined.add(name);
  }
  for (const placeholder of templatePlaceholders(transformer.InputTemplate))
    if (!defined.has(placeholder))
      throw validationError(
        `InputTemplate for target ${target.Id} contains invalid placeholder ${placeholder}.`,
      );
}

/**
 * Checks a target as PutTargets does before storing any (a failure refuses the whole request): one
 * way of giving its input, a well-formed ARN, its input settings, a message group for a FIFO queue,
 * and an SQS queue as its dead-letter queue.
 */
export function checkTarget(target: Events.Target): void {
  const ways = [target.Input, target.InputPath, target.InputTransformer].filter((w) => w !== undefined);
  if (ways.length > 1)
    throw validationError(
      `Only one of Input, InputPath, or InputTransformer must be provided for target ${target.Id}.`,
    );
  const arn = parseArn(target.Arn);
  if (!arn || !arn.service || !arn.resource)
    throw validationError(
      `Parameter ${target.Arn} is not valid. Reason: Provided Arn is not in correct format.`,
    );
  if (target.Input !== undefined) {
    try {
      JSON.parse(target.Input);
    } catch {
      throw validationError(`Parameter Input is not valid for target ${target.Id}. Reason: it is not JSON.`);
    }
  }
  if (target.InputPath !== undefined) checkInputPath(target.InputPath, 'InputPath');
  if (target.InputTransformer) checkTransformer(target, target.InputTransformer);
  if (arn.service === 'sqs' && arn.resource.endsWith('.fifo') && !target.SqsParameters?.MessageGroupId)
    throw validationError(`Parameter(s) SqsParameters must be specified for target: ${target.Id}.`);
  const dlq = target.DeadLetterConfig?.Arn;
  if (dlq !== undefined) {
    const queue = parseArn(dlq);
    if (queue?.service !== 'sqs' || !queue.resource || queue.resource.endsWith('.fifo'))
      throw validationError(
        `Parameter DeadLetterConfig.Arn is not valid for target ${target.Id}. Reason: a dead-letter queue is a standard SQS queue.`,
      );
  }
}

/**
 * Why a well-formed target is one Switchyard cannot deliver to (a failed entry of PutTargets, the
 * others stored), or undefined for an SQS queue, an SNS topic or a Step Functions state machine.
 */
export function undeliverable(target: Events.Target): string | undefined {
  const arn = parseArn(target.Arn)!;
  if (arn.service === 'states' && !arn.resource.startsWith('stateMachine:'))
    return `Switchyard starts executions of state machines only; ${target.Arn} is no state machine.`;
  if ((DELIVERABLE_SERVICES as readonly string[]).includes(arn.service)) return undefined;
  return `Switchyard delivers events to SQS queues, SNS topics and Step Functions state machines; ${arn.service} targets are not served.`;
}
