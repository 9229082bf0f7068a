import { randomUUID } from 'node:crypto';
import { AwsError, CommonErrors } from './aws-error';
import type { AwsOperation, AwsService, OperationContext, WireProtocol } from './aws-service';
import {
  decodeJsonInput,
  encodeJsonError,
  encodeJsonOutput,
  queryCompatibleErrorHeader,
} from './protocols/json-protocol';
import { decodeQueryInput, encodeQueryError, encodeQueryOutput } from './protocols/query-protocol';
import { readSigV4, type SigV4Authorization, verifySigV4 } from './sigv4';

/** An HTTP request as the router needs it, independent of the HTTP framework. */
export interface AwsHttpRequest {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  /** The raw query string, without `?`. */
  readonly rawQuery: string;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

export interface AwsHttpResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** How the router authenticates and which account and region it speaks for. */
export interface AwsRouterOptions {
  readonly accountId: string;
  readonly region: string;
  /** Access key id → secret key. Empty: any signature (or none) is accepted. */
  readonly credentials: ReadonlyMap<string, string>;
  /** Called with errors that are not AWS errors (bugs); they answer InternalFailure. */
  readonly onInternalError?: (error: unknown, operation: string) => void;
}

interface Routed {
  service: AwsService | undefined;
  operationName: string;
  protocol: WireProtocol;
  decode: (operation: AwsOperation) => Record<string, unknown>;
  sig: SigV4Authorization | undefined;
}

/** Routes AWS API requests to (service, operation), decodes, invokes, and encodes in the request's protocol. */
export class AwsRouter {
  private readonly byTarget = new Map<string, AwsService>();
  private readonly bySigningName = new Map<string, AwsService>();
  private readonly services: AwsService[] = [];

  constructor(private readonly options: AwsRouterOptions) {}

  /** Makes a service reachable; its JSON target prefix and signing name must be unique. */
  register(service: AwsService): void {
    if (service.jsonTargetPrefix) this.byTarget.set(service.jsonTargetPrefix, service);
    this.bySigningName.set(service.signingName, service);
    this.services.push(service);
  }

  get authenticating(): boolean {
    return this.options.credentials.size > 0;
  }

  /**
   * Answers one request. With a `refusal` (a request the HTTP layer would not read whole) the answer is
   * that error, in the protocol and service the request names as far as they can be told; such a request
   * is routed but neither authenticated nor decoded.
   */
  async handle(req: AwsHttpRequest, refusal?: AwsError): Promise<AwsHttpResponse> {
    const requestId = randomUUID();
    let routed: Routed | undefined;
    try {
      if (refusal) {
        try {
          routed = this.route(req);
        } catch {
          routed = undefined;
        }
        throw refusal;
      }
      routed = this.route(req);
      const accessKeyId = this.authenticate(req, routed.sig);
      const service = routed.service;
      const operation: AwsOperation | undefined = service?.operations.get(routed.operationName);
      if (!service || !operation) throw this.unknownOperation(routed);
      const input = routed.decode(operation);
      const ctx: OperationContext = {
        requestId,
        protocol: routed.protocol,
        accountId: this.options.accountId,
        region: this.options.region,
        path: req.path,
        accessKeyId,
      };
      const output = (await operation.handle(input, ctx)) as Record<string, unknown> | undefined;
      return routed.protocol === 'json'
        ? this.jsonResponse(200, service, requestId, encodeJsonOutput(output))
        : this.xmlResponse(
            200,
            requestId,
            encodeQueryOutput(
              operation.name,
              output,
              operation.output,
              service.xmlNamespace ?? '',
              requestId,
            ),
          );
    } catch (caught) {
      const error =
        caught instanceof AwsError ? caught : this.internal(caught, routed?.operationName ?? 'unknown');
      const protocol = routed?.protocol ?? (req.headers['x-amz-target'] ? 'json' : 'query');
      if (protocol === 'json') {
        const headers: Record<string, string> = {};
        if (routed?.service?.queryCompatible)
          headers['x-amzn-query-error'] = queryCompatibleErrorHeader(error);
        return this.jsonResponse(
          error.shape.status,
          routed?.service,
          requestId,
          encodeJsonError(error, routed?.service?.errorNamespace),
          headers,
        );
      }
      return this.xmlResponse(
        error.shape.status,
        requestId,
        encodeQueryError(error, requestId, routed?.service?.xmlNamespace),
      );
    }
  }

  private route(req: AwsHttpRequest): Routed {
    const target = req.headers['x-amz-target'];
    if (typeof target === 'string' && target.length > 0) {
      const dot = target.lastIndexOf('.');
      const service = dot > 0 ? this.byTarget.get(target.slice(0, dot)) : undefined;
      const routed: Routed = {
        service,
        operationName: dot > 0 ? target.slice(dot + 1) : target,
        protocol: 'json',
        decode: (operation) => decodeJsonInput(req.body.toString('utf8'), operation.input),
        sig: readSigV4(req, req.rawQuery ? new URLSearchParams(req.rawQuery) : undefined),
      };
      return routed;
    }
    const params = new URLSearchParams(req.rawQuery);
    const contentType = String(req.headers['content-type'] ?? '');
    if (
      req.body.length > 0 &&
      (contentType === '' || contentType.startsWith('application/x-www-form-urlencoded'))
    ) {
      for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) params.append(k, v);
    }
    const action = params.get('Action');
    const sig = readSigV4(req, params);
    let service = sig ? this.bySigningName.get(sig.service) : undefined;
    if (!service && action) {
      // Unsigned query requests: pick the one service that knows this action; SQS wins ties for queue paths.
      const candidates = this.services.filter((s) => s.operations.has(action));
      service = candidates.find((s) => s.signingName === 'sqs' && req.path !== '/') ?? candidates[0];
    }
    if (!action) {
      throw new AwsError(CommonErrors.MissingAction, 'The request must contain the parameter Action.');
    }
    const routed: Routed = {
      service,
      operationName: action,
      protocol: 'query',
      decode: (operation) => decodeQueryInput(params, operation.input),
      sig,
    };
    return routed;
  }

  private authenticate(req: AwsHttpRequest, sig: SigV4Authorization | undefined): string | undefined {
    if (!this.authenticating) return sig?.accessKeyId;
    if (!sig) {
      throw new AwsError(CommonErrors.MissingAuthenticationToken, 'Request is missing Authentication Token');
    }
    verifySigV4(req, sig, (id) => this.options.credentials.get(id));
    return sig.accessKeyId;
  }

  private unknownOperation(routed: Routed): AwsError {
    return routed.protocol === 'json'
      ? new AwsError(CommonErrors.UnknownOperation, `Unknown operation ${routed.operationName}.`)
      : new AwsError(
          CommonErrors.InvalidAction,
          `The action ${routed.operationName} is not valid for this endpoint.`,
        );
  }

  private internal(error: unknown, operation: string): AwsError {
    this.options.onInternalError?.(error, operation);
    return new AwsError(
      CommonErrors.InternalFailure,
      'The request processing has failed because of an unknown error, exception or failure.',
    );
  }

  private jsonResponse(
    status: number,
    service: AwsService | undefined,
    requestId: string,
    body: string,
    extra: Record<string, string> = {},
  ): AwsHttpResponse {
    return {
      status,
      headers: {
        'content-type': `application/x-amz-json-${service?.jsonVersion ?? '1.0'}`,
        'x-amzn-requestid': requestId,
        ...extra,
      },
      body,
    };
  }

  private xmlResponse(status: number, requestId: string, body: string): AwsHttpResponse {
    return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
  }
}
