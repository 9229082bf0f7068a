import { randomUUID } from 'node:crypto';
import { AwsError, CommonErrors } from './aws-error';
import type { AwsService, OperationContext, RoutedOperation, WireProtocol } from './aws-service';
import {
  decodeJsonInput,
  encodeJsonError,
  encodeJsonOutput,
  queryCompatibleErrorHeader,
} from './protocols/json-protocol';
import { decodeQueryInput, encodeQueryError, encodeQueryOutput } from './protocols/query-protocol';
import { decodeUtf8Strict, type QueryParams, readFormEncoded } from './protocols/text-decoding';
import { withLogContext } from './log-context';
import { checkCredentialScope, readSigV4, type SigV4Authorization, verifySigV4 } from './sigv4';
import { validateInput, type ValidationIssue } from './validation';

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
  /**
   * Aborted when the client's connection closes before the answer is written; given by the HTTP
   * layer, absent for in-process callers.
   */
  readonly signal?: AbortSignal;
}

export interface AwsHttpResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** What the router tells its observer about each answered request: the one place for logs and metrics. */
export interface RequestRecord {
  /** The service's id (`SQS`), when the request could be routed to one. */
  readonly service?: string;
  /** The operation the request names (`unknown` when it names none). */
  readonly operation: string;
  /** Whether the service has that operation: false for a name the request made up. */
  readonly operationKnown: boolean;
  /** The wire protocol of an HTTP request, or `grpc` for a call through the gRPC face. */
  readonly protocol: WireProtocol | 'grpc';
  readonly status: number;
  /** The AWS error code of a failed request. */
  readonly errorCode?: string;
  readonly durationMs: number;
  /** The request id its answer carries (`x-amzn-RequestId`), or an in-process call's. */
  readonly requestId: string;
  /** For an InternalFailure: what was thrown. */
  readonly internalError?: unknown;
}

/** How the router authenticates, which account and region it speaks for, and who hears about requests. */
export interface AwsRouterOptions {
  readonly accountId: string;
  readonly region: string;
  /** Access key id → secret key. Empty: any signature (or none) is accepted. */
  readonly credentials: ReadonlyMap<string, string>;
  /** The time source for signature expiry (ms since the epoch). */
  readonly now: () => number;
  /** Called once per answered request, within the request's log context; must not throw. */
  readonly onRequest?: (record: RequestRecord) => void;
  /**
   * Maps failures every service shares (its store cannot be reached) to AWS errors, tried before the
   * service's own `mapError`; returns undefined for anything else.
   */
  readonly mapError?: (error: unknown) => AwsError | undefined;
  /**
   * The services (by signing name) requests may reach; the others answer in-process calls only.
   * Unset: every registered service is served.
   */
  readonly served?: readonly string[];
}

interface RegisteredService {
  readonly service: AwsService;
  readonly operations: ReadonlyMap<string, RoutedOperation>;
}

interface Routed {
  readonly registered: RegisteredService | undefined;
  readonly operationName: string;
  readonly protocol: WireProtocol;
  readonly params?: QueryParams;
  readonly sig: SigV4Authorization | undefined;
}

/**
 * Routes AWS API requests to (service, operation), decodes and validates the input from the service's
 * model, invokes the operation, and encodes the answer in the request's protocol.
 *
 * Which service a request is for, in this order: (1) the `X-Amz-Target` prefix of a JSON request;
 * (2) the service named by the SigV4 credential scope; (3) for a query request that is unsigned (or
 * signed for a service not served here), the one service whose model has the Action, or, when several
 * have it, the one whose `ownsQueryRequest` hook claims the request. A request still ambiguous after
 * that is refused.
 */
/** What an in-process call answers: the output as JSON would carry it, and the call's request id. */
export interface ServiceCallResult {
  readonly requestId: string;
  readonly output: Record<string, unknown>;
}

/** A document served at a fixed path: its content type and body, read when requested. */
export interface StaticResource {
  readonly contentType: string;
  read(): Promise<string>;
}

export class AwsRouter {
  private readonly resources = new Map<string, StaticResource>();
  private readonly byTarget = new Map<string, RegisteredService>();
  private readonly bySigningName = new Map<string, RegisteredService>();
  private readonly services: RegisteredService[] = [];
  /** Services registered for in-process calls only (not among `served`). */
  private readonly inProcess = new Map<string, RegisteredService>();

