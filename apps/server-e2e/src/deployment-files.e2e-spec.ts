import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, testRedisUrl } from './test-support/test-server';

const ROOT = join(__dirname, '..', '..', '..');
const DOCKER_COMPOSE = '/usr/bin/docker-compose';
const APPS = ['server', 'queue-gateway', 'topic-gateway', 'orchestration-gateway', 'executor'];

/**
 * The deployment files: docker-compose.yml is valid (no Docker daemon runs here, so `docker-compose
 * config` is the check), and what the image runs — the apps compiled once by `npm run build` — starts
 * and answers.
 */
describe('deployment files', () => {
  it('docker-compose.yml is valid: Redis with a healthcheck and an AOF volume, each gateway, two executors, the edge on 4566', () => {
    if (!existsSync(DOCKER_COMPOSE))
      throw new Error(`${DOCKER_COMPOSE} is missing: apt-get install -y docker-compose`);
    const config = execFileSync(DOCKER_COMPOSE, ['-f', join(ROOT, 'docker-compose.yml'), 'config'], {
      encoding: 'utf8',
    });
    const services = execFileSync(
      DOCKER_COMPOSE,
      ['-f', join(ROOT, 'docker-compose.yml'), 'config', '--services'],
      {
        encoding: 'utf8',
      },
    )
      .trim()
      .split('\n')
      .sort();
    expect(services).toEqual([
      'edge',
      'executor',
      'orchestration-gateway',
      'queue-gateway',
      'redis',
      'topic-gateway',
    ]);
    expect(config).toContain('--appendonly');
    expect(config).toMatch(/healthcheck:\s+interval: 5s/);
    expect(config).toMatch(/replicas: 2/);
    expect(config).toMatch(/published: ["']?4566/);
    expect(config).toContain('REDIS_URL: redis://redis:6379');
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM .* AS build$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
  });

  describe('the apps compiled once (npm run build)', () => {
    beforeAll(() => {
      const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      if (build.status !== 0) throw new Error(`npm run build failed: ${build.stderr}`);
    }, 120_000);

    it.each(APPS)('%s answers --version from dist/', (app) => {
      const out = execFileSync(process.execPath, [join(ROOT, 'dist/apps', app, 'src/main.js'), '--version'], {
        encoding: 'utf8',
      });
      expect(out.trim()).toMatch(/^switchyard \d+\.\d+\.\d+$/);
    });

    it('the compiled server serves the AWS APIs, its Lua scripts beside it', async () => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const built = spawn(process.execPath, [join(ROOT, 'dist/apps/server/src/main.js')], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          PORT: String(port),
          SWITCHYARD_TLS_PORT: '0',
          SWITCHYARD_GRPC_PORT: '0',
          HOST: '127.0.0.1',
          REDIS_URL: testRedisUrl(),
          SWITCHYARD_KEY_PREFIX: `built${port}`,
        },
        stdio: 'ignore',
      });
      try {
        const deadline = Date.now() + 30_000;
        for (;;) {
          const ready = await fetch(`${url}/health/ready`).then(
            (r) => r.ok,
            () => false,
          );
          if (ready) break;
          if (Date.now() > deadline) throw new Error('the compiled server did not become ready');
          await new Promise((r) => setTimeout(r, 100));
        }
        const created = await fetch(url, {
          method: 'POST',
          headers: { 'x-amz-target': 'AmazonSQS.CreateQueue', 'content-type': 'application/x-amz-json-1.0' },
          body: JSON.stringify({ QueueName: 'built' }),
        });
        expect(await created.json()).toEqual({ QueueUrl: `http://localhost:${port}/000000000000/built` });
      } finally {
        built.kill('SIGTERM');
      }
    }, 60_000);
  });
});
