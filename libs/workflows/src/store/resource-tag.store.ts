import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { checkReply, LuaScripts, REDIS_CLIENT, type RedisClient, RedisKeys } from '@switchyard/redis';
import type { StateMachineRef } from '../domain/state-machine-ref';
import { STATE_MACHINE } from '../errors/sfn-errors';
import { MAX_TAGS } from './state-machine.store';

/** What carries tags: a state machine or an activity. */
export interface TaggedResource {
  readonly type: 'stateMachine' | 'activity';
  readonly ref: StateMachineRef;
}

/** The tags of state machines and activities: the only code that talks to Redis about them. */
@Injectable()
export class ResourceTagStore {
  private readonly scripts: LuaScripts;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {
    this.scripts = new LuaScripts(redis, join(__dirname, 'lua'));
  }

  private keysOf(resource: TaggedResource): { meta: string; tags: string } {
    const { accountId, name } = resource.ref;
    return resource.type === 'activity'
      ? this.keys.activity(accountId, name)
      : this.keys.stateMachine(accountId, name);
  }

  /** The resource's tags; StoreError NOT_FOUND when there is no such resource. */
  async tags(resource: TaggedResource): Promise<Record<string, string>> {
    const k = this.keysOf(resource);
    const [exists, tags] = await Promise.all([this.redis.exists(k.meta), this.redis.hgetall(k.tags)]);
    checkReply(STATE_MACHINE, exists ? 1 : -1);
    return tags;
  }

  /** Adds or replaces tags; StoreError NOT_FOUND, or LIMIT_EXCEEDED past 50 tags. */
  async tag(resource: TaggedResource, tags: Record<string, string>): Promise<void> {
    const k = this.keysOf(resource);
    checkReply(
      STATE_MACHINE,
      await this.scripts.run<number>(
        'tag-resource',
        [k.meta, k.tags],
        [MAX_TAGS, ...Object.entries(tags).flat()],
      ),
    );
  }

  async untag(resource: TaggedResource, keys: readonly string[]): Promise<void> {
    const k = this.keysOf(resource);
    checkReply(STATE_MACHINE, await this.scripts.run<number>('untag-resource', [k.meta, k.tags], keys));
  }
}
