import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The Debian AWS CLI v2 (query/XML protocol for SQS). */
export const AWS_CLI = '/usr/bin/aws';
/** The system Python that has Debian's boto3 (not the pyenv one on PATH). */
export const SYSTEM_PYTHON = '/usr/bin/python3';

/** Throws a message that tells CI what to install when an external client is absent. */
export function requireExecutable(path: string, installHint: string): void {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`${path} is not installed or not executable; these tests need it (${installHint})`);
  }
}

/** The outcome of one external command. */
export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A sandbox for external AWS clients: fixed credentials and region, no user config files, one
 * attempt per call, so a failure is reported at once instead of after retries.
 */
export class ClientSandbox {
  private readonly home = mkdtempSync(join(tmpdir(), 'switchyard-clients-'));

  get env(): Record<string, string> {
    return {
      PATH: '/usr/bin:/bin',
      HOME: this.home,
      LANG: 'C.UTF-8',
      AWS_ACCESS_KEY_ID: 'AKIDCLIENT',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: join(this.home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(this.home, 'credentials'),
      AWS_PAGER: '',
      AWS_RETRY_MODE: 'standard',
      AWS_MAX_ATTEMPTS: '1',
    };
  }

  /** Runs a program without blocking the event loop (the server under test may live in this process). */
  run(
    file: string,
    args: string[],
    options: { input?: string; timeoutMs?: number; env?: Record<string, string> } = {},
  ): Promise<CommandResult> {
    return new Promise((resolve, reject) => {
      const child = execFile(
        file,
        args,
        {
          env: { ...this.env, ...options.env },
          timeout: options.timeoutMs ?? 60_000,
          maxBuffer: 64 * 1024 * 1024,
          encoding: 'utf8',
        },
        (error, stdout, stderr) => {
          if (error && typeof error.code !== 'number') {
            reject(new Error(`${file} ${args.join(' ')} did not run: ${error.message}\n${stderr}`));
            return;
          }
          resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
        },
      );
      if (options.input !== undefined) child.stdin?.end(options.input);
    });
  }

  cleanup(): void {
    rmSync(this.home, { recursive: true, force: true });
  }
}

/** Drives `aws sqs …` against one endpoint. */
export class AwsCli {
  constructor(
    private readonly sandbox: ClientSandbox,
    private readonly endpoint: string,
  ) {}

  /** Runs `aws sqs <args>`; resolves with the parsed JSON output, rejects with the CLI's error text. */
  async sqs<T = any>(...args: string[]): Promise<T> {
    const result = await this.raw(...args);
    if (result.code !== 0) throw new CliError(args, result);
    return (result.stdout.trim() ? JSON.parse(result.stdout) : {}) as T;
  }

  /** Runs `aws sqs <args>` and returns exit code and output, whatever happened. */
  raw(...args: string[]): Promise<CommandResult> {
    return this.sandbox.run(AWS_CLI, ['--endpoint-url', this.endpoint, '--output', 'json', 'sqs', ...args]);
  }
}

/** A failed `aws` invocation; the message holds the CLI's stderr, which names the AWS error code. */
export class CliError extends Error {
  constructor(
    readonly args: string[],
    readonly result: CommandResult,
  ) {
    super(`aws sqs ${args.join(' ')} exited ${result.code}: ${result.stderr.trim()}`);
  }
}

/** Hex MD5 of a UTF-8 string, as SQS reports MD5OfMessageBody. */
export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** One message attribute as the SQS wire carries it. */
export interface WireAttribute {
  readonly DataType: string;
  readonly StringValue?: string;
  /** Base64, as the CLI and the JSON protocol carry it. */
  readonly BinaryValue?: string;
}

/**
 * MD5OfMessageAttributes computed independently of the server, per the SQS developer guide:
 * attributes sorted by name, each as length-prefixed name, length-prefixed data type, a transport
 * byte (1 string/number, 2 binary) and the length-prefixed value.
 */
export function md5OfMessageAttributes(attributes: Record<string, WireAttribute>): string {
  const hash = createHash('md5');
  const lengthPrefixed = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length);
    hash.update(bytes);
  };
  for (const name of Object.keys(attributes).sort()) {
    const a = attributes[name];
    lengthPrefixed(Buffer.from(name, 'utf8'));
    lengthPrefixed(Buffer.from(a.DataType, 'utf8'));
    if (a.BinaryValue !== undefined) {
      hash.update(Buffer.from([2]));
      lengthPrefixed(Buffer.from(a.BinaryValue, 'base64'));
    } else {
      hash.update(Buffer.from([1]));
      lengthPrefixed(Buffer.from(a.StringValue ?? '', 'utf8'));
    }
  }
  return hash.digest('hex');
}
