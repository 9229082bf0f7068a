import { Injectable } from '@nestjs/common';
import type { Events } from '@switchyard/aws-wire';
import { checkReply, StoreError } from '@switchyard/redis';
import { EventStore } from './event-store';
import { named, namesInOrder } from './names-in-order';

/** The entity name of rule store errors (`StoreError.entity`); the detail is the rule's name. */
export const RULE = 'rule';

/** The most targets a rule may have (AWS's quota, which cannot be raised). */
export const MAX_TARGETS_PER_RULE = 5;

/** A rule's settings as stored. */
export interface StoredRule {
  readonly name: string;
  readonly state: Events.RuleState;
  readonly eventPattern?: string;
  readonly description?: string;
  readonly roleArn?: string;
  /** The account that created the rule. */
  readonly createdBy: string;
}

/** A rule with its targets, as the routing workers load a bus. */
export interface RuleWithTargets {
  readonly rule: StoredRule;
  readonly targets: readonly Events.Target[];
}

const FIELDS: Record<keyof StoredRule, string> = {
  name: 'name',
  state: 'state',
  eventPattern: 'pattern',
  description: 'description',
  roleArn: 'role',
  createdBy: 'created-by',
};

function encodeRule(rule: StoredRule): string[] {
  const pairs: string[] = [];
  for (const [key, field] of Object.entries(FIELDS)) {
    const value = rule[key as keyof StoredRule];
    if (value !== undefined) pairs.push(field, value);
  }
  return pairs;
}

function decodeRule(fields: Record<string, string>): StoredRule | undefined {
  if (fields.state === undefined) return undefined;
  const rule: Record<string, string> = {};
  for (const [key, field] of Object.entries(FIELDS))
    if (fields[field] !== undefined) rule[key] = fields[field];
  return rule as unknown as StoredRule;
}

/** The only code that talks to Redis about rules and their targets; each bus's keys share one slot. */
@Injectable()
export class RuleStore extends EventStore {
  /**
   * Creates a rule or replaces its settings (targets and tags stay; tags given are added); answers
   * whether it was created. StoreError LIMIT_EXCEEDED ('rules') for a new rule past the bus's quota.
   */
  async put(
    accountId: string,
    bus: string,
    rule: StoredRule,
    tags: Record<string, string>,
    maxRules: number,
  ): Promise<{ created: boolean }> {
    const b = this.keys.eventBus(accountId, bus);
    const r = this.keys.eventRule(accountId, bus, rule.name);
    const settings = encodeRule(rule);
    const reply = checkReply(
      RULE,
      await this.scripts.run<number>(
        'put-rule',
        [b.ruleNames, b.version, r.meta, r.tags],
        [rule.name, maxRules, settings.length / 2, ...settings, ...Object.entries(tags).flat()],
      ),
    );
    return { created: reply === 1 };
  }

  /** A rule; StoreError NOT_FOUND (detail: its name) when there is none. */
  async get(accountId: string, bus: string, name: string): Promise<StoredRule> {
    const rule = decodeRule(await this.redis.hgetall(this.keys.eventRule(accountId, bus, name).meta));
    if (!rule) throw new StoreError(RULE, 'NOT_FOUND', name);
    return rule;
  }

  /** Deletes a rule without targets; StoreError WRONG_STATE while it has some. No rule is no error. */
  async delete(accountId: string, bus: string, name: string): Promise<void> {
    const b = this.keys.eventBus(accountId, bus);
    const r = this.keys.eventRule(accountId, bus, name);
    const reply = await this.scripts.run<number>(
      'delete-rule',
      [b.ruleNames, b.version, r.meta, r.targets, r.tags],
      [name],
    );
    checkReply(RULE, named(reply, name));
  }

  /** Enables or disables a rule; StoreError NOT_FOUND when there is none. */
  async setState(accountId: string, bus: string, name: string, state: Events.RuleState): Promise<void> {
    const reply = await this.scripts.run<number>(
      'set-rule-state',
      [this.keys.eventBus(accountId, bus).version, this.keys.eventRule(accountId, bus, name).meta],
      [state],
    );
    checkReply(RULE, named(reply, name));
  }

  /** Up to `limit` rules in name order, starting with `prefix` and after `after`. */
  async list(
    accountId: string,
    bus: string,
    options: { prefix?: string; after?: string; limit: number },
  ): Promise<StoredRule[]> {
    const names = await namesInOrder(this.redis, this.keys.eventBus(accountId, bus).ruleNames, options);
    const rules = await Promise.all(
      names.map((name) => this.redis.hgetall(this.keys.eventRule(accountId, bus, name).meta)),
    );
    return rules.map(decodeRule).filter((r): r is StoredRule => r !== undefined);
  }

