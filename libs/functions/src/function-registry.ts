import { Inject, Injectable } from '@nestjs/common';
import type { FunctionsOptions } from './functions.config';

/** Injection token of the registry's settings. */
export const FUNCTIONS_OPTIONS = Symbol('FUNCTIONS_OPTIONS');

/** What an invocation answered: the endpoint's HTTP status and body. */
export interface InvocationResult {
  readonly status: number;
  readonly body: string;
}

/** How long an invocation may take before it counts as failed. */
const INVOKE_TIMEOUT_MS = 30_000;

/**
 * The Lambda functions this deployment can invoke: each name is an HTTP endpoint from configuration
 * that receives the invocation payload as JSON, as a function receives its event. Topics invoke them
 * for `lambda` subscriptions; workflows will from Task states.
 */
@Injectable()
export class FunctionRegistry {
  constructor(@Inject(FUNCTIONS_OPTIONS) private readonly options: FunctionsOptions) {}

  /** The endpoint of a function named by ARN (`arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`) or name. */
  endpointOf(functionArnOrName: string): string | undefined {
    const m = /^arn:[^:]+:lambda:[^:]*:\d{12}:function:([^:]+)(:[^:]+)?$/.exec(functionArnOrName);
    return this.options.endpoints.get(m ? m[1] : functionArnOrName);
  }

  /** Invokes a function with `payload`; undefined when no function of that name is registered. */
  async invoke(functionArnOrName: string, payload: unknown): Promise<InvocationResult | undefined> {
    const endpoint = this.endpointOf(functionArnOrName);
    if (!endpoint) return undefined;
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(INVOKE_TIMEOUT_MS),
    });
    return { status: res.status, body: await res.text() };
  }
}
