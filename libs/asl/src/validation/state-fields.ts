import { StateType } from '../definition/compiled.types';

const COMMON = ['Type', 'Comment', 'QueryLanguage'];
const FLOW = ['Next', 'End'];

/** Fields that only the JSONPath query language has. */
export const JSONPATH_ONLY = new Set([
  'InputPath',
  'OutputPath',
  'ResultPath',
  'Parameters',
  'ResultSelector',
  'ItemsPath',
  'SecondsPath',
  'TimestampPath',
  'ErrorPath',
  'CausePath',
  'TimeoutSecondsPath',
  'HeartbeatSecondsPath',
  'MaxConcurrencyPath',
  'ToleratedFailureCountPath',
  'ToleratedFailurePercentagePath',
]);

/** Fields that only the JSONata query language has. */
export const JSONATA_ONLY = new Set(['Arguments', 'Output', 'Items', 'Condition']);

/** Fields each state type accepts, in either query language (the language split is checked separately). */
export const STATE_FIELDS: Record<StateType, ReadonlySet<string>> = {
  Pass: new Set([
    ...COMMON,
    ...FLOW,
    'InputPath',
    'OutputPath',
    'ResultPath',
    'Parameters',
    'Result',
    'Assign',
    'Output',
  ]),
  Task: new Set([
    ...COMMON,
    ...FLOW,
    'Resource',
    'InputPath',
    'OutputPath',
    'ResultPath',
    'Parameters',
    'ResultSelector',
    'Arguments',
    'Output',
    'Assign',
    'Retry',
    'Catch',
    'TimeoutSeconds',
    'TimeoutSecondsPath',
    'HeartbeatSeconds',
    'HeartbeatSecondsPath',
    'Credentials',
  ]),
  Choice: new Set([...COMMON, 'Choices', 'Default', 'InputPath', 'OutputPath', 'Output', 'Assign']),
  Wait: new Set([
    ...COMMON,
    ...FLOW,
    'InputPath',
    'OutputPath',
    'Output',
    'Assign',
    'Seconds',
    'Timestamp',
    'SecondsPath',
    'TimestampPath',
  ]),
  Succeed: new Set([...COMMON, 'InputPath', 'OutputPath', 'Output']),
  Fail: new Set([...COMMON, 'Error', 'ErrorPath', 'Cause', 'CausePath']),
  Parallel: new Set([
    ...COMMON,
    ...FLOW,
    'Branches',
    'InputPath',
    'OutputPath',
    'ResultPath',
    'Parameters',
    'ResultSelector',
    'Arguments',
    'Output',
    'Assign',
    'Retry',
    'Catch',
  ]),
  Map: new Set([
    ...COMMON,
    ...FLOW,
    'ItemProcessor',
    'Iterator',
    'ItemsPath',
    'Items',
    'ItemSelector',
    'Parameters',
    'ItemReader',
    'ItemBatcher',
    'ResultWriter',
    'MaxConcurrency',
    'MaxConcurrencyPath',
    'ToleratedFailureCount',
    'ToleratedFailureCountPath',
    'ToleratedFailurePercentage',
    'ToleratedFailurePercentagePath',
    'Label',
    'InputPath',
    'OutputPath',
    'ResultPath',
    'ResultSelector',
    'Output',
    'Assign',
    'Retry',
    'Catch',
  ]),
};

/** Fields each state type requires. */
export const REQUIRED_FIELDS: Record<StateType, readonly string[]> = {
  Pass: [],
  Task: ['Resource'],
  Choice: ['Choices'],
  Wait: [],
  Succeed: [],
  Fail: [],
  Parallel: ['Branches'],
  Map: [],
};

/** State types that end a machine by themselves and take neither Next nor End. */
export const TERMINAL_TYPES = new Set<string>(['Choice', 'Succeed', 'Fail']);

/** Fields a Retry entry accepts. */
export const RETRIER_FIELDS = new Set([
  'ErrorEquals',
  'IntervalSeconds',
  'MaxAttempts',
  'BackoffRate',
  'MaxDelaySeconds',
  'JitterStrategy',
  'Comment',
]);

/** Fields a Catch entry accepts. */
export const CATCHER_FIELDS = new Set(['ErrorEquals', 'Next', 'ResultPath', 'Output', 'Assign', 'Comment']);

/** Top-level fields of a state machine. */
export const MACHINE_FIELDS = new Set([
  'Comment',
  'StartAt',
  'States',
  'TimeoutSeconds',
  'Version',
  'QueryLanguage',
]);

/** Fields of a nested machine (Parallel branch, Map item processor). */
export const BRANCH_FIELDS = new Set(['Comment', 'StartAt', 'States']);
