import { CompiledJsonata } from '../jsonata/jsonata-expression';
import { CompiledPath } from '../jsonpath/json-path.types';

/** The comparison families of a data-test rule. */
export type ComparisonKind = 'String' | 'Numeric' | 'Boolean' | 'Timestamp';

/** A compiled boolean expression of a Choice rule. */
export type ChoiceCondition =
  | { readonly kind: 'and'; readonly rules: readonly ChoiceCondition[] }
  | { readonly kind: 'or'; readonly rules: readonly ChoiceCondition[] }
  | { readonly kind: 'not'; readonly rule: ChoiceCondition }
  | {
      readonly kind: 'compare';
      readonly variable: CompiledPath;
      readonly operator: string;
      readonly family: ComparisonKind;
      readonly relation: 'Equals' | 'LessThan' | 'GreaterThan' | 'LessThanEquals' | 'GreaterThanEquals';
      readonly operand: { readonly literal: unknown } | { readonly path: CompiledPath };
    }
  | { readonly kind: 'matches'; readonly variable: CompiledPath; readonly pattern: RegExp }
  | {
      readonly kind: 'type-test';
      readonly variable: CompiledPath;
      readonly test: 'IsNull' | 'IsPresent' | 'IsNumeric' | 'IsString' | 'IsBoolean' | 'IsTimestamp';
      readonly expected: boolean;
    }
  | { readonly kind: 'jsonata'; readonly condition: CompiledJsonata };
