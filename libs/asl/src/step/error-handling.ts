import { errorMatches } from '../errors/error-matcher';
import { ErrorNames, StatesError } from '../errors/states-error';
import { evaluateJsonataTemplate } from '../jsonata/jsonata-template';
import { applyResultPath } from '../processing/json-path-io';
import { StepContext } from './step-context';
import { evaluateAssign, exitState, failScope, jsonataStates } from './state-pipeline';
import { Transition } from './transition.types';

/** The delay before a retry: backoff, capped by MaxDelaySeconds, optionally with full jitter. */
export function retryDelaySeconds(
  retrier: {
    intervalSeconds: number;
    backoffRate: number;
    maxDelaySeconds?: number;
    jitterStrategy: 'FULL' | 'NONE';
  },
  attempt: number,
  random: () => number,
): number {
  let delay = retrier.intervalSeconds * Math.pow(retrier.backoffRate, attempt);
  if (retrier.maxDelaySeconds !== undefined) delay = Math.min(delay, retrier.maxDelaySeconds);
  if (retrier.jitterStrategy === 'FULL') delay = delay * random();
  return delay;
}

/**
 * Applies the state's Retry and Catch to an error, in that order, and otherwise fails the
 * (sub)machine. Only Task, Parallel and Map states have Retry and Catch.
 */
export async function handleStateError(ctx: StepContext, err: StatesError): Promise<Transition> {
  const state = ctx.state;
  const counters = ctx.request.retryCounters?.slice() ?? state.retry.map(() => 0);
  for (let i = 0; i < state.retry.length; i++) {
    const retrier = state.retry[i];
    if (!errorMatches(retrier.errorEquals, err.error)) continue;
    const attempt = counters[i] ?? 0;
    if (attempt >= retrier.maxAttempts) break;
    counters[i] = attempt + 1;
    const delaySeconds = retryDelaySeconds(retrier, attempt, () => ctx.runtime.random());
    ctx.inspect('errorDetails', { retryIndex: i, retryBackoffIntervalSeconds: delaySeconds });
    return {
      type: 'retry',
      delaySeconds,
      retryCounters: counters,
      events: ctx.events,
    };
  }
  if (ctx.failedEvent) ctx.emit(ctx.failedEvent);
  // A Fail state may leave out its Cause; the error output then has none either.
  const errorOutput = err.cause === '' ? { Error: err.error } : { Error: err.error, Cause: err.cause };
  for (const [index, catcher] of state.catch.entries()) {
    if (!errorMatches(catcher.errorEquals, err.error)) continue;
    ctx.inspect('errorDetails', { catchIndex: index });
    try {
      let output: unknown;
      let variables: Record<string, unknown>;
      if (state.queryLanguage === 'JSONata') {
        const states = jsonataStates(ctx, { errorOutput });
        output = catcher.output
          ? await evaluateJsonataTemplate(catcher.output, states, ctx.variables, ctx.runtime)
          : errorOutput;
        variables = await evaluateAssign(ctx, catcher.assign, undefined, states);
      } else {
        variables = await evaluateAssign(ctx, catcher.assign, errorOutput, jsonataStates(ctx));
        output = applyResultPath(catcher.resultPath, ctx.request.input, errorOutput);
        ctx.inspect('afterResultPath', output);
      }
      exitState(ctx, output);
      return { type: 'next', next: catcher.next, output, variables, events: ctx.events };
    } catch (e) {
      const inner = ctx.stateFailure(
        e instanceof StatesError ? e : new StatesError(ErrorNames.Runtime, (e as Error).message, true),
      );
      ctx.recordEvaluationFailure(inner);
      return failScope(ctx, inner.error, inner.cause);
    }
  }
  return failScope(ctx, err.error, err.cause);
}