  constructor(private readonly options: AwsRouterOptions) {}

  /**
   * Serves a document at a fixed path to GET requests (SNS's signing certificate), beside the AWS
   * APIs; the path is the request path without its query.
   */
  serveResource(path: string, resource: StaticResource): void {
    this.resources.set(path, resource);
  }

  /** The document registered for a GET of `path`, if any. */
  resource(method: string, path: string): StaticResource | undefined {
    return method === 'GET' || method === 'HEAD' ? this.resources.get(path) : undefined;
  }

  /**
   * Makes a service reachable (by requests when it is among `served`, by in-process calls always);
   * every operation must be in its model, and names must be unique.
   */
  register(service: AwsService): void {
    const { metadata } = service.model;
    const operations = new Map<string, RoutedOperation>();
    for (const operation of service.operations) {
      const model = service.model.operations[operation.name];
      if (!model) throw new Error(`${metadata.serviceId} has no operation ${operation.name} in its model`);
      operations.set(operation.name, { operation, model });
    }
    const registered: RegisteredService = { service, operations };
    if (this.bySigningName.has(metadata.signingName) || this.inProcess.has(metadata.signingName)) {
      throw new Error(`a service signing as ${metadata.signingName} is registered already`);
    }
    if (this.options.served && !this.options.served.includes(metadata.signingName)) {
      this.inProcess.set(metadata.signingName, registered);
      return;
    }
    this.bySigningName.set(metadata.signingName, registered);
    if (metadata.targetPrefix) this.byTarget.set(metadata.targetPrefix, registered);
    this.services.push(registered);
  }

  /** Whether requests may reach the service signing as `signingName` (in-process calls reach any registered one). */
  serves(signingName: string): boolean {
    return this.bySigningName.has(signingName);
  }

  get authenticating(): boolean {
    return this.options.credentials.size > 0;
  }

  /**
   * Answers one request. With a `refusal` (a request the HTTP layer would not read whole) the answer is
   * that error, in the protocol and service the request names as far as they can be told; such a request
   * is routed but neither authenticated nor decoded. Whatever is logged while the request is
   * answered carries its request id.
   */
  handle(req: AwsHttpRequest, refusal?: AwsError): Promise<AwsHttpResponse> {
    const requestId = randomUUID();
    return withLogContext({ requestId }, () => this.answer(req, refusal, requestId));
  }

