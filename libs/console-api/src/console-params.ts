import { ConsoleError } from './console-error';

/** Most items a console list answers at once. */
export const MAX_LIMIT = 100;

/** A `limit` query parameter: an integer from 1 to MAX_LIMIT, `fallback` when absent. */
export function parseLimit(value: unknown, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (typeof value !== 'string' || !/^\d{1,4}$/.test(value) || Number(value) < 1 || Number(value) > MAX_LIMIT)
    throw new ConsoleError(400, `limit must be an integer from 1 to ${MAX_LIMIT}.`);
  return Number(value);
}

/** A query parameter given at most once; '' when absent. */
export function optionalText(value: unknown, name: string): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') throw new ConsoleError(400, `${name} must be given once, as text.`);
  return value;
}

/** A query parameter that must be given, once. */
export function requiredText(value: unknown, name: string): string {
  const text = optionalText(value, name);
  if (text === '') throw new ConsoleError(400, `${name} is required.`);
  return text;
}
