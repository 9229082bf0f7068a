import type { ValidationIssue } from '../validation';

/**
 * The message AWS's JSON and newer query services give for input that breaks the model:
 * `1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: Member must …`,
 * every issue listed, joined by `; `.
 */
export function coralValidationMessage(issues: readonly ValidationIssue[]): string {
  const parts = issues.map(
    (issue) =>
      `Value ${formatValue(issue.value)} at '${issue.path}' failed to satisfy constraint: ${constraintOf(issue)}`,
  );
  const n = issues.length;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${parts.join('; ')}`;
}

function formatValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value))
    return `[${value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}]`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function constraintOf(issue: ValidationIssue): string {
  const c = issue.constraints;
  switch (issue.kind) {
    case 'required':
      return 'Member must not be null';
    case 'enum':
      return `Member must satisfy enum value set: [${issue.allowed?.join(', ')}]`;
    case 'pattern':
      return `Member must satisfy regular expression pattern: ${c?.pattern}`;
    case 'type':
      return `Member must be ${issue.expected}`;
    case 'length':
      return issue.bound === 'min'
        ? `Member must have length greater than or equal to ${c?.length?.min}`
        : `Member must have length less than or equal to ${c?.length?.max}`;
    case 'range':
      if (issue.bound === 'min') return `Member must have value greater than or equal to ${c?.range?.min}`;
      if (issue.bound === 'max') return `Member must have value less than or equal to ${c?.range?.max}`;
      return 'Member must be an integer';
  }
}
