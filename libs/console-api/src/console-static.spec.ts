import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cacheControlOf, consoleFileOf, contentTypeOf, locateConsoleFiles } from './console-static';

describe('consoleFileOf', () => {
  const root = resolve('/srv/console');

  it('names index.html for the console itself and files by their path', () => {
    expect(consoleFileOf(root, '/_console/')).toEqual({
      kind: 'file',
      relative: 'index.html',
      absolute: join(root, 'index.html'),
    });
    expect(consoleFileOf(root, '/_console/assets/app-1a2b.js')).toMatchObject({
      relative: 'assets/app-1a2b.js',
      absolute: join(root, 'assets', 'app-1a2b.js'),
    });
    expect(consoleFileOf(root, '/_console/a%20b.txt')).toMatchObject({ relative: 'a b.txt' });
  });

  it('refuses every way out of the folder', () => {
    for (const path of [
      '/_console/../package.json',
      '/_console/assets/../../package.json',
      '/_console/%2e%2e/package.json',
      '/_console/%2E%2E%2Fpackage.json',
      '/_console/..%5cpackage.json',
      '/_console/a%00b',
      '/_console/%zz',
      '/_console/./index.html',
    ])
      expect(consoleFileOf(root, path)).toEqual({ kind: 'refused' });
  });
});

describe('content types and caching', () => {
  it('serves what browsers expect', () => {
    expect(contentTypeOf('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('assets/a.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('assets/a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('assets/a.SVG')).toBe('image/svg+xml');
    expect(contentTypeOf('assets/blob')).toBe('application/octet-stream');
    expect(cacheControlOf('assets/a.js')).toContain('immutable');
    expect(cacheControlOf('index.html')).toBe('no-cache');
  });
});

describe('locateConsoleFiles', () => {
  it('finds apps/console/dist above the library, as built or compiled', () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-files-'));
    try {
      mkdirSync(join(dir, 'dist', 'apps', 'console', 'dist'), { recursive: true });
      mkdirSync(join(dir, 'dist', 'libs', 'console-api', 'src'), { recursive: true });
      expect(locateConsoleFiles(join(dir, 'dist', 'libs', 'console-api', 'src'))).toBe(
        join(dir, 'dist', 'apps', 'console', 'dist'),
      );
      expect(locateConsoleFiles(__dirname)).toBe(resolve(__dirname, '../../../apps/console/dist'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
