import { ConfigError } from '@switchyard/runtime';
import { loadTopicsConfig } from './topics.config';

describe('loadTopicsConfig', () => {
  const runtime = {
    region: 'eu-west-1',
    publicUrl: 'http://localhost:4566',
    publicTlsUrl: 'https://localhost:4443',
  };

  it("takes the region from the runtime settings and defaults the quotas to AWS's", () => {
    expect(loadTopicsConfig({}, runtime)).toEqual({
      region: 'eu-west-1',
      publicUrl: 'http://localhost:4566',
      publicTlsUrl: 'https://localhost:4443',
      maxTopicsPerAccount: 100_000,
      maxFifoTopicsPerAccount: 1_000,
      maxFilterPoliciesPerTopic: 200,
      maxFilterPoliciesPerAccount: 10_000,
      emailFrom: 'no-reply@sns.switchyard.local',
      smtpUrl: undefined,
      smsProvider: undefined,
      pushProvider: undefined,
    });
  });

  it('reads the filter-policy quotas, which a self-hosted user may raise', () => {
    const env = {
      SWITCHYARD_FILTER_POLICIES_PER_TOPIC: '20000',
      SWITCHYARD_FILTER_POLICIES_PER_ACCOUNT: '50000',
    };
    expect(loadTopicsConfig(env, runtime)).toMatchObject({
      maxFilterPoliciesPerTopic: 20_000,
      maxFilterPoliciesPerAccount: 50_000,
    });
  });

  it('reads SWITCHYARD_TOPIC_LIMIT and refuses a value that is not a positive whole number', () => {
    expect(loadTopicsConfig({ SWITCHYARD_TOPIC_LIMIT: '5' }, runtime).maxTopicsPerAccount).toBe(5);
    for (const raw of ['0', '-1', '1.5', 'many']) {
      expect(() => loadTopicsConfig({ SWITCHYARD_TOPIC_LIMIT: raw }, runtime)).toThrow(ConfigError);
    }
  });
});
