import {
  DEFAULT_HTTP_RETRY_POLICY,
  effectiveHttpPolicy,
  retryDelaySeconds,
  type RetryPolicy,
  retryPolicyProblem,
  totalRetrySeconds,
} from './delivery-policy';

const delays = (policy: RetryPolicy) =>
  Array.from(
    { length: policy.numRetries },
    (_, i) => Math.round(retryDelaySeconds(policy, i + 1) * 100) / 100,
  );

describe('HTTP/S retry phases', () => {
  it("AWS's default: three retries twenty seconds apart", () => {
    expect(delays(DEFAULT_HTTP_RETRY_POLICY)).toEqual([20, 20, 20]);
  });

  it('runs immediate, pre-backoff, backoff and post-backoff retries in that order', () => {
    const policy: RetryPolicy = {
      minDelayTarget: 1,
      maxDelayTarget: 9,
      numRetries: 10,
      numNoDelayRetries: 2,
      numMinDelayRetries: 2,
      numMaxDelayRetries: 2,
      backoffFunction: 'linear',
    };
    expect(delays(policy)).toEqual([0, 0, 1, 1, 1, 3.67, 6.33, 9, 9, 9]);
  });

  it('grows the backoff phase along each backoff function from the minimum to the maximum', () => {
    const base = { ...DEFAULT_HTTP_RETRY_POLICY, minDelayTarget: 1, maxDelayTarget: 16, numRetries: 5 };
    for (const backoffFunction of ['linear', 'arithmetic', 'geometric', 'exponential'] as const) {
      const d = delays({ ...base, backoffFunction });
      expect(d[0]).toBe(1);
      expect(d[4]).toBe(16);
      for (let i = 1; i < d.length; i++) expect(d[i]).toBeGreaterThanOrEqual(d[i - 1]);
    }
    expect(delays({ ...base, backoffFunction: 'geometric' })).toEqual([1, 2, 4, 8, 16]);
  });

  it('refuses what AWS refuses, such as retries taking more than an hour in all', () => {
    expect(retryPolicyProblem({ numRetries: 3 })).toBeUndefined();
    expect(retryPolicyProblem({ minDelayTarget: 0 })).toMatch(/minDelayTarget/);
    expect(retryPolicyProblem({ minDelayTarget: 30, maxDelayTarget: 20 })).toMatch(/exceed maxDelayTarget/);
    expect(retryPolicyProblem({ numRetries: 101 })).toMatch(/numRetries/);
    expect(retryPolicyProblem({ minDelayTarget: 100, maxDelayTarget: 100, numRetries: 40 })).toMatch(
      /3600 seconds/,
    );
    expect(totalRetrySeconds({ ...DEFAULT_HTTP_RETRY_POLICY, numRetries: 3 })).toBe(60);
  });

  it("takes a subscription's policy over the topic's unless the topic disables overrides", () => {
    const topic = JSON.stringify({ http: { defaultHealthyRetryPolicy: { numRetries: 5 } } });
    const sub = JSON.stringify({
      healthyRetryPolicy: { numRetries: 1 },
      throttlePolicy: { maxReceivesPerSecond: 2 },
    });
    expect(effectiveHttpPolicy(topic, sub)).toMatchObject({
      retry: { numRetries: 1 },
      maxReceivesPerSecond: 2,
    });
    const locked = JSON.stringify({
      http: { defaultHealthyRetryPolicy: { numRetries: 5 }, disableSubscriptionOverrides: true },
    });
    expect(effectiveHttpPolicy(locked, sub).retry.numRetries).toBe(5);
    expect(effectiveHttpPolicy(undefined, undefined).headerContentType).toBe('text/plain; charset=UTF-8');
  });
});
