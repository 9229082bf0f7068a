import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVER_SETTINGS } from './server.config';

/** The rows of README.md's Configuration table: variable, default, meaning, as written. */
function readmeSettings(): { name: string; default: string; meaning: string }[] {
  const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Configuration\n'));
  if (!section) throw new Error('README.md has no Configuration section');
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [name, fallback, meaning] = line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim());
      return { name: name.replace(/`/g, ''), default: fallback, meaning };
    });
}

describe('the settings the server declares (what --help prints)', () => {
  it('are those of README.md Configuration table, in its order, meaning for meaning', () => {
    const readme = readmeSettings();
    expect(readme.map((s) => [s.name, s.meaning])).toEqual(SERVER_SETTINGS.map((s) => [s.name, s.meaning]));
    // The README also gives other apps' defaults where they differ: "`4566` (executor `4567`)".
    expect(readme.map((s, i) => s.default.slice(0, SERVER_SETTINGS[i].default.length))).toEqual(
      SERVER_SETTINGS.map((s) => s.default),
    );
  });
});
