import { AwsError } from '@switchyard/aws-wire';
import { SqsErrors } from '../errors/sqs-errors';

/** One settable queue attribute: its default and how a given value is checked and normalised. */
interface AttributeRule {
  readonly defaultValue?: string;
  /** Returns the stored form, or undefined when the value is invalid. */
  readonly normalise: (value: string) => string | undefined;
  /** Only at CreateQueue (FifoQueue). */
  readonly createOnly?: boolean;
}

const intRange = (min: number, max: number) => (v: string) =>
  /^\d+$/.test(v.trim()) && +v >= min && +v <= max ? String(+v) : undefined;

const bool = (v: string) =>
  v === 'true' || v === 'false'
    ? v
    : v.toLowerCase() === 'true'
      ? 'true'
      : v.toLowerCase() === 'false'
        ? 'false'
        : undefined;

/**
 * How deeply a policy may nest. AWS's policy grammar nests a few levels (Statement → Condition →
 * operator → key → values); anything much deeper is not a policy, and past 1,000 levels Redis's JSON
 * decoder could not read it back to add or remove a statement.
 */
const MAX_POLICY_DEPTH = 16;

/** Whether a parsed value nests no deeper than `levels` (walks at most that deep, however deep it is). */
function nestsWithin(value: unknown, levels: number): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (levels === 0) return false;
  for (const item of Object.values(value)) if (!nestsWithin(item, levels - 1)) return false;
  return true;
}

/** A JSON policy document: an object (not an array) nested no deeper than AWS's grammar needs. */
const policy = (v: string) => {
  if (v === '') return '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch {
    return undefined;
  }
  const isObject = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
  return isObject && nestsWithin(parsed, MAX_POLICY_DEPTH) ? v : undefined;
};

/** Queue attributes a request may set, with AWS's limits and defaults (a Map: names come from clients). */
export const SETTABLE_ATTRIBUTES: ReadonlyMap<string, AttributeRule> = new Map(
  Object.entries({
    DelaySeconds: { defaultValue: '0', normalise: intRange(0, 900) },
    MaximumMessageSize: { defaultValue: '1048576', normalise: intRange(1024, 1048576) },
    MessageRetentionPeriod: { defaultValue: '345600', normalise: intRange(60, 1209600) },
    ReceiveMessageWaitTimeSeconds: { defaultValue: '0', normalise: intRange(0, 20) },
    VisibilityTimeout: { defaultValue: '30', normalise: intRange(0, 43200) },
    Policy: { normalise: policy },
    RedrivePolicy: { normalise: (v) => v },
    RedriveAllowPolicy: { normalise: (v) => v },
    KmsMasterKeyId: { normalise: (v) => v },
    KmsDataKeyReusePeriodSeconds: { normalise: intRange(60, 86400) },
    SqsManagedSseEnabled: { defaultValue: 'true', normalise: bool },
    FifoQueue: { normalise: bool, createOnly: true },
    ContentBasedDeduplication: { normalise: bool },
    DeduplicationScope: { normalise: (v) => (v === 'queue' || v === 'messageGroup' ? v : undefined) },
    FifoThroughputLimit: {
      normalise: (v) => (v === 'perQueue' || v === 'perMessageGroupId' ? v : undefined),
    },
  } satisfies Record<string, AttributeRule>),
);

/** Attributes GetQueueAttributes computes rather than stores. */
export const COMPUTED_ATTRIBUTES = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
] as const;

/** Every name GetQueueAttributes accepts besides `All`. */
export const READABLE_ATTRIBUTES: ReadonlySet<string> = new Set([
  ...SETTABLE_ATTRIBUTES.keys(),
  ...COMPUTED_ATTRIBUTES,
]);

export function unknownAttribute(name: string): AwsError {
  return new AwsError(SqsErrors.InvalidAttributeName, `Unknown Attribute ${name}.`);
}

export function invalidAttributeValue(name: string, reason?: string): AwsError {
  return new AwsError(
    SqsErrors.InvalidAttributeValue,
    reason
      ? `Invalid value for the parameter ${name}. Reason: ${reason}`
      : `Invalid value for the parameter ${name}.`,
  );
}

/**
 * Checks and normalises the attributes of a CreateQueue or SetQueueAttributes request (everything but
 * the redrive policies, which need the store). Throws AWS's InvalidAttributeName / InvalidAttributeValue.
 */
export function normaliseAttributes(
  given: Record<string, unknown> | undefined,
  forCreate: boolean,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(given ?? {})) {
    const rule = SETTABLE_ATTRIBUTES.get(name);
    if (!rule) throw unknownAttribute(name);
    if (rule.createOnly && !forCreate)
      throw new AwsError(
        SqsErrors.InvalidAttributeName,
        `Attribute ${name} can only be set when the queue is created.`,
      );
    const value = typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw);
    const normalised = rule.normalise(value);
    if (normalised === undefined) throw invalidAttributeValue(name);
    out[name] = normalised;
  }
  return out;
}

/** Attributes only FIFO queues have. */
export const FIFO_ATTRIBUTES = [
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
] as const;

const FIFO_DEFAULTS: Record<string, string> = {
  FifoQueue: 'true',
  ContentBasedDeduplication: 'false',
  DeduplicationScope: 'queue',
  FifoThroughputLimit: 'perQueue',
};

/** The defaults of every attribute not given, for a new queue. */
export function withDefaults(given: Record<string, string>, fifo: boolean): Record<string, string> {
  const out: Record<string, string> = fifo ? { ...FIFO_DEFAULTS } : {};
  for (const [name, rule] of SETTABLE_ATTRIBUTES) {
    if (rule.defaultValue !== undefined) out[name] = rule.defaultValue;
  }
  return { ...out, ...given };
}

/**
 * AWS's rules tying the .fifo name, FifoQueue and the FIFO-only attributes together; `given` holds the
 * FIFO attributes the queue will have. Removes `FifoQueue: false` from a standard queue's attributes.
 */
export function checkFifoAttributes(fifo: boolean, given: Record<string, string>, forCreate: boolean): void {
  if (!fifo) {
    if (forCreate && given.FifoQueue === 'true') {
      throw invalidAttributeValue(
        'FifoQueue',
        'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.',
      );
    }
    if (given.FifoQueue === 'false') delete given.FifoQueue;
    for (const name of FIFO_ATTRIBUTES) if (name in given) throw unknownAttribute(name);
    return;
  }
  if (forCreate && given.FifoQueue !== 'true') {
    throw invalidAttributeValue(
      'FifoQueue',
      'A queue whose name ends in .fifo must be created with the attribute FifoQueue set to true.',
    );
  }
  if (given.FifoThroughputLimit === 'perMessageGroupId' && given.DeduplicationScope === 'queue') {
    throw invalidAttributeValue(
      'FifoThroughputLimit',
      'FifoThroughputLimit perMessageGroupId (high throughput) requires DeduplicationScope messageGroup.',
    );
  }
}
