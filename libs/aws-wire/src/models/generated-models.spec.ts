import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('generated AWS models', () => {
  it('are exactly what scripts/generate-models.mjs writes from the pinned SDK packages', () => {
    const root = join(__dirname, '../../../..');
    const run = spawnSync(process.execPath, [join(root, 'scripts/generate-models.mjs'), '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.stderr.split('\n').filter((l) => l.includes('is not what'))).toEqual([]);
    expect(run.status).toBe(0);
  }, 60_000);
});
