import {
  type ChannelCredentials,
  type ChannelOptions,
  Client,
  credentials as channelCredentials,
  type GrpcObject,
  loadPackageDefinition,
  Metadata,
  type ServiceClientConstructor,
  type ServiceError,
  status,
} from '@grpc/grpc-js';
import type { MethodDefinition, PackageDefinition, ServiceDefinition } from '@grpc/proto-loader';
import type { Events, Sfn, Sns, Sqs } from '@switchyard/aws-wire';
import {
  GRPC_SERVICES,
  type GrpcServiceName,
  loadGrpcServices,
  NESTED_LISTS,
  unwrapNestedLists,
  wrapNestedLists,
} from '@switchyard/proto';

/** A model type as the gRPC faces answer it: timestamps as seconds since the epoch, blobs as base64 text. */
export type GrpcOutput<T> = T extends Date
  ? number
  : T extends readonly (infer U)[]
    ? GrpcOutput<U>[]
    : T extends object
      ? { [K in keyof T]: GrpcOutput<T[K]> }
      : T;

/** A model type as the client takes it: timestamps as Dates or seconds since the epoch, blobs as base64 text. */
export type GrpcInput<T> = T extends Date
  ? Date | number
  : T extends readonly (infer U)[]
    ? GrpcInput<U>[]
    : T extends object
      ? { [K in keyof T]: GrpcInput<T[K]> }
      : T;

/** Per call: a deadline, and metadata to send. */
export interface GrpcCallOptions {
  readonly deadline?: Date | number;
  readonly metadata?: Readonly<Record<string, string>>;
}

type LowerFirst<S extends string> = S extends `${infer H}${infer R}` ? `${Lowercase<H>}${R}` : S;

/**
 * One AWS service's operations as methods, from its model's operation table (`SqsOperations` …):
 * `SendMessage` is `sendMessage(input: SendMessageRequest): Promise<SendMessageResult>`.
 */
export type GrpcServiceClient<Operations> = {
  readonly [K in keyof Operations & string as LowerFirst<K>]: Operations[K] extends {
    input: infer I;
    output: infer O;
  }
    ? (input: GrpcInput<I>, options?: GrpcCallOptions) => Promise<[O] extends [void] ? void : GrpcOutput<O>>
    : never;
};

/** A failed call: AWS's error code and message as the service answered them, or the gRPC failure. */
export class SwitchyardGrpcError extends Error {
  /** AWS's error code (`QueueDoesNotExist`), or the gRPC status name when no service answered (`UNAVAILABLE`). */
  readonly code: string;
  /** The gRPC status. */
  readonly status: status;
  /** The id of the request, as the service logged it. */
  readonly requestId?: string;
  readonly metadata: Metadata;

  constructor(error: ServiceError) {
    const first = (key: string) => {
      const value = error.metadata?.get(key)[0];
      return typeof value === 'string' ? value : undefined;
    };
    super(error.details || error.message);
    this.status = error.code;
    this.code = first('aws-error-code') ?? status[error.code] ?? String(error.code);
    this.name = this.code;
    this.requestId = first('aws-request-id');
    this.metadata = error.metadata ?? new Metadata();
  }
}

/** How to reach the server: TLS credentials (plain text by default) and channel options. */
export interface SwitchyardGrpcClientOptions {
  readonly credentials?: ChannelCredentials;
  readonly channelOptions?: ChannelOptions;
}

const SERVICES: readonly GrpcServiceName[] = ['sqs', 'sns', 'states', 'events'];
let definition: PackageDefinition | undefined;

/**
 * A typed client of Switchyard's gRPC faces: `client.sqs.sendMessage({ QueueUrl, MessageBody })`,
 * `client.sns.publish(…)`, `client.states.startExecution(…)`, `client.events.putEvents(…)`, each
 * typed by the AWS model and answering a promise; a failure is a SwitchyardGrpcError. Calls carry
 * no SigV4 signature: the gRPC port is for callers inside the deployment.
 */
export class SwitchyardGrpcClient {
  readonly sqs: GrpcServiceClient<Sqs.SqsOperations>;
  readonly sns: GrpcServiceClient<Sns.SnsOperations>;
  readonly states: GrpcServiceClient<Sfn.SfnOperations>;
  readonly events: GrpcServiceClient<Events.EventsOperations>;
  private readonly stubs: Client[] = [];

  /** `address` is `host:port` of a Switchyard process's gRPC port (`localhost:50051`). */
  constructor(address: string, options: SwitchyardGrpcClientOptions = {}) {
    definition ??= loadGrpcServices(SERVICES);
    const loaded = loadPackageDefinition(definition);
    const credentials = options.credentials ?? channelCredentials.createInsecure();
    const make = (service: GrpcServiceName) => {
      const { package: pkg, service: name } = GRPC_SERVICES[service];
      const Stub = lookup(loaded, `${pkg}.${name}`);
      const stub = new Stub(address, credentials, options.channelOptions);
      this.stubs.push(stub);
      return methods(service, stub, definition![`${pkg}.${name}`] as ServiceDefinition);
    };
    this.sqs = make('sqs') as GrpcServiceClient<Sqs.SqsOperations>;
    this.sns = make('sns') as GrpcServiceClient<Sns.SnsOperations>;
    this.states = make('states') as GrpcServiceClient<Sfn.SfnOperations>;
    this.events = make('events') as GrpcServiceClient<Events.EventsOperations>;
  }

  /** Closes the connections. */
  close(): void {
    for (const stub of this.stubs) stub.close();
  }
}

function lookup(loaded: GrpcObject, path: string): ServiceClientConstructor {
  let at: unknown = loaded;
  for (const part of path.split('.')) at = (at as Record<string, unknown>)[part];
  return at as ServiceClientConstructor;
}

type Call = (input: unknown, options?: GrpcCallOptions) => Promise<unknown>;

/** One promise-returning method per rpc of the service, named in lower camel case. */
function methods(service: GrpcServiceName, stub: Client, methodDefinitions: ServiceDefinition) {
  const out: Record<string, Call> = {};
  for (const [rpc, method] of Object.entries(methodDefinitions)) {
    const { path, requestSerialize, responseDeserialize } = method as MethodDefinition<unknown, unknown>;
    const inputName = messageName(method.requestType);
    const outputName = messageName(method.responseType);
    out[rpc[0].toLowerCase() + rpc.slice(1)] = (input, options = {}) =>
      new Promise((resolve, reject) => {
        const metadata = new Metadata();
        for (const [key, value] of Object.entries(options.metadata ?? {})) metadata.set(key, value);
        const request = wrapNestedLists(NESTED_LISTS[service], inputName, epochSeconds(input ?? {}));
        stub.makeUnaryRequest(
          path,
          requestSerialize,
          responseDeserialize,
          request,
          metadata,
          { deadline: options.deadline },
          (error, response) => {
            if (error) reject(new SwitchyardGrpcError(error));
            // An operation without output answers Empty (the protos name no structure so).
            else if (outputName === 'Empty') resolve(undefined);
            else resolve(unwrapNestedLists(NESTED_LISTS[service], outputName, response));
          },
        );
      });
  }
  return out;
}

/** The message's name in its package (`SendMessageRequest`). */
function messageName(type: { readonly type: unknown }): string {
  return (type.type as { name?: string }).name ?? '';
}

/** A request with every Date as seconds since the epoch, as AWS's JSON protocol and the protos carry them. */
function epochSeconds(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(epochSeconds);
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, epochSeconds(item)]));
}
