/**
 * What a Distributed Map's ItemReader reads from a document, and what its ResultWriter writes, as
 * AWS's S3 reader and writer do. Pure: no I/O.
 */

/** A document an ItemReader cannot read: the Map state fails with States.ItemReaderFailed and this cause. */
export class UnreadableItems extends Error {}

const DELIMITERS: Readonly<Record<string, string>> = {
  COMMA: ',',
  PIPE: '|',
  SEMICOLON: ';',
  SPACE: ' ',
  TAB: '\t',
};

/** CSV rows (RFC 4180: quoted fields may hold delimiters, line breaks and doubled quotes). */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new UnreadableItems('The CSV file has a quoted field that is never closed.');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** The items of a document, as `ReaderConfig` (InputType, CSV headers and delimiter) says to read it. */
export function parseItems(text: string, readerConfig: Record<string, unknown>): unknown[] {
  const inputType = readerConfig.InputType ?? 'JSON';
  switch (inputType) {
    case 'JSON': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        throw new UnreadableItems(`The JSON file is not valid JSON: ${(e as Error).message}`);
      }
      if (!Array.isArray(parsed)) throw new UnreadableItems('The JSON file must hold an array of items.');
      return parsed;
    }
    case 'JSONL':
      return text
        .split(/\r?\n/)
        .filter((line) => line.trim() !== '')
        .map((line, i) => {
          try {
            return JSON.parse(line) as unknown;
          } catch (e) {
            throw new UnreadableItems(
              `Line ${i + 1} of the JSONL file is not valid JSON: ${(e as Error).message}`,
            );
          }
        });
    case 'CSV': {
      const delimiter = DELIMITERS[String(readerConfig.CSVDelimiter ?? 'COMMA')];
      if (!delimiter) throw new UnreadableItems(`Unknown CSVDelimiter ${String(readerConfig.CSVDelimiter)}.`);
      const rows = parseCsv(text, delimiter);
      let headers: string[];
      if ((readerConfig.CSVHeaderLocation ?? 'FIRST_ROW') === 'GIVEN') {
        if (!Array.isArray(readerConfig.CSVHeaders))
          throw new UnreadableItems('CSVHeaderLocation GIVEN needs CSVHeaders.');
        headers = readerConfig.CSVHeaders.map(String);
      } else headers = rows.shift() ?? [];
      return rows.map((row, i) => {
        if (row.length !== headers.length)
          throw new UnreadableItems(
            `Row ${i + 1} of the CSV file has ${row.length} fields, but there are ${headers.length} headers.`,
          );
        return Object.fromEntries(headers.map((h, k) => [h, row[k]]));
      });
    }
    default:
      throw new UnreadableItems(`InputType ${String(inputType)} is not read here (JSON, JSONL and CSV are).`);
  }
}

/** The files a ResultWriter writes for a run's results: name → content. */
export function resultFiles(
  results: readonly unknown[],
  writerConfig: Record<string, unknown>,
): { files: Map<string, string>; succeeded: number; failed: number } {
  const transformation = writerConfig.Transformation ?? 'NONE';
  const outputType = writerConfig.OutputType ?? 'JSON';
  if (!['NONE', 'COMPACT', 'FLATTEN'].includes(String(transformation)))
    throw new UnreadableItems(`Unknown Transformation ${String(transformation)}.`);
  if (outputType !== 'JSON' && outputType !== 'JSONL')
    throw new UnreadableItems(`Unknown OutputType ${String(outputType)}.`);
  const failedItem = (r: unknown) =>
    r !== null &&
    typeof r === 'object' &&
    !Array.isArray(r) &&
    'Error' in r &&
    Object.keys(r).every((k) => k === 'Error' || k === 'Cause');
  const succeeded = results.filter((r) => !failedItem(r));
  const failed = results.filter(failedItem);
  const shape = (items: unknown[], status: string): unknown[] => {
    if (transformation === 'COMPACT') return items;
    if (transformation === 'FLATTEN') return items.flatMap((r) => (Array.isArray(r) ? r : [r]));
    return items.map((r) =>
      status === 'SUCCEEDED'
        ? { Status: status, Output: JSON.stringify(r) }
        : { Status: status, ...(r as object) },
    );
  };
  const text = (items: unknown[]) =>
    outputType === 'JSONL' ? items.map((r) => JSON.stringify(r)).join('\n') : JSON.stringify(items);
  const files = new Map<string, string>();
  const ext = outputType === 'JSONL' ? 'jsonl' : 'json';
  files.set(`SUCCEEDED_0.${ext}`, text(shape(succeeded, 'SUCCEEDED')));
  if (failed.length > 0) files.set(`FAILED_0.${ext}`, text(shape(failed, 'FAILED')));
  return { files, succeeded: succeeded.length, failed: failed.length };
}
