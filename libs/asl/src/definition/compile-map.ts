import { isJsonObject, JsonObject } from '../json/json.types';
import { CompiledState, QueryLanguage } from './compiled.types';
import { at, dynamicValue, either, jsonataTemplate, template } from './field-compilers';
import { parseJsonPath } from '../jsonpath/json-path.parser';

/**
 * Compiles a Map state. Its item processor is compiled through `compileProcessor`, which registers
 * it as a scope of its own and returns the scope id.
 */
export function compileMap(
  base: Omit<CompiledState, 'type'>,
  raw: JsonObject,
  loc: string,
  language: QueryLanguage,
  compileProcessor: (raw: JsonObject, id: string, loc: string, isolated: boolean) => void,
): CompiledState {
  const processorRaw = (raw.ItemProcessor ?? raw.Iterator) as JsonObject;
  const config = isJsonObject(processorRaw?.ProcessorConfig) ? processorRaw.ProcessorConfig : {};
  const mode = config.Mode === 'DISTRIBUTED' ? 'DISTRIBUTED' : 'INLINE';
  const id = `${base.scope}/${base.name}`;
  compileProcessor(
    processorRaw,
    id,
    `${loc}/${raw.ItemProcessor ? 'ItemProcessor' : 'Iterator'}`,
    mode === 'DISTRIBUTED',
  );
  const jsonPath = language === 'JSONPath';
  const readerRaw = isJsonObject(raw.ItemReader) ? raw.ItemReader : undefined;
  const writerRaw = isJsonObject(raw.ResultWriter) ? raw.ResultWriter : undefined;
  const batcherRaw = isJsonObject(raw.ItemBatcher) ? raw.ItemBatcher : undefined;
  const readerConfig = readerRaw && isJsonObject(readerRaw.ReaderConfig) ? readerRaw.ReaderConfig : {};
  return {
    ...base,
    type: 'Map',
    processor: id,
    mode,
    executionType: typeof config.ExecutionType === 'string' ? config.ExecutionType : undefined,
    itemsPath:
      jsonPath && typeof raw.ItemsPath === 'string'
        ? at(`${loc}/ItemsPath`, () => parseJsonPath(raw.ItemsPath as string))
        : undefined,
    // Items may be an expression or a literal array holding expressions ([1, "{% $x %}", 3]).
    items: jsonPath ? undefined : jsonataTemplate(raw, 'Items', loc),
    // Parameters is the older name of ItemSelector in a Map state.
    itemSelector: jsonPath
      ? (template(raw, 'ItemSelector', loc) ?? template(raw, 'Parameters', loc))
      : jsonataTemplate(raw, 'ItemSelector', loc),
    parameters: undefined,
    itemReader: readerRaw && {
      resource: String(readerRaw.Resource),
      parameters: either(
        readerRaw,
        jsonPath ? 'Parameters' : 'Arguments',
        `${loc}/ItemReader`,
        language,
        'ItemReader/Arguments',
      ),
      readerConfig,
      maxItems: dynamicValue(readerConfig, 'MaxItems', `${loc}/ItemReader/ReaderConfig`, language),
    },
    itemBatcher: batcherRaw && {
      maxItemsPerBatch: dynamicValue(batcherRaw, 'MaxItemsPerBatch', `${loc}/ItemBatcher`, language),
      maxInputBytesPerBatch: dynamicValue(
        batcherRaw,
        'MaxInputBytesPerBatch',
        `${loc}/ItemBatcher`,
        language,
      ),
      batchInput: either(batcherRaw, 'BatchInput', `${loc}/ItemBatcher`, language, 'ItemBatcher/BatchInput'),
    },
    resultWriter: writerRaw && {
      resource: typeof writerRaw.Resource === 'string' ? writerRaw.Resource : undefined,
      parameters: either(
        writerRaw,
        jsonPath ? 'Parameters' : 'Arguments',
        `${loc}/ResultWriter`,
        language,
        'ResultWriter/Arguments',
      ),
      writerConfig: isJsonObject(writerRaw.WriterConfig) ? writerRaw.WriterConfig : undefined,
    },
    maxConcurrency: dynamicValue(raw, 'MaxConcurrency', loc, language),
    toleratedFailureCount: dynamicValue(raw, 'ToleratedFailureCount', loc, language),
    toleratedFailurePercentage: dynamicValue(raw, 'ToleratedFailurePercentage', loc, language),
    label: typeof raw.Label === 'string' ? raw.Label : undefined,
  };
}
