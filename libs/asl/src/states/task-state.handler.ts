import { TaskState } from '../definition/compiled.types';
import { StatesError, ErrorNames } from '../errors/states-error';
import { assertPayloadSize, payloadSizeError, taskResultName } from '../json/payload-size';
import { resolveInteger } from '../step/dynamic-value';
import { StepContext } from '../step/step-context';
import {
  effectiveInput,
  evaluateTemplate,
  jsonataResult,
  jsonataStates,
  jsonPathResult,
  leaveState,
} from '../step/state-pipeline';
import { TaskRequest, Transition } from '../step/transition.types';
import { describeResource, TaskEventFamily } from './task-resource';

const EVENT = {
  Lambda: {
    scheduled: 'LambdaFunctionScheduled',
    started: 'LambdaFunctionStarted',
    succeeded: 'LambdaFunctionSucceeded',
    failed: 'LambdaFunctionFailed',
    timedOut: 'LambdaFunctionTimedOut',
  },
  Activity: {
    scheduled: 'ActivityScheduled',
    started: 'ActivityStarted',
    succeeded: 'ActivitySucceeded',
    failed: 'ActivityFailed',
    timedOut: 'ActivityTimedOut',
  },
  Task: {
    scheduled: 'TaskScheduled',
    started: 'TaskStarted',
    succeeded: 'TaskSucceeded',
    failed: 'TaskFailed',
    timedOut: 'TaskTimedOut',
  },
} as const satisfies Record<TaskEventFamily, Record<string, string>>;

/** Task: asks the caller to perform the resource, then processes its result or error. */
export async function taskStateHandler(ctx: StepContext): Promise<Transition> {
  const state = ctx.state as TaskState;
  const { family, resourceType, resourceName } = describeResource(state.resource);
  const events = EVENT[family];
  const pending = ctx.request.pending;
  if (pending?.type === 'task') {
    const service = family === 'Task';
    // As AWS records them: a service integration's events name the resource; a Lambda function's
    // and an activity's Started event has no details, their outcomes only the error or output.
    ctx.emit(events.started, service ? { resourceType, resource: resourceName } : undefined);
    if ('error' in pending) {
      const timedOut =
        pending.timedOut ||
        pending.error === ErrorNames.Timeout ||
        pending.error === ErrorNames.HeartbeatTimeout;
      const { error, cause } = pending;
      ctx.emit(
        timedOut ? events.timedOut : events.failed,
        service ? { resourceType, resource: resourceName, error, cause } : { error, cause },
      );
      throw new StatesError(pending.error, pending.cause);
    }
    // Recorded against AWS: a result over 256 KiB is recorded as the task's failure, not its success.
    const tooLarge = payloadSizeError(pending.output, taskResultName(state.resource));
    if (tooLarge) {
      const { error, cause } = tooLarge;
      ctx.emit(
        events.failed,
        service ? { resourceType, resource: resourceName, error, cause } : { error, cause },
      );
      throw tooLarge;
    }
    ctx.emit(
      events.succeeded,
      service ? { resourceType, resource: resourceName, output: pending.output } : { output: pending.output },
    );
    const { output, variables } =
      state.queryLanguage === 'JSONata'
        ? await jsonataResult(ctx, pending.output, pending.output, state.output, state.assign)
        : await jsonPathResult(ctx, pending.output);
    return leaveState(ctx, output, variables);
  }
  if (!ctx.isRetry) ctx.emit('TaskStateEntered', { name: state.name, input: ctx.request.input });
  const task = await buildTaskRequest(ctx, state);
  // A service integration's TaskScheduled carries the region (the state machine's) and the
  // parameters; a Lambda function's or an activity's …Scheduled carries them as its input.
  ctx.emit(
    events.scheduled,
    family === 'Task'
      ? {
          resourceType,
          resource: resourceName,
          region: regionOf(ctx.request.context.StateMachine.Id),
          parameters: task.parameters,
          timeoutInSeconds: task.timeoutSeconds,
          heartbeatInSeconds: task.heartbeatSeconds,
        }
      : {
          resource: resourceName,
          input: task.parameters,
          timeoutInSeconds: task.timeoutSeconds,
          heartbeatInSeconds: family === 'Activity' ? task.heartbeatSeconds : undefined,
        },
  );
  return { type: 'task', task, events: ctx.events };
}

let lastArn = '';
let lastRegion: string | undefined;

/** The region of an ARN (`arn:partition:service:region:…`), if it names one; the last one is remembered. */
function regionOf(arn: string): string | undefined {
  if (arn !== lastArn) {
    lastArn = arn;
    lastRegion = arn.split(':')[3] || undefined;
  }
  return lastRegion;
}

async function buildTaskRequest(ctx: StepContext, state: TaskState): Promise<TaskRequest> {
  const jsonata = state.queryLanguage === 'JSONata';
  const effective = jsonata ? ctx.request.input : effectiveInput(ctx);
  const states = jsonataStates(ctx);
  let parameters: unknown = effective;
  if (jsonata && state.arguments) {
    parameters = await evaluateTemplate(ctx, state.arguments, effective, states);
    ctx.inspect('afterArguments', parameters);
  }
  if (!jsonata && state.parameters) {
    parameters = await evaluateTemplate(ctx, state.parameters, effective, states);
    ctx.inspect('afterParameters', parameters);
  }
  assertPayloadSize(parameters, state.name);
  const env = ctx.env(effective);
  const timeoutSeconds = await resolveInteger(state.timeoutSeconds, env, states, 'TimeoutSeconds', true);
  const heartbeatSeconds = await resolveInteger(
    state.heartbeatSeconds,
    env,
    states,
    'HeartbeatSeconds',
    true,
  );
  const credentials = state.credentials
    ? await evaluateTemplate(ctx, state.credentials, effective, states)
    : undefined;
  const task: TaskRequest = {
    resource: state.resource,
    parameters,
    waitForTaskToken: state.waitForTaskToken,
    integrationPattern: state.waitForTaskToken
      ? 'WAIT_FOR_TASK_TOKEN'
      : /\.sync(:\d+)?$/.test(state.resource)
        ? 'RUN_JOB'
        : 'REQUEST_RESPONSE',
  };
  if (timeoutSeconds !== undefined) task.timeoutSeconds = timeoutSeconds;
  if (heartbeatSeconds !== undefined) task.heartbeatSeconds = heartbeatSeconds;
  if (credentials !== undefined) task.credentials = credentials;
  return task;
}
