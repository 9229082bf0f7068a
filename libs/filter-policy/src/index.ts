export { compileFilterPolicy } from './policy-compiler';
export { matchesFilterPolicy } from './policy-evaluator';
export { FilterPolicyIndex } from './filter-policy-index';
export { FilterPolicyError } from './filter-policy.error';
export type { CompiledFilterPolicy, FilterableMessage, FilterPolicyScope } from './filter-policy.types';
