import { isStoreUnavailable } from './store-unavailable';

describe('isStoreUnavailable', () => {
  it.each([
    'Reached the max retries per request limit (which is 3). Refer to "maxRetriesPerRequest" option for details.',
    'Connection is closed.',
    "Cluster isn't ready and enableOfflineQueue options is false",
    'Too many Cluster redirections. Last error: ReplyError: MOVED 12706 127.0.0.1:47003',
    'LOADING Redis is loading the dataset in memory',
    'CLUSTERDOWN The cluster is down',
  ])('holds for "%s"', (message) => {
    const error = new Error(message);
    if (message.startsWith('Reached')) error.name = 'MaxRetriesPerRequestError';
    expect(isStoreUnavailable(error)).toBe(true);
  });

  it.each([
    'NOSCRIPT No matching script',
    'ERR Error running script: attempt to index a nil value',
    'OOM command not allowed when used memory > maxmemory',
    'WRONGTYPE Operation against a key holding the wrong kind of value',
  ])('does not hold for "%s", a failure of the command itself', (message) => {
    expect(isStoreUnavailable(new Error(message))).toBe(false);
  });

  it('does not hold for what is not an Error', () => {
    expect(isStoreUnavailable('Connection is closed.')).toBe(false);
    expect(isStoreUnavailable(undefined)).toBe(false);
  });
});
