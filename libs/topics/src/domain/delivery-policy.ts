/**
 * SNS delivery policies for HTTP/S endpoints: AWS's four retry phases (immediate retries, pre-backoff
 * at the minimum delay, backoff from the minimum to the maximum delay, post-backoff at the maximum),
 * the topic's default policy with a subscription's override, and AWS's checks of a DeliveryPolicy.
 */

/** One healthy-retry policy, by AWS's names. */
export interface RetryPolicy {
  readonly minDelayTarget: number;
  readonly maxDelayTarget: number;
  /** All retries, of every phase. */
  readonly numRetries: number;
  readonly numNoDelayRetries: number;
  readonly numMinDelayRetries: number;
  readonly numMaxDelayRetries: number;
  readonly backoffFunction: 'linear' | 'arithmetic' | 'geometric' | 'exponential';
}

/** What a delivery to an HTTP/S subscription follows. */
export interface HttpDeliveryPolicy {
  readonly retry: RetryPolicy;
  /** At most this many deliveries a second to the subscription (absent: no limit). */
  readonly maxReceivesPerSecond?: number;
  readonly headerContentType: string;
}

/** AWS's default for HTTP/S: 3 retries, 20 s apart. */
export const DEFAULT_HTTP_RETRY_POLICY: RetryPolicy = {
  minDelayTarget: 20,
  maxDelayTarget: 20,
  numRetries: 3,
  numNoDelayRetries: 0,
  numMinDelayRetries: 0,
  numMaxDelayRetries: 0,
  backoffFunction: 'linear',
};

/**
 * AWS's managed policy for Lambda (and SQS) endpoints: 100,015 attempts over 23 days — 3 immediate
 * retries, 2 at 1 s, 10 backing off exponentially from 1 to 20 s, then every 20 s.
 */
export const LAMBDA_RETRY_POLICY: RetryPolicy = {
  minDelayTarget: 1,
  maxDelayTarget: 20,
  numRetries: 100_015,
  numNoDelayRetries: 3,
  numMinDelayRetries: 2,
  numMaxDelayRetries: 100_000,
  backoffFunction: 'exponential',
};

/**
 * AWS's policy for application-to-person endpoints (email, SMS, mobile push): 50 attempts over about
 * 6 hours (here from 1 min, backing off to 10 min).
 */
export const A2P_RETRY_POLICY: RetryPolicy = {
  minDelayTarget: 60,
  maxDelayTarget: 600,
  numRetries: 49,
  numNoDelayRetries: 0,
  numMinDelayRetries: 0,
  numMaxDelayRetries: 33,
  backoffFunction: 'exponential',
};

export const DEFAULT_HEADER_CONTENT_TYPE = 'text/plain; charset=UTF-8';

const BACKOFF_FUNCTIONS = ['linear', 'arithmetic', 'geometric', 'exponential'];
/** AWS's bounds on HTTP/S retry policies. */
const MAX_DELAY_SECONDS = 3600;
const MAX_RETRIES = 100;
const MAX_TOTAL_RETRY_SECONDS = 3600;

/**
 * The delay before retry `retry` (1-based) of a delivery, in seconds: no delay for the immediate
 * retries, the minimum delay for the pre-backoff ones, then from the minimum to the maximum along the
 * backoff function, and the maximum delay for the post-backoff ones.
 */
export function retryDelaySeconds(policy: RetryPolicy, retry: number): number {
  const noDelay = policy.numNoDelayRetries;
  const minDelay = policy.numMinDelayRetries;
  const maxDelay = policy.numMaxDelayRetries;
  const backoff = Math.max(0, policy.numRetries - noDelay - minDelay - maxDelay);
  if (retry <= noDelay) return 0;
  if (retry <= noDelay + minDelay) return policy.minDelayTarget;
  if (retry <= noDelay + minDelay + backoff) {
    const step = retry - noDelay - minDelay; // 1..backoff
    return backoffDelay(policy, backoff <= 1 ? 1 : (step - 1) / (backoff - 1));
  }
  return policy.maxDelayTarget;
}

/** A delay between the minimum and the maximum, `t` of the way along the policy's backoff function. */
function backoffDelay(policy: RetryPolicy, t: number): number {
  const min = policy.minDelayTarget;
  const max = policy.maxDelayTarget;
  switch (policy.backoffFunction) {
    case 'linear':
      return min + (max - min) * t;
    case 'arithmetic':
      return min + (max - min) * t * t;
    case 'geometric':
      return min * Math.pow(max / Math.max(min, 1e-3), t);
    case 'exponential':
      return min + ((max - min) * (Math.exp(5 * t) - 1)) / (Math.exp(5) - 1);
  }
}

