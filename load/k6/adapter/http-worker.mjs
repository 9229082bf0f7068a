// Performs the adapter's HTTP requests for a VU that waits for them (k6's requests are synchronous):
// the answer goes back through shared memory, and the VU is woken with Atomics.notify.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', async ({ signal, data, request }) => {
  let answer;
  const started = performance.now();
  try {
    const res = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
    });
    const body = await res.text();
    answer = {
      status: res.status,
      body,
      headers: Object.fromEntries(res.headers),
      duration: performance.now() - started,
    };
  } catch (e) {
    answer = {
      status: 0,
      body: '',
      headers: {},
      error: String(e?.cause?.message ?? e),
      duration: performance.now() - started,
    };
  }
  const bytes = new TextEncoder().encode(JSON.stringify(answer));
  const view = new Uint8Array(data);
  view.set(bytes.subarray(0, view.length));
  const flag = new Int32Array(signal);
  Atomics.store(flag, 1, Math.min(bytes.length, view.length));
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
