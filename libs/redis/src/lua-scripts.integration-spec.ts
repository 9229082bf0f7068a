import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LuaScripts } from './lua-scripts';
import { checkReply, StoreCode, StoreError } from './store-error';
import { connectRedis, type RedisClient } from './redis-connection';

const url = process.env.REDIS_URL;

describe('LuaScripts against Redis', () => {
  let redis: RedisClient;
  let folder: string;
  let scripts: LuaScripts;
  // A marker unique to this run keeps the scripts' SHAs unknown to the server, so the first call of
  // each takes the NOSCRIPT path.
  const marker = randomUUID();
  const key = `lua-scripts-test:${marker}`;

  beforeAll(() => {
    if (!url) throw new Error('REDIS_URL is not set: run with `npm test`');
    redis = connectRedis(url);
    folder = mkdtempSync(join(tmpdir(), 'lua-scripts-'));
    mkdirSync(join(folder, 'lib'));
    writeFileSync(join(folder, 'lib', 'twice.lua'), 'local function twice(s) return s .. s end\n');
    writeFileSync(
      join(folder, 'echo-1.lua'),
      `-- ${marker}\n-- @include twice\nredis.call('SET', KEYS[1], twice(ARGV[1]))\nreturn {ARGV[1], '', 7, twice(ARGV[2]), redis.call('GET', KEYS[1])}\n`,
    );
    writeFileSync(join(folder, 'count-0.lua'), `-- ${marker}\nreturn #ARGV\n`);
    writeFileSync(
      join(folder, 'refuse-0.lua'),
      `-- ${marker}\nif ARGV[1] == 'detail' then return {E.EXISTS, 'Policy'} end\nreturn E[ARGV[1]]\n`,
    );
    writeFileSync(join(folder, 'README.md'), 'not a script');
    scripts = new LuaScripts(redis, folder);
  });
  afterAll(async () => {
    await redis.del(key);
    await redis.quit();
    rmSync(folder, { recursive: true, force: true });
  });

  it('runs a script the server has not seen, then by SHA, replying with strings and integers', async () => {
    const expected = ['a', '', 7, 'bcbc', 'aa'];
    expect(await scripts.run('echo', [key], ['a', 'bc'])).toEqual(expected);
    expect(await scripts.run('echo', [key], ['a', 'bc'])).toEqual(expected);
  });

  it('sends numbers as their decimal strings', async () => {
    expect(await scripts.run('echo', [key], [1.5, 20])).toEqual(['1.5', '', 7, '2020', '1.51.5']);
  });

  it('hands over long argument lists whole', async () => {
    const args = Array.from({ length: 500 }, (_, i) => i);
    expect(await scripts.run('count', [], args)).toBe(500);
  });

  it('refuses unknown scripts and the wrong number of keys', async () => {
    await expect(scripts.run('missing', [], [])).rejects.toThrow('no Lua script named missing');
    await expect(scripts.run('echo', [], ['a', 'b'])).rejects.toThrow('takes 1 keys, got 0');
  });

  it('gives every script the store codes, which checkReply turns into StoreErrors', async () => {
    for (const [name, code] of Object.entries(StoreCode)) {
      expect(await scripts.run('refuse', [], [name])).toBe(code);
    }
    await expect(
      scripts.run('refuse', [], ['NOT_FOUND']).then((r) => checkReply('queue', r)),
    ).rejects.toEqual(new StoreError('queue', 'NOT_FOUND'));
    const refused = await scripts.run('refuse', [], ['detail']).catch((e) => e);
    expect(() => checkReply('queue', refused)).toThrow(new StoreError('queue', 'EXISTS', 'Policy'));
    expect(checkReply('queue', [3, 'x'])).toEqual([3, 'x']);
  });

  it('passes script errors through', async () => {
    await expect(scripts.run('echo', [key], [])).rejects.toThrow(/attempt to concatenate|ERR/);
  });
});
