import { ConfigError } from '@switchyard/runtime';
import { loadEventsConfig } from './events.config';

describe('loadEventsConfig', () => {
  const runtime = { region: 'eu-west-1' };

  it("takes the region from the runtime settings, no connection key and AWS's rule quota by default", () => {
    expect(loadEventsConfig({}, runtime)).toEqual({
      region: 'eu-west-1',
      connectionKey: undefined,
      maxRulesPerBus: 300,
    });
  });

  it('reads a 32-byte connection key in base64 and refuses anything else without echoing it', () => {
    const key = Buffer.alloc(32, 7);
    expect(
      loadEventsConfig({ SWITCHYARD_CONNECTION_KEY: key.toString('base64') }, runtime).connectionKey,
    ).toEqual(key);
    for (const raw of [Buffer.alloc(16).toString('base64'), 'not base64!', 'a'.repeat(44)]) {
      let thrown: unknown;
      try {
        loadEventsConfig({ SWITCHYARD_CONNECTION_KEY: raw }, runtime);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigError);
      expect((thrown as Error).message).not.toContain(raw);
    }
  });

  it('reads SWITCHYARD_EVENT_RULE_LIMIT and refuses a value that is not a positive whole number', () => {
    expect(loadEventsConfig({ SWITCHYARD_EVENT_RULE_LIMIT: '5' }, runtime).maxRulesPerBus).toBe(5);
    for (const raw of ['0', '-1', '1.5', 'many'])
      expect(() => loadEventsConfig({ SWITCHYARD_EVENT_RULE_LIMIT: raw }, runtime)).toThrow(ConfigError);
  });
});
