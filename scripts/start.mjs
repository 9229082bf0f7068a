#!/usr/bin/env node
// `npm start` runs apps/server (or the app named as the first argument) from source with SWC,
// replacing this process so signals reach the app directly.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const app = process.argv[2] ?? 'server';
const main = join(root, 'apps', app, 'src', 'main.ts');
if (!existsSync(main)) {
  console.error(`no app named "${app}" (expected ${main})`);
  process.exit(2);
}
const child = spawn(process.execPath, ['-r', '@swc-node/register', main, ...process.argv.slice(3)], {
  cwd: root,
  stdio: 'inherit',
  env: { NODE_ENV: 'production', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
