import { connect } from 'node:net';
import { useTestServer } from './test-support/test-server';

/** Writes raw bytes to the server and collects what it answers until it closes the connection. */
function exchange(url: string, raw: string, timeoutMs = 20_000): Promise<{ text: string; closed: boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closed: false });
    }, timeoutMs);
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true });
    });
    socket.on('error', () => undefined);
    socket.write(raw);
  });
}

describe('HTTP edges: answers after which the server closes say so', () => {
  const env = useTestServer();

  it('answers headers too large with 431 and Connection: close, then closes', async () => {
    const { text, closed } = await exchange(
      env.server.url,
      `POST / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(text).toMatch(/^HTTP\/1\.1 431 /);
    expect(text.toLowerCase()).toContain('\r\nconnection: close\r\n');
    expect(closed).toBe(true);
  });

  it('answers a malformed request line with 400 and Connection: close', async () => {
    const { text, closed } = await exchange(env.server.url, 'NOT A REQUEST\r\n\r\n');
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expect(text.toLowerCase()).toContain('\r\nconnection: close\r\n');
    expect(closed).toBe(true);
  });

  it('refuses a body that stops arriving (a chunk of ffffffffffffffff bytes) with an AWS error, not a hang', async () => {
    const query = await exchange(
      env.server.url,
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
        'Transfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\nAction=ListQueues',
    );
    expect(query.text).toMatch(/^HTTP\/1\.1 400 /);
    expect(query.text.toLowerCase()).toContain('\r\nconnection: close\r\n');
    expect(query.text).toContain('<Code>RequestTimeout</Code>');
    expect(query.closed).toBe(true);

    const json = await exchange(
      env.server.url,
      'POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AmazonSQS.ListQueues\r\n' +
        'Content-Type: application/x-amz-json-1.0\r\nContent-Length: 1000\r\n\r\n{',
    );
    expect(json.text).toMatch(/^HTTP\/1\.1 400 /);
    expect(json.text).toContain('"__type":"com.amazonaws.sqs#RequestTimeout"');
    expect(json.closed).toBe(true);
  });
});
