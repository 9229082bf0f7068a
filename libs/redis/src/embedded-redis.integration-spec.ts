import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type EmbeddedRedis, startEmbeddedRedis } from './embedded-redis';
import { connectRedis, type RedisClient } from './redis-connection';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns true, for at most `timeoutMs`. */
async function until(check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not so within ${timeoutMs} ms`);
    await sleep(50);
  }
}

describe('the embedded redis-server', () => {
  const folders: string[] = [];
  const servers: EmbeddedRedis[] = [];
  const clients: RedisClient[] = [];
  const logged: { line: string; level: string }[] = [];

  const dataDir = (suffix = 'data') => {
    const parent = mkdtempSync(join(tmpdir(), 'sy-embedded-'));
    folders.push(parent);
    return join(parent, suffix);
  };
  const start = async (dir: string, options: { maxRestarts?: number } = {}) => {
    const server = await startEmbeddedRedis({
      dataDir: dir,
      appendFsync: 'always',
      log: (line, level) => logged.push({ line, level }),
      ...options,
    });
    servers.push(server);
    return server;
  };
  const connect = (url: string) => {
    const client = connectRedis(url);
    clients.push(client);
    return client;
  };

  afterEach(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    for (const s of servers.splice(0).reverse()) await s.stop();
    for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
    logged.length = 0;
  });

  it('listens on a Unix socket only, in a data folder only its user may enter', async () => {
    const dir = dataDir();
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const server = await start(dir);
    expect(server.url).toBe(`unix://${join(dir, 'redis.sock')}`);
    expect(server.owned).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(await connect(server.url).config('GET', 'port')).toEqual(['port', '0']);
  });

  it('puts the socket in a private folder under the temp dir when the data folder path is too long for one', async () => {
    const dir = dataDir('d'.repeat(120));
    const server = await start(dir);
    expect(dirname(server.socket)).not.toBe(dir);
    const folder = statSync(dirname(server.socket));
    expect(folder.mode & 0o777).toBe(0o700);
    expect(folder.uid).toBe(process.getuid?.());
    const client = connect(server.url);
    expect(await client.config('GET', 'port')).toEqual(['port', '0']);
    expect(await client.config('GET', 'dir')).toEqual(['dir', dir]);
  });

  it('adopts the server already serving its folder, and leaves it running for its owner', async () => {
    const dir = dataDir();
    const owner = await start(dir);
    const adopter = await start(dir);
    expect(adopter.owned).toBe(false);
    expect(adopter.url).toBe(owner.url);
    expect(adopter.pid).toBe(owner.pid);
    await adopter.stop();
    expect(await connect(owner.url).ping()).toBe('PONG');
  });

  it('restarts a server that went away on the same folder, which keeps what it stored', async () => {
    const server = await start(dataDir());
    const client = connect(server.url);
    await client.set('kept', 'yes');
    const first = server.pid!;
    process.kill(first, 'SIGKILL');
    await until(async () => server.pid !== undefined && server.pid !== first && server.owned);
    await until(async () => (await client.get('kept').catch(() => undefined)) === 'yes');
    expect(server.failure).toBeUndefined();
    expect(logged.map((l) => l.line)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /redis-server \(pid \d+\) was killed by SIGKILL; restarting it on .* in 250 ms/,
        ),
        expect.stringMatching(/^restarted the embedded redis-server \(pid \d+\)/),
      ]),
    );
  });

  it('gives up after its restarts in a row fail, and says why', async () => {
    const dir = dataDir();
    const server = await start(dir, { maxRestarts: 2 });
    // A server that cannot read its AOF exits at once, every time.
    writeFileSync(join(dir, 'appendonlydir', 'appendonly.aof.manifest'), 'not a manifest\n');
    process.kill(server.pid!, 'SIGKILL');
    await until(() => server.failure !== undefined);
    expect(server.failure).toMatch(/could not be restarted .*Invalid AOF manifest.*gave up after 2 restarts/);
    expect(logged.filter((l) => l.level === 'error')).toHaveLength(1);
  });
});
