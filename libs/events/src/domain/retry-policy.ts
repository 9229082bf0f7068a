import type { Events } from '@switchyard/aws-wire';

/** EventBridge's defaults: up to 185 retries, for up to 24 hours. */
export const DEFAULT_MAXIMUM_RETRY_ATTEMPTS = 185;
export const DEFAULT_MAXIMUM_EVENT_AGE_SECONDS = 86_400;
/** The first retry waits about a second; each doubles, up to about five minutes. */
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 300_000;

/** What a retry policy lets a failed delivery do next. */
export type NextAttempt =
  { readonly due: number } | { readonly exhausted: 'MaximumRetryAttempts' | 'MaximumEventAgeInSeconds' };

/** How long to wait before retry number `retry` (1 for the first): exponential, with jitter over its upper half. */
export function backoff(retry: number, random: number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.min(retry - 1, 30));
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}

/** When an event is too old to deliver: MaximumEventAgeInSeconds after it was accepted. */
export function expiresAt(policy: Events.RetryPolicy | undefined, acceptedAt: number): number {
  return acceptedAt + (policy?.MaximumEventAgeInSeconds ?? DEFAULT_MAXIMUM_EVENT_AGE_SECONDS) * 1000;
}

/**
 * After a retryable failure (the `failures`th): when to try again, or which limit of the target's
 * retry policy ends the tries (its retries are spent, or the next would come after the event's
 * maximum age).
 */
export function nextAttempt(
  policy: Events.RetryPolicy | undefined,
  failures: number,
  acceptedAt: number,
  now: number,
  random: number,
): NextAttempt {
  if (failures > (policy?.MaximumRetryAttempts ?? DEFAULT_MAXIMUM_RETRY_ATTEMPTS))
    return { exhausted: 'MaximumRetryAttempts' };
  const due = now + backoff(failures, random);
  return due > expiresAt(policy, acceptedAt) ? { exhausted: 'MaximumEventAgeInSeconds' } : { due };
}
