import type { Events } from '@switchyard/aws-wire';
import { parseJsonPath, valueAt } from './json-path';

/** Variables an input template may use without defining them. */
export const PREDEFINED_VARIABLES = [
  'aws.events.rule-arn',
  'aws.events.rule-name',
  'aws.events.event',
  'aws.events.event.ingestion-time',
  'aws.events.event.json',
] as const;

/** What a target's input is made from besides the event: the rule and when the event arrived. */
export interface InputContext {
  readonly ruleArn: string;
  readonly ruleName: string;
  /** ISO 8601, as events carry times. */
  readonly ingestionTime: string;
}

/** The input of a target could not be made (the template gave no JSON); EventBridge calls it INVALID_JSON. */
export class TargetInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetInputError';
  }
}

const PLACEHOLDER = /^<([^<>\s"]+)>/;

/** The `<name>` placeholders of an input template, in order. */
export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(/<([^<>\s"]+)>/g)].map((m) => m[1]);
}

/** Whether an input template is JSON (an object or an array) rather than text. */
function isJsonTemplate(template: string): boolean {
  const first = template.trimStart()[0];
  return first === '{' || first === '[';
}

/** A value as it appears inside a JSON string of the template: as is, never escaped (as EventBridge does). */
function raw(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Fills an input template: a placeholder inside a quoted string of a JSON template, or anywhere in a
 * text template, takes the value as it is (a string without quotes); elsewhere in a JSON template it
 * takes the value as JSON (a string quoted, an object as an object, a missing value as null). A JSON
 * template must come out as JSON, which is passed on minified.
 */
export function fillTemplate(template: string, values: ReadonlyMap<string, unknown>): string {
  const json = isJsonTemplate(template);
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const char = template[i];
    if (char === '<') {
      const m = PLACEHOLDER.exec(template.slice(i));
      if (m && values.has(m[1])) {
        const value = values.get(m[1]);
        out += json && !inString ? JSON.stringify(value ?? null) : raw(value);
        i += m[0].length - 1;
        continue;
      }
    }
    if (inString && char === '\\') {
      out += char + (template[i + 1] ?? '');
      i++;
      continue;
    }
    if (char === '"') inString = !inString;
    out += char;
  }
  if (!json) return out;
  try {
    return JSON.stringify(JSON.parse(out));
  } catch {
    throw new TargetInputError(`the input template did not give JSON: ${out.slice(0, 200)}`);
  }
}

/**
 * The input a target receives for an event: its constant Input, the part of the event its InputPath
 * names (as JSON), its InputTransformer's template filled from the event, or else the event itself.
 */
export function targetInput(
  target: Events.Target,
  event: Record<string, unknown>,
  eventText: string,
  context: InputContext,
): string {
  if (target.Input !== undefined) return target.Input;
  if (target.InputPath !== undefined) {
    const steps = parseJsonPath(target.InputPath);
    return JSON.stringify((steps && valueAt(event, steps)) ?? null);
  }
  const transformer = target.InputTransformer;
  if (!transformer) return eventText;
  const values = new Map<string, unknown>([
    ['aws.events.rule-arn', context.ruleArn],
    ['aws.events.rule-name', context.ruleName],
    ['aws.events.event', event],
    ['aws.events.event.ingestion-time', context.ingestionTime],
    ['aws.events.event.json', event],
  ]);
  for (const [name, path] of Object.entries(transformer.InputPathsMap ?? {})) {
    const steps = parseJsonPath(path);
    values.set(name, steps && valueAt(event, steps));
  }
  return fillTemplate(transformer.InputTemplate, values);
}
