import {
  ChoiceRuleError,
  COMPARISON_OPERATORS,
  compileChoiceCondition,
} from '../choice/choice-rule.compiler';
import { QueryLanguage } from '../definition/compiled.types';
import { isJsonObject, JsonObject } from '../json/json.types';
import { isJsonataString } from '../jsonata/jsonata-expression';
import { checkAssign, checkJsonata, checkJsonataExpression } from './field-checks';
import { target, ValidationContext } from './validation-context';

/** Checks a Choice state: its rules in the state's query language, their targets and Default. */
export function validateChoiceState(
  vc: ValidationContext,
  raw: JsonObject,
  loc: string,
  states: JsonObject,
  language: QueryLanguage,
): void {
  if ('Default' in raw) target(vc, raw.Default, states, `${loc}/Default`);
  if (!('Choices' in raw)) return;
  if (!Array.isArray(raw.Choices) || raw.Choices.length === 0) {
    vc.error(`The value of the field 'Choices' must be a non-empty array`, `${loc}/Choices`);
    return;
  }
  raw.Choices.forEach((rule: unknown, i: number) => {
    const where = `${loc}/Choices[${i}]`;
    if (!isJsonObject(rule)) {
      vc.error('A choice rule must be an object', where);
      return;
    }
    if (!('Next' in rule)) vc.error('These fields are required: [Next]', where);
    else target(vc, rule.Next, states, `${where}/Next`);
    if (language === 'JSONata') {
      for (const key of Object.keys(rule)) {
        if (!['Condition', 'Next', 'Output', 'Assign', 'Comment'].includes(key)) {
          vc.error(`Field '${key}' is not supported`, where);
        }
      }
      if (!('Condition' in rule)) vc.error('These fields are required: [Condition]', where);
      else if (!isJsonataString(rule.Condition) && typeof rule.Condition !== 'boolean') {
        vc.error(
          `The value for the field 'Condition' must be a valid JSONata expression`,
          `${where}/Condition`,
        );
      } else if (typeof rule.Condition === 'string')
        checkJsonataExpression(vc, rule.Condition, 'Condition', `${where}/Condition`);
      if ('Output' in rule) checkJsonata(vc, rule.Output, 'Output', `${where}/Output`);
    } else {
      if ('Condition' in rule || 'Output' in rule) {
        const key = 'Condition' in rule ? 'Condition' : 'Output';
        vc.error(
          `The QueryLanguage is set to 'JSONPath', but field '${key}' is only supported for the 'JSONata' QueryLanguage`,
          where,
        );
      }
      validateChoiceRule(vc, rule, where, true);
    }
    if ('Assign' in rule) checkAssign(vc, rule.Assign, language, `${where}/Assign`);
  });
}

/** Checks one JSONPath choice rule and its nested And/Or/Not rules; only top-level rules take Next and Assign. */
export function validateChoiceRule(
  vc: ValidationContext,
  rule: JsonObject,
  where: string,
  top: boolean,
): void {
  const { Next: _next, Assign: _assign, Comment: _comment, ...condition } = rule;
  for (const key of Object.keys(rule)) {
    const known =
      key === 'Variable' ||
      key === 'And' ||
      key === 'Or' ||
      key === 'Not' ||
      key === 'Comment' ||
      COMPARISON_OPERATORS.has(key);
    const topOnly = key === 'Next' || key === 'Assign';
    if ((!known && !topOnly) || (topOnly && !top)) vc.error(`Field '${key}' is not supported`, where);
  }
  try {
    compileChoiceCondition(condition);
  } catch (e) {
    const message = e instanceof ChoiceRuleError ? e.message : `Invalid choice rule: ${(e as Error).message}`;
    vc.error(message, where);
    return;
  }
  for (const nested of ['And', 'Or'] as const) {
    if (Array.isArray(rule[nested])) {
      (rule[nested] as unknown[]).forEach(
        (r, i) => isJsonObject(r) && validateChoiceRule(vc, r, `${where}/${nested}[${i}]`, false),
      );
    }
  }
  if (isJsonObject(rule.Not)) validateChoiceRule(vc, rule.Not, `${where}/Not`, false);
}
