import { compileChoiceCondition, compileJsonataCondition } from '../choice/choice-rule.compiler';
import { isJsonObject, JsonObject } from '../json/json.types';
import { parseReferencePath } from '../jsonpath/reference-path';
import {
  CompiledChoice,
  CompiledScope,
  CompiledState,
  CompiledStateMachine,
  QueryLanguage,
  ROOT_SCOPE,
} from './compiled.types';
import { compileMap } from './compile-map';
import {
  assignSpec,
  at,
  compileCatch,
  compileRetry,
  DefinitionError,
  dynamicValue,
  either,
  jsonataTemplate,
  optionalPath,
  template,
} from './field-compilers';

export { DefinitionError } from './field-compilers';

/**
 * Compiles a parsed definition: every path, template, intrinsic and JSONata expression is parsed
 * here, once. Structural validity is checked by `validate`; this assumes it and fails on the first
 * problem it still finds.
 */
export function compileDefinition(definition: unknown): CompiledStateMachine {
  if (!isJsonObject(definition)) throw new DefinitionError('The definition must be a JSON object', '');
  const scopes = new Map<string, CompiledScope>();
  const topLanguage = (definition.QueryLanguage as QueryLanguage | undefined) ?? 'JSONPath';
  const root = compileScope(definition, ROOT_SCOPE, '', scopes, false, topLanguage);
  return {
    definition,
    root,
    scopes,
    timeoutSeconds: typeof definition.TimeoutSeconds === 'number' ? definition.TimeoutSeconds : undefined,
  };
}

/**
 * Compiles a machine or a nested one. Every scope starts from the top-level query language: AWS
 * does not let a Parallel or Map state's own QueryLanguage flow into its branches.
 */
function compileScope(
  raw: JsonObject,
  id: string,
  location: string,
  scopes: Map<string, CompiledScope>,
  isolated: boolean,
  topLanguage: QueryLanguage,
): CompiledScope {
  const language = topLanguage;
  if (typeof raw.StartAt !== 'string') throw new DefinitionError("The field 'StartAt' is required", location);
  if (!isJsonObject(raw.States)) throw new DefinitionError("The field 'States' is required", location);
  const states = new Map<string, CompiledState>();
  const scope: CompiledScope = { id, startAt: raw.StartAt, states, queryLanguage: language, isolated };
  scopes.set(id, scope);
  for (const [name, rawState] of Object.entries(raw.States)) {
    const loc = `${location}/States/${name}`;
    if (!isJsonObject(rawState)) throw new DefinitionError('A state must be a JSON object', loc);
    states.set(name, compileState(name, rawState, id, loc, language, scopes, topLanguage));
  }
  return scope;
}

function compileState(
  name: string,
  raw: JsonObject,
  scope: string,
  loc: string,
  inherited: QueryLanguage,
  scopes: Map<string, CompiledScope>,
  topLanguage: QueryLanguage,
): CompiledState {
  const language = (raw.QueryLanguage as QueryLanguage | undefined) ?? inherited;
  const jsonPath = language === 'JSONPath';
  const base = {
    name,
    scope,
    queryLanguage: language,
    next: typeof raw.Next === 'string' ? raw.Next : undefined,
    end: raw.End === true,
    inputPath: jsonPath ? optionalPath(raw, 'InputPath', loc) : undefined,
    outputPath: jsonPath ? optionalPath(raw, 'OutputPath', loc) : undefined,
    resultPath:
      jsonPath && 'ResultPath' in raw
        ? raw.ResultPath === null
          ? null
          : at(`${loc}/ResultPath`, () => parseReferencePath(String(raw.ResultPath)))
        : undefined,
    parameters: jsonPath ? template(raw, 'Parameters', loc) : undefined,
    resultSelector: jsonPath ? template(raw, 'ResultSelector', loc) : undefined,
    arguments: jsonPath ? undefined : jsonataTemplate(raw, 'Arguments', loc),
    output: jsonPath ? undefined : jsonataTemplate(raw, 'Output', loc),
    assign: assignSpec(raw, language, loc),
    retry: compileRetry(raw.Retry),
    catch: compileCatch(raw.Catch, language, loc),
  };
  switch (raw.Type) {
    case 'Pass':
      return { ...base, type: 'Pass', result: 'Result' in raw ? { value: raw.Result } : undefined };
    case 'Task': {
      const resource = String(raw.Resource);
      return {
        ...base,
        type: 'Task',
        resource,
        timeoutSeconds: dynamicValue(raw, 'TimeoutSeconds', loc, language),
        heartbeatSeconds: dynamicValue(raw, 'HeartbeatSeconds', loc, language),
        credentials: either(raw, 'Credentials', loc, language),
        waitForTaskToken: resource.endsWith('.waitForTaskToken'),
      };
    }
    case 'Choice': {
      const choices: CompiledChoice[] = ((raw.Choices as JsonObject[]) ?? []).map((c, i) => {
        const cloc = `${loc}/Choices[${i}]`;
        return {
          condition: at(cloc, () =>
            jsonPath ? compileChoiceCondition(c) : compileJsonataCondition(jsonataCondition(c.Condition)),
          ),
          next: c.Next as string,
          output: jsonPath ? undefined : jsonataTemplate(c, 'Output', cloc, `Choices[${i}]/Output`),
          assign: assignSpec(c, language, cloc, `Choices[${i}]/`),
        };
      });
      return {
        ...base,
        type: 'Choice',
        choices,
        default: typeof raw.Default === 'string' ? raw.Default : undefined,
      };
    }
    case 'Wait':
      return {
        ...base,
        type: 'Wait',
        seconds: dynamicValue(raw, 'Seconds', loc, language),
        timestamp: dynamicValue(raw, 'Timestamp', loc, language),
      };
    case 'Succeed':
      return { ...base, type: 'Succeed' };
    case 'Fail':
      return {
        ...base,
        type: 'Fail',
        error: dynamicValue(raw, 'Error', loc, language),
        cause: dynamicValue(raw, 'Cause', loc, language),
      };
    case 'Parallel': {
      const branches = ((raw.Branches as JsonObject[]) ?? []).map((b, i) => {
        const id = `${scope}/${name}/${i}`;
        compileScope(b, id, `${loc}/Branches[${i}]`, scopes, false, topLanguage);
        return id;
      });
      return { ...base, type: 'Parallel', branches };
    }
    case 'Map':
      return compileMap(base, raw, loc, language, (processor, id, where, isolated) =>
        compileScope(processor, id, where, scopes, isolated, topLanguage),
      );
    default:
      throw new DefinitionError(`The state type '${String(raw.Type)}' is not supported`, `${loc}/Type`);
  }
}

/** AWS accepts a literal boolean as a JSONata Condition; it is the expression yielding that boolean. */
function jsonataCondition(condition: unknown): unknown {
  return typeof condition === 'boolean' ? `{% ${condition} %}` : condition;
}
