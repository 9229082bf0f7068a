// An AWS client for load generators that costs as little CPU a request as it can: keep-alive
// node:http, bodies built by hand, and a SigV4 signature over two headers (host and x-amz-date) made
// directly. The SDK spends about half a millisecond of this process's CPU a request; on a 2-core
// machine that makes a load generator that uses it, not the server under test, the bottleneck.
import { createHash, createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
const sha256Hex = (data: string) => createHash('sha256').update(data).digest('hex');

export class LeanAwsClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  private readonly host: string;
  private readonly hostname: string;
  private readonly port: number;
  /** Signing keys by `<yyyymmdd>/<service>`, derived once a day and service. */
  private readonly signingKeys = new Map<string, Buffer>();

  constructor(
    endpoint: string,
    private readonly region: string,
    private readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string },
  ) {
    const url = new URL(endpoint);
    if (url.protocol !== 'http:') throw new Error(`LeanAwsClient speaks plain HTTP, not ${url.protocol}`);
    this.host = url.host;
    this.hostname = url.hostname;
    this.port = Number(url.port || 80);
  }

  /** POSTs a signed request to `/`; resolves the response body, rejects on any status but 200. */
  post(service: string, headers: Record<string, string>, body: string): Promise<string> {
    const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
    const day = amzDate.slice(0, 8);
    const canonical = `POST\n/\n\nhost:${this.host}\nx-amz-date:${amzDate}\n\nhost;x-amz-date\n${sha256Hex(body)}`;
    const scope = `${day}/${this.region}/${service}/aws4_request`;
    const signature = createHmac('sha256', this.signingKey(day, service))
      .update(`AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`)
      .digest('hex');
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.hostname,
          port: this.port,
          method: 'POST',
          path: '/',
          agent: this.agent,
          headers: {
            ...headers,
            host: this.host,
            'x-amz-date': amzDate,
            'content-length': Buffer.byteLength(body),
            authorization: `AWS4-HMAC-SHA256 Credential=${this.credentials.accessKeyId}/${scope}, SignedHeaders=host;x-amz-date, Signature=${signature}`,
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () =>
            res.statusCode === 200
              ? resolve(text)
              : reject(new Error(`${service} answered ${res.statusCode}: ${text.slice(0, 300)}`)),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }

  private signingKey(day: string, service: string): Buffer {
    const id = `${day}/${service}`;
    let key = this.signingKeys.get(id);
    if (!key) {
      key = hmac(
        hmac(hmac(hmac(`AWS4${this.credentials.secretAccessKey}`, day), this.region), service),
        'aws4_request',
      );
      this.signingKeys.set(id, key);
    }
    return key;
  }
}
