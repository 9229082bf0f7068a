import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RedisClient } from './redis-connection';

type ScriptArg = string | number | Buffer;

/**
 * Loads the Lua scripts of one store from a folder. A file `<command>-<numKeys>.lua` becomes the
 * command `<command>` taking `<numKeys>` keys; ioredis runs it by SHA and reloads it after a restart.
 * A line `-- @include <name>` pulls in the shared helper `lib/<name>.lua`.
 */
export class LuaScripts {
  private readonly numKeys = new Map<string, number>();

  constructor(
    private readonly client: RedisClient,
    folder: string,
  ) {
    for (const file of readdirSync(folder)) {
      const m = /^([a-z0-9-]+)-(\d+)\.lua$/.exec(file);
      if (!m) continue;
      const [, command, keys] = m;
      const name = this.commandName(command);
      const lua = this.expandIncludes(readFileSync(join(folder, file), 'utf8'), folder);
      client.defineCommand(name, { numberOfKeys: Number(keys), lua });
      this.numKeys.set(command, Number(keys));
    }
  }

  /** Replaces `-- @include <name>` lines with `lib/<name>.lua`, so scripts share helpers without copies. */
  private expandIncludes(lua: string, folder: string): string {
    return lua.replace(/^-- @include ([a-z0-9-]+)\s*$/gm, (_line, name: string) =>
      readFileSync(join(folder, 'lib', `${name}.lua`), 'utf8'),
    );
  }

  private commandName(command: string): string {
    return `sy_${command.replace(/-/g, '_')}`;
  }

  /** Runs a script atomically; the key count must match the script's file name. */
  run<T = unknown>(command: string, keys: readonly string[], args: readonly ScriptArg[]): Promise<T> {
    const expected = this.numKeys.get(command);
    if (expected === undefined) throw new Error(`no Lua script named ${command}`);
    if (expected !== keys.length) throw new Error(`Lua script ${command} takes ${expected} keys, got ${keys.length}`);
    return (this.client as any)[this.commandName(command)](...keys, ...args) as Promise<T>;
  }
}
