import { ConfigError } from '@switchyard/runtime';
import { loadQueuesConfig } from './queues.config';

describe('loadQueuesConfig', () => {
  const runtime = { publicUrl: 'http://localhost:4566', region: 'eu-west-1' };

  it("takes the URL and region from the runtime settings and defaults to AWS's cooldown and in-flight quota", () => {
    expect(loadQueuesConfig({}, runtime)).toEqual({
      ...runtime,
      deleteCooldownSeconds: 60,
      maxInFlight: 120_000,
    });
  });

  it('reads SWITCHYARD_QUEUE_DELETE_COOLDOWN_SECONDS from 0 to 3600', () => {
    for (const seconds of [0, 3600]) {
      const env = { SWITCHYARD_QUEUE_DELETE_COOLDOWN_SECONDS: String(seconds) };
      expect(loadQueuesConfig(env, runtime).deleteCooldownSeconds).toBe(seconds);
    }
  });

  it('reads SWITCHYARD_QUEUE_MAX_IN_FLIGHT, which a self-hosted user may raise or lower', () => {
    const env = { SWITCHYARD_QUEUE_MAX_IN_FLIGHT: '500000' };
    expect(loadQueuesConfig(env, runtime).maxInFlight).toBe(500_000);
  });

  it.each([
    ['SWITCHYARD_QUEUE_DELETE_COOLDOWN_SECONDS', ['-1', '3601', '1.5', 'soon']],
    ['SWITCHYARD_QUEUE_MAX_IN_FLIGHT', ['0', '-3', '2.5', 'many']],
  ])('refuses a %s that is not a whole number in range', (name, values) => {
    for (const raw of values) {
      expect(() => loadQueuesConfig({ [name]: raw }, runtime)).toThrow(ConfigError);
    }
  });
});
