import { isJsonObject } from '../json/json.types';
import { validateParsedDefinition } from '../validation/validate-definition';
import { CompiledStateMachine } from './compiled.types';
import { compileDefinition, DefinitionError } from './compile-definition';

/** Raised by `loadDefinition` for an invalid definition; carries every diagnostic. */
export class InvalidDefinitionError extends Error {
  constructor(readonly diagnostics: { code: string; message: string; location?: string }[]) {
    super(
      diagnostics.map((d) => `${d.code}: ${d.message}${d.location ? ` at ${d.location}` : ''}`).join('\n'),
    );
    this.name = 'InvalidDefinitionError';
  }
}

const CACHE_LIMIT = 256;
const cache = new Map<string, CompiledStateMachine>();

/**
 * Validates and compiles a definition (JSON text or parsed object). Compiled text definitions are
 * memoised, so running the same definition again does not parse it again.
 */
export function loadDefinition(definition: string | object): CompiledStateMachine {
  if (typeof definition === 'string') {
    const hit = cache.get(definition);
    if (hit) return hit;
  }
  let parsed: unknown;
  if (typeof definition === 'string') {
    try {
      parsed = JSON.parse(definition);
    } catch (e) {
      throw new InvalidDefinitionError([{ code: 'INVALID_JSON_DESCRIPTION', message: (e as Error).message }]);
    }
  } else parsed = definition;
  if (!isJsonObject(parsed))
    throw new InvalidDefinitionError([
      { code: 'SCHEMA_VALIDATION_FAILED', message: 'The definition must be a JSON object' },
    ]);
  const errors = validateParsedDefinition(parsed).filter((d) => d.severity === 'ERROR');
  if (errors.length) throw new InvalidDefinitionError(errors);
  let compiled: CompiledStateMachine;
  try {
    compiled = compileDefinition(parsed);
  } catch (e) {
    if (e instanceof DefinitionError)
      throw new InvalidDefinitionError([
        { code: 'SCHEMA_VALIDATION_FAILED', message: e.message, location: e.location },
      ]);
    throw e;
  }
  if (typeof definition === 'string') {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(definition, compiled);
  }
  return compiled;
}
