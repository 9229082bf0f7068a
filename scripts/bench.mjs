#!/usr/bin/env node
// `npm run bench -- <name> [args]` runs bench/<name>.bench.ts; without a name, every benchmark.
// Each benchmark prints one JSON document per result line on stdout.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const available = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();
const [name, ...rest] = process.argv.slice(2);
if (name && !available.includes(name)) {
  console.error(`unknown benchmark "${name}"; available: ${available.join(', ')}`);
  process.exit(2);
}
let failed = false;
for (const bench of name ? [name] : available) {
  const run = spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', join(root, 'bench', `${bench}.bench.ts`), ...rest],
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
