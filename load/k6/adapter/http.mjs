// The `k6/http` module for the adapter: synchronous requests, as k6 makes them, recorded in k6's
// built-in metrics (http_reqs, http_req_duration, http_req_failed).
import { Worker } from 'node:worker_threads';
import { Counter, Rate, Trend } from './metrics.mjs';

const reqs = new Counter('http_reqs');
const duration = new Trend('http_req_duration');
const failed = new Rate('http_req_failed');
const worker = new Worker(new URL('./http-worker.mjs', import.meta.url));
worker.unref();
const signal = new SharedArrayBuffer(8);
const data = new SharedArrayBuffer(16 * 1024 * 1024);

export function request(method, url, body, params = {}) {
  const flag = new Int32Array(signal);
  Atomics.store(flag, 0, 0);
  const headers = { ...(params.headers ?? {}) };
  const text =
    body === undefined || body === null
      ? undefined
      : typeof body === 'string'
        ? body
        : new URLSearchParams(body).toString();
  if (body !== null && typeof body === 'object' && !headers['Content-Type'])
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  worker.postMessage({ signal, data, request: { method, url, headers, body: text } });
  Atomics.wait(flag, 0, 0);
  const length = Atomics.load(flag, 1);
  const answer = JSON.parse(new TextDecoder().decode(new Uint8Array(data).slice(0, length)));
  reqs.add(1);
  duration.add(answer.duration);
  failed.add(answer.status === 0 || answer.status >= 400);
  return {
    status: answer.status,
    body: answer.body,
    headers: answer.headers,
    error: answer.error ?? '',
    timings: { duration: answer.duration },
    json(selector) {
      const value = JSON.parse(answer.body);
      return selector === undefined ? value : selector.split('.').reduce((v, k) => v?.[k], value);
    },
  };
}

export const get = (url, params) => request('GET', url, null, params);
export const post = (url, body, params) => request('POST', url, body, params);
export const put = (url, body, params) => request('PUT', url, body, params);
export const del = (url, body, params) => request('DELETE', url, body, params);

export default { request, get, post, put, del };
