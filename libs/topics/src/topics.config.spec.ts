import { ConfigError } from '@switchyard/runtime';
import { loadTopicsConfig } from './topics.config';

describe('loadTopicsConfig', () => {
  const runtime = { region: 'eu-west-1' };

  it("takes the region from the runtime settings and defaults the topic quota to AWS's 100,000", () => {
    expect(loadTopicsConfig({}, runtime)).toEqual({ region: 'eu-west-1', maxTopicsPerAccount: 100_000 });
  });

  it('reads SWITCHYARD_TOPIC_LIMIT and refuses a value that is not a positive whole number', () => {
    expect(loadTopicsConfig({ SWITCHYARD_TOPIC_LIMIT: '5' }, runtime).maxTopicsPerAccount).toBe(5);
    for (const raw of ['0', '-1', '1.5', 'many']) {
      expect(() => loadTopicsConfig({ SWITCHYARD_TOPIC_LIMIT: raw }, runtime)).toThrow(ConfigError);
    }
  });
});