  private async answer(
    req: AwsHttpRequest,
    refusal: AwsError | undefined,
    requestId: string,
  ): Promise<AwsHttpResponse> {
    const started = performance.now();
    let routed: Routed | undefined;
    let response: AwsHttpResponse;
    let failure: AwsError | undefined;
    let internalError: unknown;
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
      response = await this.invoke(req, routed, requestId);
    } catch (caught) {
      failure =
        caught instanceof AwsError
          ? caught
          : (this.options.mapError?.(caught) ?? routed?.registered?.service.mapError?.(caught));
      if (!failure) {
        internalError = caught;
        failure = new AwsError(
          CommonErrors.InternalFailure,
          'The request processing has failed because of an unknown error, exception or failure.',
        );
      }
      response = this.errorResponse(req, routed, requestId, failure);
    }
    this.options.onRequest?.({
      service: routed?.registered?.service.model.metadata.serviceId,
      operation: routed?.operationName ?? 'unknown',
      operationKnown: routed?.registered?.operations.has(routed.operationName) ?? false,
      protocol: routed?.protocol ?? (req.headers['x-amz-target'] ? 'json' : 'query'),
      status: response.status,
      errorCode: failure?.code,
      durationMs: performance.now() - started,
      requestId,
      internalError,
    });
    return response;
  }

  /**
   * Calls an operation in-process, as a workflow task or an event target calls a service: the input
   * (plain JSON, members as the service's model names them) is checked exactly as a JSON request's
   * would be, and the answer is the output as the service's JSON protocol would write it (timestamps
   * as epoch seconds, blobs as base64). Failures are AwsErrors, mapped as the HTTP path maps them.
   * Calls are neither signed nor authenticated: they come from inside the deployment. What is
   * logged meanwhile carries the call's request id. A call that stands for a client's request (the
   * gRPC face's, `reportAs: 'grpc'`) is reported to the `onRequest` observer as HTTP requests are.
   */
  call(
    signingName: string,
    operationName: string,
    input: unknown,
    options: { reportAs?: 'grpc' } = {},
  ): Promise<ServiceCallResult> {
    const requestId = randomUUID();
    const called = withLogContext({ requestId }, () =>
      this.callOperation(signingName, operationName, input, requestId),
    );
    const observe = this.options.onRequest;
    if (!options.reportAs || !observe) return called;
    const started = performance.now();
    const registered = this.bySigningName.get(signingName);
    const report = (status: number, failure?: unknown) =>
      observe({
        service: registered?.service.model.metadata.serviceId,
        operation: operationName,
        operationKnown: registered?.operations.has(operationName) ?? false,
        protocol: options.reportAs!,
        status,
        errorCode: failure instanceof AwsError ? failure.code : undefined,
        durationMs: performance.now() - started,
        requestId,
        internalError: failure instanceof AwsError ? undefined : failure,
      });
    return called.then(
      (result) => {
        report(200);
        return result;
      },
      (failure: unknown) => {
        report(failure instanceof AwsError ? failure.shape.status : 500, failure);
        throw failure;
      },
    );
  }

  private async callOperation(
    signingName: string,
    operationName: string,
    input: unknown,
    requestId: string,
  ): Promise<ServiceCallResult> {
    const registered = this.bySigningName.get(signingName) ?? this.inProcess.get(signingName);
    try {
      const routedOp = registered?.operations.get(operationName);
      if (!registered || !routedOp)
        throw new AwsError(
          CommonErrors.UnknownOperation,
          `Unknown operation ${operationName}${registered ? '' : ` (no service ${signingName} is served here)`}.`,
        );
      const { service } = registered;
      const { operation, model } = routedOp;
      const decoded = decodeJsonInput(JSON.stringify(input ?? {}));
      service.hooks?.completeInput?.(decoded, { path: '/' }, model.input);
      const issues = validateInput(decoded, model.input, { jsonTypes: true });
      if (issues.length) throw service.formatValidationError(issues);
      const ctx: OperationContext = {
        requestId,
        protocol: 'json',
        accountId: this.options.accountId,
        region: this.options.region,
      };
      const output = (await operation.handle(decoded, ctx)) as object | undefined;
      return {
        requestId,
        output: JSON.parse(encodeJsonOutput(output, model.output)) as Record<string, unknown>,
      };
    } catch (caught) {
      const failure =
        caught instanceof AwsError
          ? caught
          : (this.options.mapError?.(caught) ?? registered?.service.mapError?.(caught));
      throw failure ?? caught;
    }
  }

  private async invoke(req: AwsHttpRequest, routed: Routed, requestId: string): Promise<AwsHttpResponse> {
    const registered = routed.registered;
    const accessKeyId = this.authenticate(req, routed.sig, registered);
    const routedOp = registered?.operations.get(routed.operationName);
    if (!registered || !routedOp) throw this.unknownOperation(routed);
    const { service } = registered;
    const { operation, model } = routedOp;
    const issues: ValidationIssue[] = [];
    const input =
      routed.protocol === 'json'
        ? decodeJsonInput(decodeUtf8Strict(req.body))
        : decodeQueryInput(routed.params!, model.input, issues);
    service.hooks?.completeInput?.(input, req, model.input);
    for (const issue of validateInput(input, model.input, { jsonTypes: routed.protocol === 'json' })) {
      issues.push(issue);
    }
    if (issues.length) throw service.formatValidationError(issues);
    const ctx: OperationContext = {
      requestId,
      protocol: routed.protocol,
      accountId: this.options.accountId,
      region: this.options.region,
      accessKeyId,
      signal: req.signal,
    };
    const output = (await operation.handle(input, ctx)) as object | undefined;
    const { metadata } = service.model;
    if (routed.protocol === 'json') {
      return this.jsonResponse(200, registered, requestId, encodeJsonOutput(output, model.output));
    }
    return this.xmlResponse(
      200,
      requestId,
      encodeQueryOutput(operation.name, output, model.output, metadata.xmlNamespace ?? '', requestId),
    );
  }

  private errorResponse(
    req: AwsHttpRequest,
    routed: Routed | undefined,
    requestId: string,
    error: AwsError,
  ): AwsHttpResponse {
    const metadata = routed?.registered?.service.model.metadata;
    const protocol = routed?.protocol ?? (req.headers['x-amz-target'] ? 'json' : 'query');
    if (protocol === 'json') {
      const headers: Record<string, string> = {};
      if (metadata?.awsQueryCompatible) headers['x-amzn-query-error'] = queryCompatibleErrorHeader(error);
      return this.jsonResponse(
        error.shape.status,
        routed?.registered,
        requestId,
        encodeJsonError(error, metadata?.errorNamespace),
        headers,
      );
    }
    return this.xmlResponse(
      error.shape.status,
      requestId,
      encodeQueryError(error, requestId, metadata?.xmlNamespace),
    );
  }

  private route(req: AwsHttpRequest): Routed {
    const target = req.headers['x-amz-target'];
    if (typeof target === 'string' && target.length > 0) {
      const dot = target.lastIndexOf('.');
      return {
        registered: dot > 0 ? this.byTarget.get(target.slice(0, dot)) : undefined,
        operationName: dot > 0 ? target.slice(dot + 1) : target,
        protocol: 'json',
        sig: readSigV4(req, req.rawQuery ? readFormEncoded(req.rawQuery, new Map()) : undefined),
      };
    }
    const params = readFormEncoded(req.rawQuery, new Map());
    const contentType = String(req.headers['content-type'] ?? '');
    if (
      req.body.length > 0 &&
      (contentType === '' || contentType.startsWith('application/x-www-form-urlencoded'))
    ) {
      readFormEncoded(decodeUtf8Strict(req.body), params);
    }
    const action = params.get('Action');
    const sig = readSigV4(req, params);
    if (!action) {
      throw new AwsError(CommonErrors.MissingAction, 'The request must contain the parameter Action.');
    }
    const registered =
      (sig && this.bySigningName.get(sig.service)) ?? this.unsignedQueryService(req, action, params);
    return { registered, operationName: action, protocol: 'query', params, sig };
  }

  /** Step (3) of the routing order: a query request by its Action and the services' claims. */
  private unsignedQueryService(
    req: AwsHttpRequest,
    action: string,
    params: QueryParams,
  ): RegisteredService | undefined {
    const candidates = this.services.filter((s) => s.operations.has(action));
    if (candidates.length <= 1) return candidates[0];
    const owners = candidates.filter((s) => s.service.hooks?.ownsQueryRequest?.(req, params));
    if (owners.length === 1) return owners[0];
    throw new AwsError(
      CommonErrors.InvalidAction,
      `The action ${action} is offered by several services here (${candidates
        .map((s) => s.service.model.metadata.signingName)
        .join(', ')}); sign the request so that its credential scope names one.`,
    );
  }

  /**
   * With credentials configured, a request must carry a SigV4 signature made with one of them, for
   * the service that answers and this endpoint's region. Services that speak only AWS JSON call a bad
   * signature InvalidSignatureException; query and query-compatible ones SignatureDoesNotMatch.
   */
  private authenticate(
    req: AwsHttpRequest,
    sig: SigV4Authorization | undefined,
    registered: RegisteredService | undefined,
  ): string | undefined {
    if (!this.authenticating) return sig?.accessKeyId;
    if (!sig) {
      throw new AwsError(CommonErrors.MissingAuthenticationToken, 'Request is missing Authentication Token');
    }
    const metadata = registered?.service.model.metadata;
    try {
      if (metadata) checkCredentialScope(sig, metadata.signingName, this.options.region);
      verifySigV4(req, sig, (id) => this.options.credentials.get(id), this.options.now());
    } catch (e) {
      const jsonOnly = metadata?.protocol === 'json' && !metadata.awsQueryCompatible;
      if (jsonOnly && e instanceof AwsError && e.code === CommonErrors.SignatureDoesNotMatch.code) {
        throw new AwsError(CommonErrors.InvalidSignatureException, e.message);
      }
      throw e;
    }
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

  private jsonResponse(
    status: number,
    registered: RegisteredService | undefined,
    requestId: string,
    body: string,
    extra: Record<string, string> = {},
  ): AwsHttpResponse {
    const version = registered?.service.model.metadata.jsonVersion ?? '1.0';
    return {
      status,
      headers: {
        'content-type': `application/x-amz-json-${version}`,
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
