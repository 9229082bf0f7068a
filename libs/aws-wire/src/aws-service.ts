import type { AwsError } from './aws-error';
import type { QueryParams } from './protocols/text-decoding';
import type { OperationModel, ServiceModel, StructShape } from './shapes';
import type { ValidationErrorFormatter } from './validation';

/** Which wire protocol a request arrived in; the response goes back in the same one. */
export type WireProtocol = 'json' | 'query';

/** What an operation knows about the request besides its input. */
export interface OperationContext {
  readonly requestId: string;
  readonly protocol: WireProtocol;
  readonly accountId: string;
  readonly region: string;
  /** The access key that signed the request, when it was signed. */
  readonly accessKeyId?: string;
  /**
   * Aborted when the client has gone (its connection closed before the answer was written): a long
   * poll stops waiting, and a receive hands back what it can no longer deliver. In-process callers
   * may leave it out.
   */
  readonly signal?: AbortSignal;
}

/**
 * One AWS operation: its name in the service's model and its handler. The wire layer has decoded the
 * input and checked it against the model (types, required members, documented limits) before
 * `handle` runs, and encodes what it returns from the model's output shape.
 */
export interface AwsOperation<I = any, O = any> {
  readonly name: string;
  handle(input: I, ctx: OperationContext): Promise<O | undefined> | O | undefined;
}

/** An operation typed by a generated `<Service>Operations` table: `AwsOperation` of its input and output. */
export type ModelledOperation<Ops, Name extends keyof Ops> = Ops[Name] extends {
  input: infer I;
  output: infer O;
}
  ? AwsOperation<I, O extends void ? undefined : O> & { readonly name: Name }
  : never;

/** A request as a service's quirks may look at it. */
export interface RequestView {
  /** The request path (query-protocol clients address some requests to a resource URL, such as a queue URL). */
  readonly path: string;
}

/**
 * A service's quirks on the request path, each named for what it does, in the spirit of per-service
 * serialiser subclasses: the wire layer stays service-neutral and calls them at fixed points.
 */
export interface ServiceHooks {
  /** Before validation: fills input members the request carries elsewhere than its parameters. */
  readonly completeInput?: (input: Record<string, unknown>, request: RequestView, shape: StructShape) => void;
  /**
   * For an unsigned query request whose Action more than one service knows: whether this service
   * owns it (SQS owns requests addressed to a queue URL).
   */
  readonly ownsQueryRequest?: (request: RequestView, params: QueryParams) => boolean;
}

/** What a service hands the router: its model, its error wording, its operations and its quirks. */
export interface AwsService {
  /** The generated model with the service's limits applied (`withLimits`). */
  readonly model: ServiceModel;
  /** Words the validation issues of a request as this service does. */
  readonly formatValidationError: ValidationErrorFormatter;
  readonly operations: readonly AwsOperation[];
  /**
   * Maps the service's domain errors (a store's "no such queue") to AWS errors, once for the whole
   * service; returns undefined for anything it does not know, which answers InternalFailure.
   */
  readonly mapError?: (error: unknown) => AwsError | undefined;
  readonly hooks?: ServiceHooks;
}

/** An operation together with what the router needs of its model, resolved once at registration. */
export interface RoutedOperation {
  readonly operation: AwsOperation;
  readonly model: OperationModel;
}
