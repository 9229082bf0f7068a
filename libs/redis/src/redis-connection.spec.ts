import { redactRedisUrl } from './redis-connection';

describe('redactRedisUrl', () => {
  it.each([
    ['redis://:s3cret@10.0.0.1:6379/2', 'redis://:***@10.0.0.1:6379/2'],
    ['rediss://app:s3cret@cache.example:6380', 'rediss://app:***@cache.example:6380'],
    ['redis://s3cret@cache.example', 'redis://***@cache.example'],
    ['redis://cache.example:6379?password=s3cret&db=1', 'redis://cache.example:6379?password=***&db=1'],
    ['redis://127.0.0.1:6379', 'redis://127.0.0.1:6379'],
    ['redis+cluster://h1:7000,h2:7001', 'redis+cluster://h1:7000,h2:7001'],
    ['unix:///var/lib/switchyard/redis.sock', 'unix:///var/lib/switchyard/redis.sock'],
  ])('shows %s as %s', (url, shown) => {
    expect(redactRedisUrl(url)).toBe(shown);
  });
});
