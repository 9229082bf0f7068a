import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * One environment setting as a config module declares it for `--help` (and as README.md's
 * Configuration table shows it). `default` and `meaning` are Markdown: `code` in backticks.
 */
export interface SettingDoc {
  readonly name: string;
  readonly default: string;
  readonly meaning: string;
}

/** What `--help` says about an app. */
export interface AppUsage {
  /** The app's folder under apps/ (`server`). */
  readonly name: string;
  /** What it runs, one line. */
  readonly description: string;
  readonly settings: readonly SettingDoc[];
}

const plain = (markdown: string) => markdown.replace(/`/g, '');

/** The `npm` command that starts an app (package.json names them after the app). */
function npmCommand(app: string): string {
  return app === 'server' ? 'npm start --' : `npm run start:${app} --`;
}

/** The text `--help` prints: how to start the app, what it runs, and every setting it reads. */
export function formatUsage(app: AppUsage): string {
  const width = Math.max(...app.settings.map((s) => s.name.length)) + 2;
  const lines = [
    `Switchyard ${productVersion()}, ${app.name}: ${app.description}`,
    '',
    `Usage: ${npmCommand(app.name)} [--help | --version]`,
    `       node scripts/start.mjs ${app.name} [--help | --version]`,
    '',
    'Settings, read from the environment at boot (a bad value stops the process):',
    '',
    ...app.settings.flatMap((s) => [
      `  ${s.name.padEnd(width)}default: ${plain(s.default)}`,
      `      ${plain(s.meaning)}`,
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

/** Switchyard's version: that of the workspace's root package.json (the nearest above with workspaces). */
export function productVersion(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { version?: string; workspaces?: unknown };
      if (pkg.workspaces && pkg.version) return pkg.version;
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}
