#!/usr/bin/env node
// `npm test`: every unit, integration and e2e test. Starts a private redis-server on a free port
// when REDIS_URL is unset, runs Jest, and closes with one plain "tests: N passed, N failed" line.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function startPrivateRedis() {
  if (spawnSync('redis-server', ['--version']).error) {
    console.error(
      'redis-server is not installed: install Redis 7 (apt-get install -y redis-server) or set REDIS_URL.',
    );
    process.exit(1);
  }
  const port = await freePort();
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100; i++) {
    const ping = spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' });
    if (ping.stdout?.trim() === 'PONG') return { child, url: `redis://127.0.0.1:${port}` };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`private redis-server did not start on port ${port}`);
}

let redis;
if (!process.env.REDIS_URL) {
  redis = await startPrivateRedis();
  process.env.REDIS_URL = redis.url;
  console.log(`tests use a private redis-server at ${redis.url}`);
}

const outDir = join(root, 'tmp');
mkdirSync(outDir, { recursive: true });
const resultFile = join(outDir, 'jest-results.json');
rmSync(resultFile, { force: true });

const jestBin = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const jest = spawn(
  process.execPath,
  [jestBin, '--json', `--outputFile=${resultFile}`, ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: process.env,
  },
);
// Jest writes its results when the run ends, then exits once nothing keeps Node alive. A test that
// leaves a handle open (a socket, a timer, a child) would keep it from exiting: fail loudly instead of
// hanging CI until its time limit.
const EXIT_GRACE_MS = 15_000;
let leaked = false;
const leakWatch = setInterval(() => {
  if (!existsSync(resultFile)) return;
  clearInterval(leakWatch);
  setTimeout(() => {
    leaked = true;
    console.error(
      `\nJest did not exit ${EXIT_GRACE_MS / 1000} s after the tests ended: a test left a handle open. ` +
        'Find it with `npm test -- --detectOpenHandles`.',
    );
    jest.kill('SIGKILL');
  }, EXIT_GRACE_MS).unref();
}, 500);
const code = await new Promise((resolve) => jest.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
clearInterval(leakWatch);
redis?.child.kill('SIGTERM');

try {
  const r = JSON.parse(readFileSync(resultFile, 'utf8'));
  const failed = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0) + (leaked ? 1 : 0);
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(
    `\ntests: ${r.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`,
  );
} catch {
  console.log('\ntests: 0 passed, 1 failed');
}
process.exit(leaked ? 1 : code);
