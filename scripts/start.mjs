#!/usr/bin/env node
// `npm start` runs apps/server (or the app named as the first argument) from source with SWC, passing
// on the remaining arguments (`--help`, `--version`) and signals.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `node scripts/start.mjs --help` is about the default app.
const named = process.argv[2] !== undefined && !process.argv[2].startsWith('-');
const app = named ? process.argv[2] : 'server';
const main = join(root, 'apps', app, 'src', 'main.ts');
if (!existsSync(main)) {
  console.error(`no app named "${app}" (expected ${main})`);
  process.exit(2);
}
const child = spawn(
  process.execPath,
  ['-r', '@swc-node/register', main, ...process.argv.slice(named ? 3 : 2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: { NODE_ENV: 'production', ...process.env },
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