/** The time every retry of a policy takes together, in seconds. */
export function totalRetrySeconds(policy: RetryPolicy): number {
  let total = 0;
  for (let r = 1; r <= policy.numRetries; r++) total += retryDelaySeconds(policy, r);
  return total;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Checks a retry policy as AWS does; returns the reason it is refused, or undefined. Members left out
 * take the defaults.
 */
export function retryPolicyProblem(given: unknown): string | undefined {
  if (!isObject(given)) return 'healthyRetryPolicy must be an object';
  const policy = { ...DEFAULT_HTTP_RETRY_POLICY, ...given } as Record<string, unknown>;
  for (const name of [
    'minDelayTarget',
    'maxDelayTarget',
    'numRetries',
    'numNoDelayRetries',
    'numMinDelayRetries',
    'numMaxDelayRetries',
  ]) {
    const value = policy[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
      return `${name} must be a non-negative integer`;
  }
  const p = policy as unknown as RetryPolicy;
  if (!BACKOFF_FUNCTIONS.includes(p.backoffFunction))
    return `backoffFunction must be one of ${BACKOFF_FUNCTIONS.join(', ')}`;
  if (p.minDelayTarget < 1) return 'minDelayTarget must be at least 1';
  if (p.maxDelayTarget > MAX_DELAY_SECONDS) return `maxDelayTarget must be at most ${MAX_DELAY_SECONDS}`;
  if (p.minDelayTarget > p.maxDelayTarget) return 'minDelayTarget must not exceed maxDelayTarget';
  if (p.numRetries > MAX_RETRIES) return `numRetries must be at most ${MAX_RETRIES}`;
  if (p.numNoDelayRetries + p.numMinDelayRetries + p.numMaxDelayRetries > p.numRetries)
    return 'numNoDelayRetries + numMinDelayRetries + numMaxDelayRetries must not exceed numRetries';
  if (totalRetrySeconds(p) > MAX_TOTAL_RETRY_SECONDS)
    return `the retries take more than ${MAX_TOTAL_RETRY_SECONDS} seconds in all`;
  return undefined;
}

/** A DeliveryPolicy document as an object, or the reason it is not one. */
function policyDocument(text: string): Json | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'failed to parse JSON.';
  }
  return isObject(parsed) ? parsed : 'must be a JSON object';
}

/** Checks a topic's DeliveryPolicy (`{"http": {defaultHealthyRetryPolicy, …}}`); the reason it is refused. */
export function topicDeliveryPolicyProblem(text: string): string | undefined {
  const policy = policyDocument(text);
  if (typeof policy === 'string') return policy;
  const http = policy.http;
  if (http === undefined) return undefined;
  if (!isObject(http)) return 'http must be an object';
  return retryAndThrottleProblem(http.defaultHealthyRetryPolicy, http.defaultThrottlePolicy);
}

/** Checks a subscription's DeliveryPolicy (`{healthyRetryPolicy, throttlePolicy, requestPolicy}`). */
export function subscriptionDeliveryPolicyProblem(text: string): string | undefined {
  const policy = policyDocument(text);
  if (typeof policy === 'string') return policy;
  return retryAndThrottleProblem(policy.healthyRetryPolicy, policy.throttlePolicy);
}

function retryAndThrottleProblem(retry: unknown, throttle: unknown): string | undefined {
  return (retry === undefined ? undefined : retryPolicyProblem(retry)) ?? throttleProblem(throttle);
}

function throttleProblem(throttle: unknown): string | undefined {
  if (throttle === undefined) return undefined;
  if (!isObject(throttle)) return 'throttlePolicy must be an object';
  const rate = throttle.maxReceivesPerSecond;
  if (rate !== undefined && (typeof rate !== 'number' || !Number.isInteger(rate) || rate < 1))
    return 'maxReceivesPerSecond must be a positive integer';
  return undefined;
}

/**
 * The policy a delivery to a subscription follows: the topic's HTTP defaults, over which the
 * subscription's own policy applies unless the topic disables subscription overrides.
 */
export function effectiveHttpPolicy(
  topicPolicy: string | undefined,
  subscriptionPolicy: string | undefined,
): HttpDeliveryPolicy {
  const topic = parseOr(topicPolicy);
  const http = isObject(topic.http) ? topic.http : {};
  const sub = isObject(http) && http.disableSubscriptionOverrides === true ? {} : parseOr(subscriptionPolicy);
  const retry = {
    ...DEFAULT_HTTP_RETRY_POLICY,
    ...(isObject(http.defaultHealthyRetryPolicy) ? http.defaultHealthyRetryPolicy : {}),
    ...(isObject(sub.healthyRetryPolicy) ? sub.healthyRetryPolicy : {}),
  } as RetryPolicy;
  const throttle = {
    ...(isObject(http.defaultThrottlePolicy) ? http.defaultThrottlePolicy : {}),
    ...(isObject(sub.throttlePolicy) ? sub.throttlePolicy : {}),
  } as { maxReceivesPerSecond?: number };
  const request = {
    ...(isObject(http.defaultRequestPolicy) ? http.defaultRequestPolicy : {}),
    ...(isObject(sub.requestPolicy) ? sub.requestPolicy : {}),
  } as { headerContentType?: string };
  return {
    retry,
    ...(throttle.maxReceivesPerSecond ? { maxReceivesPerSecond: throttle.maxReceivesPerSecond } : {}),
    headerContentType: request.headerContentType ?? DEFAULT_HEADER_CONTENT_TYPE,
  };
}

function parseOr(text: string | undefined): Json {
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** How deliveries to a protocol's endpoints are retried: AWS's policy for the kind of endpoint. */
export function endpointPolicy(
  protocol: string,
  topicDeliveryPolicy: string | undefined,
  attributes: Record<string, string>,
): HttpDeliveryPolicy | undefined {
  switch (protocol) {
    case 'http':
    case 'https':
      return effectiveHttpPolicy(topicDeliveryPolicy, attributes.DeliveryPolicy);
    case 'lambda':
      return { retry: LAMBDA_RETRY_POLICY, headerContentType: 'application/json' };
    case 'email':
    case 'email-json':
    case 'sms':
    case 'application':
      return { retry: A2P_RETRY_POLICY, headerContentType: 'text/plain; charset=UTF-8' };
    default:
      return undefined;
  }
}