  /**
   * Adds targets or replaces those of the same ids: StoreError NOT_FOUND when there is no rule,
   * LIMIT_EXCEEDED ('targets') when it would have more than MAX_TARGETS_PER_RULE.
   */
  async putTargets(
    accountId: string,
    bus: string,
    name: string,
    targets: readonly Events.Target[],
  ): Promise<void> {
    const r = this.keys.eventRule(accountId, bus, name);
    const reply = await this.scripts.run<number | [number, string]>(
      'put-targets',
      [this.keys.eventBus(accountId, bus).version, r.meta, r.targets],
      [MAX_TARGETS_PER_RULE, ...targets.flatMap((t) => [t.Id, JSON.stringify(t)])],
    );
    checkReply(RULE, named(reply, name));
  }

  /** Removes targets; answers the ids the rule did not have. StoreError NOT_FOUND when there is no rule. */
  async removeTargets(
    accountId: string,
    bus: string,
    name: string,
    ids: readonly string[],
  ): Promise<string[]> {
    const r = this.keys.eventRule(accountId, bus, name);
    const reply = await this.scripts.run<number | [number, ...string[]]>(
      'remove-targets',
      [this.keys.eventBus(accountId, bus).version, r.meta, r.targets],
      ids,
    );
    checkReply(RULE, named(reply, name));
    return (reply as [number, ...string[]]).slice(1) as string[];
  }

  /** A rule's targets in id order; StoreError NOT_FOUND when there is no rule. */
  async targets(accountId: string, bus: string, name: string): Promise<Events.Target[]> {
    const r = this.keys.eventRule(accountId, bus, name);
    const [exists, targets] = await Promise.all([this.redis.exists(r.meta), this.redis.hgetall(r.targets)]);
    if (!exists) throw new StoreError(RULE, 'NOT_FOUND', name);
    return Object.keys(targets)
      .sort()
      .map((id) => JSON.parse(targets[id]) as Events.Target);
  }

  /** Adds or overwrites tags of a rule; StoreError NOT_FOUND when there is none. */
  async tag(accountId: string, bus: string, name: string, tags: Record<string, string>): Promise<void> {
    const r = this.keys.eventRule(accountId, bus, name);
    const reply = await this.scripts.run<number>('tag-rule', [r.meta, r.tags], Object.entries(tags).flat());
    checkReply(RULE, named(reply, name));
  }

  /** Removes tags of a rule; StoreError NOT_FOUND when there is none. */
  async untag(accountId: string, bus: string, name: string, keys: readonly string[]): Promise<void> {
    const r = this.keys.eventRule(accountId, bus, name);
    const reply = await this.scripts.run<number>('untag-rule', [r.meta, r.tags], keys);
    checkReply(RULE, named(reply, name));
  }

  /** A rule's tags; StoreError NOT_FOUND when there is no rule. */
  async tags(accountId: string, bus: string, name: string): Promise<Record<string, string>> {
    const r = this.keys.eventRule(accountId, bus, name);
    const [exists, tags] = await Promise.all([this.redis.exists(r.meta), this.redis.hgetall(r.tags)]);
    if (!exists) throw new StoreError(RULE, 'NOT_FOUND', name);
    return tags;
  }

  /** The bus's rule version: it changes whenever a rule or a target of the bus does. */
  version(accountId: string, bus: string): Promise<string | null> {
    return this.redis.get(this.keys.eventBus(accountId, bus).version);
  }

  /** Every rule of a bus with its targets, and the version they were read at (read before them). */
  async load(accountId: string, bus: string): Promise<{ version: string | null; rules: RuleWithTargets[] }> {
    const b = this.keys.eventBus(accountId, bus);
    const version = await this.redis.get(b.version);
    const names = await this.redis.zrange(b.ruleNames, 0, -1);
    const rules = await Promise.all(
      names.map(async (name): Promise<RuleWithTargets | undefined> => {
        const r = this.keys.eventRule(accountId, bus, name);
        const [meta, targets] = await Promise.all([
          this.redis.hgetall(r.meta),
          this.redis.hgetall(r.targets),
        ]);
        const rule = decodeRule(meta);
        return rule && { rule, targets: Object.values(targets).map((t) => JSON.parse(t) as Events.Target) };
      }),
    );
    return { version, rules: rules.filter((r): r is RuleWithTargets => r !== undefined) };
  }
}
