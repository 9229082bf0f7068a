import type { StructShape } from './shapes';

/** Which wire protocol a request arrived in; the response goes back in the same one. */
export type WireProtocol = 'json' | 'query';

/** What an operation knows about the request besides its input. */
export interface OperationContext {
  readonly requestId: string;
  readonly protocol: WireProtocol;
  readonly accountId: string;
  readonly region: string;
  /** The request path: query-protocol clients address some requests to a resource URL (a queue URL). */
  readonly path: string;
  /** The access key that signed the request, when it was signed. */
  readonly accessKeyId?: string;
}

/** One AWS operation: its query/XML shapes and its handler, which takes and returns JSON-shaped values. */
export interface AwsOperation<I = any, O = any> {
  readonly name: string;
  /** Input members, used to unflatten query parameters. */
  readonly input?: StructShape;
  /** Output members, used to render the XML result; absent when the operation returns nothing. */
  readonly output?: StructShape;
  handle(input: I, ctx: OperationContext): Promise<O | undefined> | O | undefined;
}

/** A service as its AWS model describes it on the wire. */
export interface AwsService {
  /** The SigV4 signing name (`sqs`, `sns`, `states`): routes query-protocol requests. */
  readonly signingName: string;
  /** `X-Amz-Target` prefix for the JSON protocols (`AmazonSQS`, `AWSStepFunctions`). */
  readonly jsonTargetPrefix?: string;
  readonly jsonVersion?: '1.0' | '1.1';
  /** The Smithy namespace in JSON error `__type` values (`com.amazonaws.sqs`). */
  readonly errorNamespace?: string;
  /** Query-compatible JSON services also send `x-amzn-query-error` with each error. */
  readonly queryCompatible?: boolean;
  /** The namespace of query-protocol XML responses. */
  readonly xmlNamespace?: string;
  readonly operations: ReadonlyMap<string, AwsOperation>;
}

/** Indexes a list of operations by name. */
export function operationMap(operations: readonly AwsOperation[]): ReadonlyMap<string, AwsOperation> {
  return new Map(operations.map((op) => [op.name, op]));
}
