// The `k6/metrics` module for the adapter: Trend, Counter, Rate and Gauge, recorded in this process.
export const registry = new Map();

class Metric {
  constructor(name, type) {
    this.name = name;
    this.type = type;
    this.values = [];
    registry.set(name, this);
  }
  add(value) {
    this.values.push(typeof value === 'boolean' ? Number(value) : value);
  }
}

export class Trend extends Metric {
  constructor(name) {
    super(name, 'trend');
  }
}
export class Counter extends Metric {
  constructor(name) {
    super(name, 'counter');
  }
}
export class Rate extends Metric {
  constructor(name) {
    super(name, 'rate');
  }
}
export class Gauge extends Metric {
  constructor(name) {
    super(name, 'gauge');
  }
}

/** A metric's value for a threshold's aggregate (`rate`, `count`, `avg`, `min`, `max`, `med`, `p(N)`, `value`). */
export function aggregate(metric, name) {
  const v = metric.values;
  const sorted = [...v].sort((a, b) => a - b);
  const percentile = (p) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;
  if (name === 'rate') return v.length ? v.reduce((a, b) => a + b, 0) / v.length : 0;
  if (name === 'count') return v.reduce((a, b) => a + b, 0);
  if (name === 'avg') return v.length ? v.reduce((a, b) => a + b, 0) / v.length : 0;
  if (name === 'min') return sorted[0] ?? 0;
  if (name === 'max') return sorted[sorted.length - 1] ?? 0;
  if (name === 'med') return percentile(50);
  if (name === 'value') return v[v.length - 1] ?? 0;
  const p = /^p\(([\d.]+)\)$/.exec(name);
  if (p) return percentile(Number(p[1]));
  throw new Error(`unknown aggregate ${name}`);
}
