import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { isStoreUnavailable } from '@switchyard/redis';

/** An answer of the console's endpoints other than success: a status and a message a person can act on. */
export class ConsoleError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface ErrorReply {
  code(status: number): ErrorReply;
  header(name: string, value: string): ErrorReply;
  send(body: unknown): unknown;
}

/**
 * Every failure of a console endpoint as `{ "message" }`: the console's own errors with their status,
 * the framework's (a malformed body) with theirs, Redis out of reach as 503, anything else as 500
 * `internal error`, logged with its stack.
 */
@Catch()
export class ConsoleErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('Console');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<ErrorReply>();
    let status: number;
    let message: string;
    if (error instanceof ConsoleError) {
      status = error.status;
      message = error.message;
    } else if (error instanceof HttpException) {
      status = error.getStatus();
      message = error.message;
    } else if (isStoreUnavailable(error)) {
      status = 503;
      message = 'Redis cannot be reached; try again shortly.';
    } else if (typeof (error as { statusCode?: unknown })?.statusCode === 'number') {
      // The HTTP framework's own client errors (a body that is not JSON, …).
      status = (error as { statusCode: number }).statusCode;
      message = (error as Error).message;
    } else {
      status = 500;
      message = 'internal error';
      this.log.error(`console request failed: ${(error as Error)?.stack ?? String(error)}`);
    }
    if (status >= 500 && status !== 503 && message !== 'internal error') message = 'internal error';
    reply.code(status).header('content-type', 'application/json; charset=utf-8').send({ message });
  }
}
