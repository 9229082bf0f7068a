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

describe('HTTP edges: AWS answers state their length', () => {
  const env = useTestServer();
  const post = (headers: string, body: string) =>
    exchange(
      env.server.url,
      `POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${headers}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  // ListTagsForResource is also Step Functions' and EventBridge's: the credential scope names SNS.
  const query =
    'Content-Type: application/x-www-form-urlencoded\r\nAuthorization: AWS4-HMAC-SHA256 ' +
    'Credential=AKIDEXAMPLE/20260101/us-east-1/sns/aws4_request, SignedHeaders=host, Signature=0';

  it.each([
    [
      'JSON',
      [],
      'X-Amz-Target: AWSStepFunctions.DescribeStateMachine\r\nContent-Type: application/x-amz-json-1.0',
      '{"stateMachineArn":"arn:aws:states:us-east-1:000000000000:stateMachine:nö-such-machine"}',
    ],
    [
      'query',
      ['Action=CreateTopic&Name=length-check&Tags.member.1.Key=k&Tags.member.1.Value=n%C3%B6'],
      query,
      'Action=ListTagsForResource&ResourceArn=arn%3Aaws%3Asns%3Aus-east-1%3A000000000000%3Alength-check',
    ],
  ])(
    'answers a %s request with a Content-Length that counts its bytes, not in chunks',
    async (_protocol, before, headers, body) => {
      for (const setup of before) await post(query, setup);
      const { text } = await post(headers, body);
      const raw = Buffer.from(text, 'latin1');
      const split = raw.indexOf('\r\n\r\n');
      const head = raw.subarray(0, split).toString('latin1').toLowerCase();
      const answer = raw.subarray(split + 4);
      expect(head).not.toContain('transfer-encoding');
      expect(head).toContain(`\r\ncontent-length: ${answer.length}\r\n`);
      expect(answer.toString('utf8')).toContain('nö');
    },
  );
});
