#!/usr/bin/env node
// Runs a k6 script on Node for a short while, so CI catches a script that breaks: the k6 binary
// does the real load runs. It provides the k6 modules the scripts import (`k6`, `k6/http`,
// `k6/metrics`) with k6's semantics where the scripts rely on them (synchronous requests, checks,
// built-in HTTP metrics, thresholds), runs setup(), the default function with one VU for the
// duration, and teardown(), prints a JSON summary and exits 99 when a threshold fails, as k6 does.
// Usage: node load/k6/adapter/run.mjs <script.js> [--duration 3s]   (__ENV comes from the environment)
import { register } from 'node:module';
import { resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';

const [scriptPath, ...rest] = process.argv.slice(2);
if (!scriptPath) {
  console.error('usage: run.mjs <script.js> [--duration 3s]');
  process.exit(2);
}
const durationArg = rest[rest.indexOf('--duration') + 1];
const seconds = (text) => {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text ?? '');
  if (!m) return undefined;
  return Number(m[1]) * { ms: 0.001, s: 1, m: 60 }[m[2]];
};

register('./hooks.mjs', import.meta.url);
globalThis.__ENV = { ...process.env };
globalThis.__VU = 1;
const { registry, aggregate } = await import('./metrics.mjs');
const script = await import(pathToFileURL(resolvePath(scriptPath)).href);
const options = script.options ?? {};
const duration =
  (rest.includes('--duration') ? seconds(durationArg) : undefined) ?? seconds(options.duration) ?? 3;

const data = script.setup ? script.setup() : undefined;
const started = performance.now();
let iterations = 0;
while (performance.now() - started < duration * 1000) {
  globalThis.__ITER = iterations;
  script.default(data);
  iterations++;
}
if (script.teardown) script.teardown(data);

// Thresholds: `metric: ['aggregate<op>value', …]`, as k6 writes them.
const failures = [];
for (const [name, rules] of Object.entries(options.thresholds ?? {})) {
  const metric = registry.get(name);
  for (const rule of rules.map((r) => (typeof r === 'string' ? r : r.threshold))) {
    const m = /^\s*([a-z]+(?:\([\d.]+\))?)\s*(<=|>=|<|>|==|===|!=)\s*([\d.]+)\s*$/.exec(rule);
    if (!m) throw new Error(`threshold ${name}: cannot read "${rule}"`);
    const value = metric ? aggregate(metric, m[1]) : 0;
    const limit = Number(m[3]);
    const ok = {
      '<': value < limit,
      '<=': value <= limit,
      '>': value > limit,
      '>=': value >= limit,
      '==': value === limit,
      '===': value === limit,
      '!=': value !== limit,
    }[m[2]];
    if (!ok) failures.push(`${name}: ${rule} (was ${value})`);
  }
}
const summary = {
  script: scriptPath,
  iterations,
  seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
};
for (const [name, metric] of registry)
  summary[name] =
    metric.type === 'trend'
      ? { avg: aggregate(metric, 'avg'), 'p(95)': aggregate(metric, 'p(95)') }
      : metric.type === 'rate'
        ? aggregate(metric, 'rate')
        : aggregate(metric, 'count');
summary.thresholdsFailed = failures;
console.log(JSON.stringify(summary));
process.exit(failures.length > 0 ? 99 : 0);
