// A redis-server of the SQS bench's own, listening on loopback TCP only, with the durability the
// embedded server has (AOF, appendfsync everysec unless told otherwise, no RDB snapshots,
// noeviction, AOF rewrite at 1 GiB), so that Switchyard on it compares fairly with Switchyard on its
// embedded server over a Unix socket. The machine's own Redis (6379) keeps nothing on disk and is
// not used. Runs as a child of the bench (preloaded with exit-with-parent.cjs, so it stops its
// redis-server when the bench goes away); prints {"port":N,"redisPid":P} on stdout once Redis answers.
// Usage: node -r @swc-node/register bench/sqs/redis-tcp.server.ts <data dir> [everysec|always]
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { type AppendFsync, durableRedisArgs, freePort } from '@switchyard/redis';

async function main(): Promise<void> {
  const [dir, fsync = 'everysec'] = process.argv.slice(2) as [string, AppendFsync | undefined];
  if (!dir) throw new Error('usage: redis-tcp.server.ts <data dir> [everysec|always]');
  mkdirSync(dir, { recursive: true });
  const port = await freePort();

  const redis = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      ...durableRedisArgs(fsync),
      '--logfile',
      join(dir, 'redis.log'),
    ],
    { stdio: 'ignore' },
  );
  let stopping = false;
  redis.once('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`redis-server exited on its own (code ${code}, signal ${signal})\n`);
    process.exit(stopping ? 0 : 1);
  });

  /** Whether Redis answers PING on the port yet. */
  const pong = () =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.setTimeout(500, () => socket.destroy());
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (d) => {
        socket.destroy();
        resolve(d.toString().startsWith('+PONG'));
      });
      socket.once('error', () => resolve(false));
      socket.once('close', () => resolve(false));
    });

  for (let i = 0; ; i++) {
    if (await pong()) break;
    if (i > 200) {
      process.stderr.write(`redis-server did not answer on port ${port}\n`);
      redis.kill('SIGKILL');
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  process.stdout.write(`${JSON.stringify({ port, redisPid: redis.pid })}\n`);

  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.once(signal, () => {
      stopping = true;
      redis.kill('SIGTERM');
    });
  }
}

void main();
