import { AwsError } from '@switchyard/aws-wire';
import { type Diagnostic, validateDefinition } from '@switchyard/asl';
import { SfnErrors } from '../errors/sfn-errors';

/** AWS's words for a definition's errors: `Invalid State Machine Definition: 'CODE: message at /path, …'`. */
export function invalidDefinition(errors: readonly Diagnostic[]): AwsError {
  const listed = errors
    .map((d) => `${d.code}: ${d.message}${d.location ? ` at ${d.location}` : ''}`)
    .join(', ');
  return new AwsError(SfnErrors.InvalidDefinition, `Invalid State Machine Definition: '${listed}'`);
}

/**
 * The definition's errors for a machine of `type`: the validator's, and for EXPRESS machines the
 * integration patterns Express workflows cannot run (`.sync`, `.waitForTaskToken`, activities).
 */
export function definitionErrors(definition: string, type: 'STANDARD' | 'EXPRESS'): Diagnostic[] {
  const errors = validateDefinition(definition).filter((d) => d.severity === 'ERROR');
  if (errors.length > 0 || type !== 'EXPRESS') return errors;
  const found: Diagnostic[] = [];
  walkStates(JSON.parse(definition) as Record<string, unknown>, '', (state, path) => {
    const resource = state.Resource;
    if (state.Type !== 'Task' || typeof resource !== 'string') return;
    const pattern = resource.endsWith('.waitForTaskToken')
      ? "'.waitForTaskToken' service integration"
      : /\.sync(:\d+)?$/.test(resource)
        ? "'.sync' service integration"
        : /^arn:[^:]+:states:[^:]*:\d{12}:activity:/.test(resource)
          ? 'Activity'
          : undefined;
    if (pattern)
      found.push({
        severity: 'ERROR',
        code: 'SCHEMA_VALIDATION_FAILED',
        message: `Express state machine does not support ${pattern}`,
        location: `${path}/Resource`,
      });
  });
  return found;
}

/** Calls `visit` for every state of a (sub)machine and the machines nested in Parallel and Map states. */
function walkStates(
  machine: Record<string, unknown>,
  at: string,
  visit: (state: Record<string, unknown>, path: string) => void,
): void {
  const states = machine.States;
  if (!states || typeof states !== 'object') return;
  for (const [name, value] of Object.entries(states as Record<string, unknown>)) {
    if (!value || typeof value !== 'object') continue;
    const state = value as Record<string, unknown>;
    const path = `${at}/States/${name}`;
    visit(state, path);
    if (Array.isArray(state.Branches))
      state.Branches.forEach((b, i) =>
        walkStates(b as Record<string, unknown>, `${path}/Branches[${i}]`, visit),
      );
    for (const key of ['ItemProcessor', 'Iterator'])
      if (state[key] && typeof state[key] === 'object')
        walkStates(state[key] as Record<string, unknown>, `${path}/${key}`, visit);
  }
}
