import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'ioredis';
import type { RedisClient } from './redis-connection';
import { luaStoreCodes } from './store-error';

export type ScriptArg = string | number;

interface LoadedScript {
  readonly lua: string;
  readonly sha: string;
  readonly keyCount: number;
}

/**
 * An EVALSHA (or EVAL) whose argument list is handed over as built. ioredis's own command constructor
 * copies and flattens every argument list, which costs more than the rest of a 100-argument call;
 * the list here is already flat and all strings. Replies come back as strings, as from any other command.
 */
class ScriptCommand extends Command {
  constructor(name: 'evalsha' | 'eval', args: string[]) {
    super(name, [], { replyEncoding: 'utf8' });
    this.args = args;
  }
}

/**
 * Loads the Lua scripts of one store from a folder. A file `<command>-<numKeys>.lua` becomes the
 * command `<command>` taking `<numKeys>` keys; it runs by SHA, and a server that does not know the
 * script (first use, or after a restart without persistence) gets the source once, which caches it.
 * A line `-- @include <name>` pulls in the helper `lib/<name>.lua` of the store's folder or, failing
 * that, the one every store shares in `libs/redis/src/lua-lib/<name>.lua`. Every script starts with the
 * table `E` of store codes (`store-error.ts`), so a script says `return E.NOT_FOUND`, never a bare number.
 */
/** Lua helpers every store may include. */
const SHARED_LUA_LIB = join(__dirname, 'lua-lib');

export class LuaScripts {
  private readonly scripts = new Map<string, LoadedScript>();

  constructor(
    private readonly client: RedisClient,
    folder: string,
  ) {
    for (const file of readdirSync(folder)) {
      const m = /^([a-z0-9-]+)-(\d+)\.lua$/.exec(file);
      if (!m) continue;
      const [, command, keys] = m;
      const lua = luaStoreCodes() + this.expandIncludes(readFileSync(join(folder, file), 'utf8'), folder);
      this.scripts.set(command, {
        lua,
        sha: createHash('sha1').update(lua).digest('hex'),
        keyCount: Number(keys),
      });
    }
  }

  /** Replaces `-- @include <name>` lines with the helper's text, so scripts share helpers without copies. */
  private expandIncludes(lua: string, folder: string): string {
    return lua.replace(/^-- @include ([a-z0-9-]+)\s*$/gm, (_line, name: string) => {
      const own = join(folder, 'lib', `${name}.lua`);
      return readFileSync(existsSync(own) ? own : join(SHARED_LUA_LIB, `${name}.lua`), 'utf8');
    });
  }

  /** Runs a script atomically; the key count must match the script's file name. */
  async run<T = unknown>(command: string, keys: readonly string[], args: readonly ScriptArg[]): Promise<T> {
    const script = this.scripts.get(command);
    if (script === undefined) throw new Error(`no Lua script named ${command}`);
    if (script.keyCount !== keys.length)
      throw new Error(`Lua script ${command} takes ${script.keyCount} keys, got ${keys.length}`);
    const list = new Array<string>(2 + keys.length + args.length);
    list[0] = script.sha;
    list[1] = String(keys.length);
    let n = 2;
    for (let i = 0; i < keys.length; i++) list[n++] = keys[i];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      list[n++] = typeof arg === 'string' ? arg : String(arg);
    }
    try {
      return (await this.client.sendCommand(new ScriptCommand('evalsha', list))) as T;
    } catch (e) {
      if (!(e instanceof Error) || !e.message.startsWith('NOSCRIPT')) throw e;
      list[0] = script.lua;
      return (await this.client.sendCommand(new ScriptCommand('eval', list))) as T;
    }
  }
}

/**
 * A hash's fields as a script takes them: their count, then name, value, name, value, … (what
 * `[pairs.length, ...Object.entries(fields).flat()]` gives, at a tenth of its cost on a hot path).
 */
export function countedFields(fields: Readonly<Record<string, string>>): ScriptArg[] {
  const names = Object.keys(fields);
  const args: ScriptArg[] = [names.length];
  for (const name of names) args.push(name, fields[name]);
  return args;
}
