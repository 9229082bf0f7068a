/** Formatting of durations, ages, dates and JSON for display. */

/** `850 ms`, `3.2 s`, `4 min 05 s`, `2 h 10 min`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(Math.floor(s % 60)).padStart(2, '0')} s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${String(m % 60).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** An age given in seconds (`—` when there is none). */
export function formatAge(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  return formatDuration(seconds * 1000);
}

/** A local date and time, to the second (milliseconds when asked). */
export function formatDate(value: Date | number | string | undefined, withMs = false): string {
  if (value === undefined || value === null) return '—';
  const date =
    value instanceof Date
      ? value
      : new Date(typeof value === 'number' && value < 1e11 ? value * 1000 : value);
  if (Number.isNaN(date.getTime())) return '—';
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const text = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(
    date.getMinutes(),
  )}:${pad(date.getSeconds())}`;
  return withMs ? `${text}.${pad(date.getMilliseconds(), 3)}` : text;
}

/** JSON text or a value, pretty-printed; text that is not JSON as it is. */
export function prettyJson(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2);
}

/** An axis step (ms) that gives about `count` ticks over `total` ms. */
export function tickStep(total: number, count = 6): number {
  if (total <= 0) return 1;
  const raw = total / count;
  const steps = [
    1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000,
    600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000,
  ];
  return steps.find((s) => s >= raw) ?? Math.ceil(raw / 86_400_000) * 86_400_000;
}
