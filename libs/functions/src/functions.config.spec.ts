import { ConfigError } from '@switchyard/runtime';
import { FunctionRegistry } from './function-registry';
import { loadFunctionsConfig } from './functions.config';

describe('the function registry', () => {
  it('reads name=url pairs and finds a function by name or by ARN, with or without a qualifier', () => {
    const options = loadFunctionsConfig({
      SWITCHYARD_LAMBDA_FUNCTIONS: 'resize=http://127.0.0.1:9000/resize, audit=https://audit.local/fn',
    });
    const registry = new FunctionRegistry(options);
    expect(registry.endpointOf('resize')).toBe('http://127.0.0.1:9000/resize');
    expect(registry.endpointOf('arn:aws:lambda:us-east-1:000000000000:function:audit')).toBe(
      'https://audit.local/fn',
    );
    expect(registry.endpointOf('arn:aws:lambda:us-east-1:000000000000:function:audit:live')).toBe(
      'https://audit.local/fn',
    );
    expect(registry.endpointOf('missing')).toBeUndefined();
    expect(loadFunctionsConfig({}).endpoints.size).toBe(0);
  });

  it('refuses a malformed entry', () => {
    for (const raw of ['resize', '=http://x', 'resize=ftp://x', 'bad name=http://x'])
      expect(() => loadFunctionsConfig({ SWITCHYARD_LAMBDA_FUNCTIONS: raw })).toThrow(ConfigError);
  });
});
