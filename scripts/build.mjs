#!/usr/bin/env node
// `npm run build` compiles every app and library once into dist/ (the layout of the sources, as
// CommonJS), for the image and any deployment that runs `node dist/apps/<app>/src/main.js` without
// compiling at start. SWC compiles each file as the tests and `npm start` do (decorators with their
// metadata, for Nest), and rewrites the `@switchyard/*` imports to relative paths from
// tsconfig.base.json. The Lua scripts go beside the stores that read them, and the gRPC protos
// (libs/proto) beside the module that loads them. Tests are left out. The web console's built files
// (apps/console/dist), when built, are copied to dist/apps/console/dist, where libs/console-api finds them.
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const swc = require('@swc/core');
const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
const out = join(root, 'dist');

/** Files under `dir`, recursively. */
function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

const isTest = (path) =>
  /\.(spec|e2e-spec|integration-spec)\.ts$/.test(path) || path.includes(`${join('', 'test-support')}`);

rmSync(out, { recursive: true, force: true });
let compiled = 0;
let copied = 0;
for (const group of ['apps', 'libs']) {
  for (const project of readdirSync(join(root, group))) {
    // The e2e suites are not shipped; the console is built by Vite (`npm run build:console`), not here.
    if (project === 'server-e2e' || project === 'console') continue;
    const src = join(root, group, project, 'src');
    for (const path of files(src)) {
      const target = join(out, relative(root, path));
      if (path.endsWith('.ts') && !path.endsWith('.d.ts') && !isTest(path)) {
        const { code } = await swc.transformFile(path, {
          jsc: {
            target: 'es2022',
            parser: { syntax: 'typescript', decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: true },
            baseUrl: root,
            paths: compilerOptions.paths,
          },
          module: { type: 'commonjs' },
          sourceMaps: false,
          swcrc: false,
        });
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target.replace(/\.ts$/, '.js'), code);
        compiled++;
      } else if (path.endsWith('.lua') || path.endsWith('.proto')) {
        mkdirSync(dirname(target), { recursive: true });
        copyFileSync(path, target);
        copied++;
      }
    }
  }
}
const consoleFiles = join(root, 'apps', 'console', 'dist');
const consoleBuilt = existsSync(join(consoleFiles, 'index.html'));
if (consoleBuilt) cpSync(consoleFiles, join(out, 'apps', 'console', 'dist'), { recursive: true });
console.log(
  `dist/: ${compiled} modules compiled, ${copied} Lua scripts and protos copied, ` +
    (consoleBuilt ? 'the built console copied' : 'no built console (npm run build:console) to copy'),
);
