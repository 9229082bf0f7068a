import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { useTestServer } from './test-support/test-server';

const ROOT = join(__dirname, '..', '..', '..');
const SCRIPTS = ['sqs', 'sns-fanout', 'sfn-standard', 'sfn-express'];

/**
 * The k6 load scripts (load/k6/), each run for two seconds under the Node adapter that stands in for
 * the k6 binary: a script that breaks, or whose requests fail or checks do not hold, is caught. Its
 * timing thresholds are k6's business on real load runs, not this test's (a shared CI machine's
 * timings say nothing).
 */
describe('k6 load scripts', () => {
  const env = useTestServer();

  it.each(SCRIPTS)('%s runs, every request answered and every check holding', async (name) => {
    // Run apart (the server answers in this process, so the test must not block on it).
    const run = await new Promise<{ status: number; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        [join(ROOT, 'load/k6/adapter/run.mjs'), join(ROOT, 'load/k6', `${name}.js`), '--duration', '2s'],
        { cwd: ROOT, env: { ...process.env, SWITCHYARD_ENDPOINT: env.server.url }, timeout: 60_000 },
        (error, stdout) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout }),
      );
    });
    // 0: every threshold held; 99: a timing threshold did not (as k6 exits); anything else: the script broke.
    expect([0, 99]).toContain(run.status);
    const summary = JSON.parse(run.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    expect(summary.iterations).toBeGreaterThan(0);
    expect(summary.http_req_failed).toBe(0);
    expect(summary.checks).toBe(1);
  });
});
