import { Injectable } from '@nestjs/common';
import { AwsError, type OperationContext, type Sfn } from '@switchyard/aws-wire';
import { type StepInspection, testState, type TestStateResult, UntestableState } from '@switchyard/asl';
import { Clock } from '@switchyard/runtime';
import { engineRuntime } from '../domain/standard-execution';
import { TaskPerformer } from '../domain/task-performer';
import { SfnErrors } from '../errors/sfn-errors';
import type { HttpExchange } from '../integrations/http.integration';
import type { TaskOutcome } from '../integrations/task-outcome';
import { invalidDefinition } from './definition-check';
import { parseExecutionInput } from './execution-input';
import type { SfnOperation } from './sfn-operation';

/** AWS's cap on a TestState call. */
const TEST_LIMIT_MS = 5 * 60 * 1000;

/** A JSON text member of the request (variables, context) as an object; ValidationException otherwise. */
function jsonObject(text: string | undefined, member: string): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new AwsError(SfnErrors.ValidationException, `Invalid ${member}: '${(e as Error).message}'`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new AwsError(SfnErrors.ValidationException, `Invalid ${member}: it must be a JSON object`);
  return parsed as Record<string, unknown>;
}

/** A value of the inspection data as AWS answers it: JSON text. */
function text(value: unknown): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value);
}

/** The inspection data of a tested state, for DEBUG and TRACE. */
function inspectionData(inspection: StepInspection, exchange: HttpExchange | undefined) {
  return {
    input: text(inspection.input),
    afterInputPath: text(inspection.afterInputPath),
    afterParameters: text(inspection.afterParameters),
    afterArguments: text(inspection.afterArguments),
    result: text(inspection.result),
    afterResultSelector: text(inspection.afterResultSelector),
    afterResultPath: text(inspection.afterResultPath),
    variables: text(inspection.variables),
    errorDetails: inspection.errorDetails,
    request: exchange?.request,
    response: exchange?.response,
  };
}

/**
 * TestState: runs one state (a Task other than an activity, Pass, Wait, Choice, Succeed or Fail)
 * with the given input, its call made for real (or answered by `mock`), within AWS's five minutes,
 * and answers its output or error, the state it goes to next and its status. DEBUG adds each stage
 * of the data processing; TRACE also an HTTP Task's request and response, the connection's
 * secrets masked unless `revealSecrets`.
 */
@Injectable()
export class TestStateOperation implements SfnOperation<'TestState'> {
  readonly name = 'TestState';

  constructor(
    private readonly tasks: TaskPerformer,
    private readonly clock: Clock,
  ) {}

  async handle(input: Sfn.TestStateInput, ctx: OperationContext) {
    const level = input.inspectionLevel ?? 'INFO';
    const stateInput = parseExecutionInput(input.input ?? '{}');
    const variables = jsonObject(input.variables, 'variables');
    const context = jsonObject(input.context, 'context');
    let exchange: HttpExchange | undefined;
    const trace =
      level === 'TRACE'
        ? { revealSecrets: input.revealSecrets === true, record: (e: HttpExchange) => (exchange = e) }
        : undefined;
    let result: TestStateResult;
    try {
      result = await testState(input.definition, {
        stateName: input.stateName,
        input: stateInput,
        variables,
        context,
        roleArn: input.roleArn,
        stateMachineArn: `arn:aws:states:${ctx.region}:${ctx.accountId}:stateMachine:TestStateMachine`,
        runtime: engineRuntime(this.clock),
        performTask: (task) =>
          input.mock ? mocked(input.mock) : this.withinLimit(this.tasks.perform(task, trace)),
      });
    } catch (e) {
      if (e instanceof UntestableState) throw invalidDefinition(e.diagnostics);
      throw e;
    }
    return {
      status: result.status,
      output: text(result.output),
      error: result.error,
      cause: result.cause,
      nextState: result.nextState,
      inspectionData: level === 'INFO' ? undefined : inspectionData(result.inspection, exchange),
    };
  }

  private async withinLimit(call: Promise<TaskOutcome>): Promise<TaskOutcome> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<TaskOutcome>((resolve) => {
      timer = setTimeout(
        () =>
          resolve({
            type: 'task',
            error: 'States.Timeout',
            cause: 'TestState ran for more than five minutes.',
          }),
        TEST_LIMIT_MS,
      );
    });
    try {
      return await Promise.race([call, limit]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A task's outcome as the request's mock gives it: its result (JSON text), or its error. */
async function mocked(mock: Sfn.MockInput): Promise<TaskOutcome> {
  if (mock.errorOutput)
    return { type: 'task', error: mock.errorOutput.error ?? '', cause: mock.errorOutput.cause ?? '' };
  try {
    return { type: 'task', output: JSON.parse(mock.result ?? 'null') as unknown };
  } catch (e) {
    throw new AwsError(SfnErrors.ValidationException, `Invalid mock.result: '${(e as Error).message}'`);
  }
}
