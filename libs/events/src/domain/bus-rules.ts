import { Injectable, Logger } from '@nestjs/common';
import type { Events } from '@switchyard/aws-wire';
import { type CompiledEventPattern, compileEventPattern } from '../pattern';
import { RuleStore, type StoredRule } from '../store/rule.store';

/** A rule as the routing workers match it: enabled ones only, their pattern compiled. */
export interface ActiveRule {
  readonly rule: StoredRule;
  readonly pattern: CompiledEventPattern;
  readonly targets: readonly Events.Target[];
}

interface CachedBus {
  readonly version: string | null;
  readonly rules: readonly ActiveRule[];
  /** When the version was last found unchanged (ms, monotonic). */
  checked: number;
}

/**
 * The enabled rules of each bus, compiled, kept until the bus's rule version changes: one GET per
 * bus and batch of events, a reload only after a rule or target changed.
 */
@Injectable()
export class BusRules {
  private readonly log = new Logger(BusRules.name);
  private readonly buses = new Map<string, CachedBus>();

  constructor(private readonly store: RuleStore) {}

  /**
   * The bus's enabled rules; `maxAgeMs` trusts a version checked that recently (a rule change is then
   * seen that much later), so a frequent caller costs no round trip.
   */
  async of(accountId: string, bus: string, maxAgeMs = 0): Promise<readonly ActiveRule[]> {
    const key = `${accountId}\n${bus}`;
    const cached = this.buses.get(key);
    if (cached && performance.now() - cached.checked < maxAgeMs) return cached.rules;
    if (cached && cached.version === (await this.store.version(accountId, bus))) {
      cached.checked = performance.now();
      return cached.rules;
    }
    const loaded = await this.store.load(accountId, bus);
    const rules: ActiveRule[] = [];
    for (const { rule, targets } of loaded.rules) {
      if (rule.state === 'DISABLED' || rule.eventPattern === undefined || targets.length === 0) continue;
      try {
        rules.push({ rule, pattern: compileEventPattern(rule.eventPattern), targets });
      } catch (error) {
        this.log.warn(
          `rule ${rule.name} of ${accountId} skipped, its pattern no longer compiles: ${(error as Error).message}`,
        );
      }
    }
    this.buses.set(key, { version: loaded.version, rules, checked: performance.now() });
    return rules;
  }
}
