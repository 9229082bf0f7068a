import { ConfigError } from '@switchyard/runtime';
import { loadQueuesConfig } from './queues.config';

describe('loadQueuesConfig', () => {
  const runtime = { publicUrl: 'http://localhost:4566', region: 'eu-west-1' };

  it('takes the URL and region from the runtime settings and defaults the delete cooldown to 60 s', () => {
    expect(loadQueuesConfig({}, runtime)).toEqual({ ...runtime, deleteCooldownSeconds: 60 });
  });

  it('reads SWITCHYARD_QUEUE_DELETE_COOLDOWN_SECONDS from 0 to 3600', () => {
    for (const seconds of [0, 3600]) {
      const env = { SWITCHYARD_QUEUE_DELETE_COOLDOWN_SECONDS: String(seconds) };
      expect(loadQueuesConfig(env, runtime).deleteCooldownSeconds).toBe(seconds);
    }
  });

  it('refuses a cooldown that is not a whole number of seconds in range', () => {
    for (const raw of ['-1', '3601', '1.5', 'soon']) {
      const env = { SWITCHYARD_QUEUE_DELETE_COOLDOWN_SECONDS: raw };
      expect(() => loadQueuesConfig(env, runtime)).toThrow(ConfigError);
    }
  });
});
