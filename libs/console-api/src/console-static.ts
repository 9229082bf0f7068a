import { existsSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';

/** Where the console's built files live, relative to a folder holding `apps/console`. */
const BUILT_FOLDER = join('apps', 'console', 'dist');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The Content-Type a console file is served with. */
export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Files under `assets/` carry a content hash in their names: cached for a year. Everything else is revalidated. */
export function cacheControlOf(relativePath: string): string {
  return relativePath.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * The console's built files: the first folder up from `from` that holds `apps/console` (the
 * repository, or the compiled `dist/`, where `npm run build` copies the built console), its
 * `apps/console/dist`; failing that, the one beside the repository's root package.json.
 */
export function locateConsoleFiles(from: string = __dirname): string {
  let root: string | undefined;
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'apps', 'console'))) return join(dir, BUILT_FOLDER);
    if (root === undefined && existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'apps')))
      root = dir;
    if (dirname(dir) === dir) return join(root ?? resolve(from), BUILT_FOLDER);
  }
}

/** What a request path under `/_console/` asks for. */
export type ConsoleFileRequest =
  /** A file of the built console, by its path inside the folder (`/`-separated) and on disk. */
  | { readonly kind: 'file'; readonly relative: string; readonly absolute: string }
  /** A path that cannot name a file of the folder (`..`, a malformed escape, a NUL). */
  | { readonly kind: 'refused' };

/**
 * The file `/_console/<path>` names inside `root` (`index.html` for `/_console/`), refusing any path
 * that would leave it.
 */
export function consoleFileOf(root: string, urlPath: string): ConsoleFileRequest {
  const rest = urlPath.replace(/^\/_console\/?/, '');
  let decoded: string;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    return { kind: 'refused' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'refused' };
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return { kind: 'refused' };
  const relative = segments.filter((s) => s !== '').join('/') || 'index.html';
  const base = resolve(root);
  const absolute = resolve(base, relative);
  if (!absolute.startsWith(base + sep)) return { kind: 'refused' };
  return { kind: 'file', relative, absolute };
}
