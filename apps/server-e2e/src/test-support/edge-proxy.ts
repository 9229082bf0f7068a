import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@switchyard/redis';

const ROOT = join(__dirname, '..', '..', '..', '..');
const NGINX = '/usr/sbin/nginx';

/** The gateways behind the edge: `host:port` of every replica of each. */
export interface EdgeUpstreams {
  readonly queue: readonly string[];
  readonly topic: readonly string[];
  readonly orchestration: readonly string[];
}

/**
 * deploy/edge/nginx.conf.template with its addresses filled in, as the nginx image's templates do.
 * Where a gateway has several replicas, its `server` line is repeated, one per replica, as nginx does
 * for a name that resolves to several addresses.
 */
export function edgeConfig(listen: string, upstreams: EdgeUpstreams): string {
  const values: Record<string, readonly string[]> = {
    EDGE_PORT: [listen],
    QUEUE_GATEWAY: upstreams.queue,
    TOPIC_GATEWAY: upstreams.topic,
    ORCHESTRATION_GATEWAY: upstreams.orchestration,
  };
  return readFileSync(join(ROOT, 'deploy/edge/nginx.conf.template'), 'utf8')
    .replace(/^(\s*)server \$\{([A-Z_]+)\};$/gm, (whole, indent: string, name: string) =>
      values[name] ? values[name].map((at) => `${indent}server ${at};`).join('\n') : whole,
    )
    .replace(/\$\{([A-Z_]+)\}/g, (whole, name: string) => values[name]?.[0] ?? whole);
}

/**
 * nginx with the repository's edge configuration, on a free loopback port, in a folder of its own. Its
 * address is known before it starts, so that the gateways behind it can hand it out in queue URLs.
 */
export class EdgeProxy {
  private nginx?: ChildProcess;
  private dir = '';

  private constructor(private readonly port: number) {}

  static async onFreePort(): Promise<EdgeProxy> {
    return new EdgeProxy(await freePort());
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Checks the configuration with `nginx -t`, starts nginx and resolves once it answers. */
  async start(upstreams: EdgeUpstreams): Promise<void> {
    if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: apt-get install -y nginx`);
    this.dir = mkdtempSync(join(tmpdir(), 'edge-'));
    mkdirSync(join(this.dir, 'logs'));
    const conf = join(this.dir, 'nginx.conf');
    writeFileSync(conf, edgeConfig(`127.0.0.1:${this.port}`, upstreams));
    const pid = `pid ${this.dir}/nginx.pid;`;
    execFileSync(NGINX, ['-t', '-p', this.dir, '-c', conf, '-e', 'stderr', '-g', pid], { stdio: 'pipe' });
    this.nginx = spawn(NGINX, ['-p', this.dir, '-c', conf, '-e', 'stderr', '-g', `daemon off; ${pid}`], {
      stdio: 'ignore',
    });
    const deadline = Date.now() + 10_000;
    for (;;) {
      const ok = await fetch(`${this.url}/health/live`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      if (Date.now() > deadline) throw new Error('nginx did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stop(): Promise<void> {
    const nginx = this.nginx;
    this.nginx = undefined;
    if (nginx && nginx.exitCode === null && nginx.signalCode === null) {
      const exited = new Promise<void>((resolve) => nginx.once('exit', () => resolve()));
      nginx.kill('SIGTERM');
      await exited;
    }
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
