import type { LoggerService } from '@nestjs/common';
import { currentLogContext } from '@switchyard/aws-wire';
import pino from 'pino';
import type { LogLevel } from './runtime-config';

/** Nest's own account of booting (modules loaded, routes mapped): worth a line only when debugging. */
const NEST_BOOT_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
  'NestMicroservice',
]);

/** A stack trace as Nest passes it beside an error's message. */
const STACK = /^.*\n\s+at .+/;

/**
 * Nest's logger as JSON lines (pino), one object a line:
 * `{"level":"info","time":"…","requestId":"…","context":"SqsService","msg":"…"}`. Every
 * `new Logger(context).log(…)` in the code writes through it. Lines written while a request (or an
 * executor's work item) is handled carry its log context: `requestId`, `executionArn` … Nest's
 * `verbose` is below `debug`, so never written.
 */
export class JsonLogger implements LoggerService {
  private readonly pino: pino.Logger;

  /** `destination`: stdout (written synchronously, so the last line before an exit is not lost) unless given. */
  constructor(level: LogLevel | 'silent', destination?: pino.DestinationStream) {
    this.pino = pino(
      {
        level,
        base: null,
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        mixin: () => currentLogContext() ?? {},
      },
      destination ?? pino.destination({ dest: 1, sync: true }),
    );
  }

  /** Whether lines of `level` are written. */
  isLevelEnabled(level: LogLevel): boolean {
    return this.pino.isLevelEnabled(level);
  }

  log(message: unknown, ...params: unknown[]): void {
    const context = params[params.length - 1];
    this.write(
      typeof context === 'string' && NEST_BOOT_CONTEXTS.has(context) ? 'debug' : 'info',
      message,
      params,
    );
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Nest passes `(message, stack?, context?)`. */
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  private write(level: pino.Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    // Nest's Logger puts the context last; an error's stack comes before it.
    const last = params[params.length - 1];
    const context = typeof last === 'string' && !STACK.test(last) ? params.pop() : undefined;
    const stack = params.find((p): p is string => typeof p === 'string' && STACK.test(p));
    const fields: Record<string, unknown> = {};
    if (context !== undefined) fields.context = context;
    if (stack !== undefined) fields.stack = stack;
    if (message instanceof Error) {
      fields.stack ??= message.stack;
      this.pino[level](fields, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, ...message });
    } else this.pino[level](fields, String(message));
  }
}

/** The level of a Nest logger option (`['error']`: errors only; `false`: nothing). */
export function levelOfNestOption(option: false | readonly string[]): LogLevel | 'silent' {
  if (option === false) return 'silent';
  if (option.includes('debug') || option.includes('verbose')) return 'debug';
  if (option.includes('log')) return 'info';
  if (option.includes('warn')) return 'warn';
  return option.length > 0 ? 'error' : 'silent';
}
