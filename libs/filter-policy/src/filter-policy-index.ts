import type { CompiledFilterPolicy, FilterableMessage } from './filter-policy.types';
import { parseBody } from './message-fields';
import { PolicyAutomaton } from './policy-automaton';

/**
 * The filter policies of one topic's subscriptions, answering "who receives this message"
 * in one pass over the message. Subscriptions without a filter policy are not stored here;
 * the caller delivers to them unconditionally.
 */
export class FilterPolicyIndex {
  private readonly policies = new Map<string, CompiledFilterPolicy>();
  private readonly attributeAutomaton = new PolicyAutomaton();
  private readonly bodyAutomaton = new PolicyAutomaton();

  /** The number of subscriptions stored. */
  get size(): number {
    return this.policies.size;
  }

  /** Stores (or replaces) a subscription's compiled policy. */
  add(subscriptionId: string, policy: CompiledFilterPolicy): void {
    this.remove(subscriptionId);
    this.policies.set(subscriptionId, policy);
    this.automatonFor(policy).add(subscriptionId, policy.conjunctions);
  }

  /** Forgets a subscription; returns whether it was stored. */
  remove(subscriptionId: string): boolean {
    const policy = this.policies.get(subscriptionId);
    if (!policy) return false;
    this.policies.delete(subscriptionId);
    this.automatonFor(policy).remove(subscriptionId, policy.conjunctions);
    return true;
  }

  /** The ids of the stored subscriptions whose policy accepts the message, in no set order. */
  match(message: FilterableMessage): string[] {
    const matched: string[] = [];
    if (!this.attributeAutomaton.isEmpty)
      this.attributeAutomaton.matchAttributes(message.attributes, matched);
    if (!this.bodyAutomaton.isEmpty) this.bodyAutomaton.matchBody(parseBody(message.body), matched);
    return matched;
  }

  private automatonFor(policy: CompiledFilterPolicy): PolicyAutomaton {
    return policy.scope === 'MessageAttributes' ? this.attributeAutomaton : this.bodyAutomaton;
  }
}
