import type { CompiledFilterPolicy, Conjunction, FilterableMessage, PolicyStep } from './filter-policy.types';
import { attributeFields, bodyFields, parseBody, type MessageFields } from './message-fields';
import { valueMatches } from './pattern-match';

function stepHolds(step: PolicyStep, fields: MessageFields): boolean {
  const values = fields.get(step.path);
  if (!values) return step.patterns.some((p) => p.kind === 'exists' && !p.value);
  return step.patterns.some((pattern) => values.some((value) => valueMatches(pattern, value)));
}

function conjunctionHolds(conjunction: Conjunction, fields: MessageFields): boolean {
  return conjunction.every((step) => stepHolds(step, fields));
}

/** The fields a policy of the given scope sees in a message. */
export function fieldsFor(policy: CompiledFilterPolicy, message: FilterableMessage): MessageFields {
  return policy.scope === 'MessageAttributes'
    ? attributeFields(message.attributes)
    : bodyFields(parseBody(message.body));
}

/**
 * Whether one compiled policy accepts a message, checking the policy on its own. The
 * `FilterPolicyIndex` gives the same answers for many policies at once.
 */
export function matchesFilterPolicy(policy: CompiledFilterPolicy, message: FilterableMessage): boolean {
  const fields = fieldsFor(policy, message);
  return policy.conjunctions.some((conjunction) => conjunctionHolds(conjunction, fields));
}
