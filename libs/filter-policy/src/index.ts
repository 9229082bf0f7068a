export { compileFilterPolicy } from './policy-compiler';
export { matchesFilterPolicy } from './policy-evaluator';
export { FilterPolicyIndex } from './filter-policy-index';
export { FilterPolicyError } from './filter-policy.error';
export type {
  CompiledFilterPolicy,
  Conjunction,
  FilterableMessage,
  FilterPolicyScope,
  MessageAttributeValue,
  Pattern,
  PolicyStep,
  Scalar,
} from './filter-policy.types';
