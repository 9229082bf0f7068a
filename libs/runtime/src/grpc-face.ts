import { randomUUID } from 'node:crypto';
import {
  Metadata,
  Server,
  ServerCredentials,
  type ServerUnaryCall,
  type ServiceDefinition,
  status,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type { PackageDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { Controller, type DynamicModule, type INestApplication, Injectable, Module } from '@nestjs/common';
import { GrpcMethod, RpcException, ServerGrpc } from '@nestjs/microservices';
import { AwsError, AwsRouter, CommonErrors, Events, Sfn, Sns, Sqs } from '@switchyard/aws-wire';
import {
  GRPC_SERVICES,
  type GrpcServiceName,
  NESTED_LISTS,
  PROTO_LOADER_OPTIONS,
  unwrapNestedLists,
  wrapNestedLists,
} from '@switchyard/proto';

/**
 * The gRPC faces of the AWS APIs: each service a process serves over HTTP is also served over gRPC
 * (`libs/proto`, one package per service), every rpc answered by `AwsRouter.call` — the same
 * validation, storage and errors as an HTTP JSON request, without SigV4 (gRPC is for callers inside
 * the deployment). Server reflection is on, so `grpcurl` lists and calls the services.
 */

/** What the face needs of a model: each operation's input and output structure names. */
interface OperationShapes {
  readonly input: { readonly name: string };
  readonly output?: { readonly name: string };
}

/** What the face needs of a service's model: its protocol and each operation's shapes. */
interface FacedModel {
  readonly metadata: { readonly protocol: 'json' | 'query' };
  readonly operations: Readonly<Record<string, OperationShapes>>;
}

/** The model of each service with a gRPC face, by signing name. */
const MODELS: Readonly<Record<GrpcServiceName, FacedModel>> = {
  sqs: Sqs.SQS_MODEL,
  sns: Sns.SNS_MODEL,
  states: Sfn.SFN_MODEL,
  events: Events.EVENTS_MODEL,
};

/** The largest message either way, as the HTTP port's largest body (16 MiB). */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/**
 * AWS error → gRPC status, decided by the error's code first (the first pattern that matches), then by
 * its HTTP status: the AWS code and message travel as metadata besides.
 */
const STATUS_BY_CODE: readonly (readonly [RegExp, status])[] = [
  [/^(UnknownOperationException|InvalidAction|UnsupportedOperation)$/, status.UNIMPLEMENTED],
  [/NotFound|NonExistent|DoesNotExist/, status.NOT_FOUND],
  [/AlreadyExists|NameExists/, status.ALREADY_EXISTS],
  [/Throttl|LimitExceeded|OverLimit|QuotaExceeded/, status.RESOURCE_EXHAUSTED],
  [
    /AccessDenied|Authoriz|Signature|Security|AuthenticationToken|ClientTokenId|RequestExpired/,
    status.PERMISSION_DENIED,
  ],
  [/Conflict|Concurrent/, status.ABORTED],
  [
    /InProgress|DeletedRecently|NotInflight|NotRedrivable|InvalidState|IllegalStatus|Disabled|OptInRequired|Deleting|TimedOut/,
    status.FAILED_PRECONDITION,
  ],
  [
    /Invalid|Validation|Missing|Malformed|Serialization|TooLong|TooLarge|TooMany|Empty|NotDistinct/,
    status.INVALID_ARGUMENT,
  ],
];

const STATUS_BY_HTTP: Readonly<Record<number, status>> = {
  400: status.INVALID_ARGUMENT,
  401: status.UNAUTHENTICATED,
  403: status.PERMISSION_DENIED,
  404: status.NOT_FOUND,
  409: status.ABORTED,
  413: status.INVALID_ARGUMENT,
  429: status.RESOURCE_EXHAUSTED,
  501: status.UNIMPLEMENTED,
  503: status.UNAVAILABLE,
  504: status.DEADLINE_EXCEEDED,
};

/** The gRPC status an AWS error answers. */
export function grpcStatusOf(error: AwsError): status {
  for (const [pattern, code] of STATUS_BY_CODE) if (pattern.test(error.code)) return code;
  const byHttp = STATUS_BY_HTTP[error.shape.status];
  if (byHttp !== undefined) return byHttp;
  return error.shape.status >= 500 ? status.INTERNAL : status.UNKNOWN;
}

/**
 * A metadata value as gRPC allows it (printable ASCII): other bytes of the UTF-8 text, and `%`, are
 * percent-encoded, as gRPC encodes its status message.
 */
export function metadataText(text: string): string {
  if (/^[\x20-\x24\x26-\x7e]*$/.test(text)) return text;
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    out +=
      byte >= 0x20 && byte <= 0x7e && byte !== 0x25
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * What a failed call answers: the status, the AWS message as details, and as metadata the AWS code (as
 * the service's HTTP protocol writes it: the query protocol's code for SNS, the JSON `__type` for the
 * others), the message and the request id.
 */
export function grpcErrorOf(error: AwsError, requestId: string, protocol: 'json' | 'query' = 'json') {
  const metadata = new Metadata();
  metadata.set('aws-error-code', protocol === 'query' ? (error.shape.queryCode ?? error.code) : error.code);
  metadata.set('aws-error-message', metadataText(error.message));
  metadata.set('aws-request-id', requestId);
  return { code: grpcStatusOf(error), details: error.message, metadata };
}

/** Calls the router for one rpc and turns its answer, or its failure, into gRPC's. */
@Injectable()
export class GrpcFace {
  constructor(private readonly router: AwsRouter) {}

  async call(
    service: GrpcServiceName,
    operation: string,
    request: unknown,
    call: ServerUnaryCall<unknown, unknown> | undefined,
  ): Promise<unknown> {
    const { metadata, operations } = MODELS[service];
    const shapes = operations[operation];
    try {
      const input = unwrapNestedLists(NESTED_LISTS[service], shapes.input.name, request);
      const { requestId, output } = await this.router.call(service, operation, input, { reportAs: 'grpc' });
      const headers = new Metadata();
      headers.set('aws-request-id', requestId);
      call?.sendMetadata(headers);
      return shapes.output ? wrapNestedLists(NESTED_LISTS[service], shapes.output.name, output) : {};
    } catch (e) {
      const requestId = randomUUID();
      if (e instanceof AwsError) throw new RpcException(grpcErrorOf(e, requestId, metadata.protocol));
      // The router's observer has logged it with its stack, as it does for HTTP requests.
      const failure = new AwsError(
        CommonErrors.InternalFailure,
        'The request processing has failed because of an unknown error, exception or failure.',
      );
      throw new RpcException(grpcErrorOf(failure, requestId));
    }
  }
}

/**
 * Every operation of every model as a gRPC method: `@GrpcMethod('SQS', 'SendMessage')` on
 * `sqsSendMessage`, and so on, applied from the models' operation tables. A server binds only the
 * methods of the services it loads.
 */
@Controller()
export class GrpcFaceController {
  constructor(readonly face: GrpcFace) {}
}

for (const service of Object.keys(MODELS) as GrpcServiceName[]) {
  for (const operation of Object.keys(MODELS[service].operations)) {
    const name = `${service}${operation}`;
    const descriptor: PropertyDescriptor = {
      value: function (
        this: GrpcFaceController,
        request: unknown,
        _metadata: Metadata,
        call?: ServerUnaryCall<unknown, unknown>,
      ) {
        return this.face.call(service, operation, request, call);
      },
      writable: true,
      configurable: true,
    };
    Object.defineProperty(GrpcFaceController.prototype, name, descriptor);
    GrpcMethod(GRPC_SERVICES[service].service, operation)(GrpcFaceController.prototype, name, descriptor);
  }
}

@Module({})
class GrpcFaceModule {}

/** The app's root module with the gRPC handlers beside it (bound only once `startGrpcFace` runs). */
export function withGrpcFace(root: DynamicModule): DynamicModule {
  return {
    module: GrpcFaceModule,
    imports: [root],
    controllers: [GrpcFaceController],
    providers: [GrpcFace],
  };
}

/**
 * Server reflection (both of its versions) on `server`, its index of the services' descriptors built
 * on the first reflection request: building it takes about a second, which every start would pay.
 */
function addLazyReflection(definition: PackageDefinition, server: Server): void {
  const services: ServiceDefinition[] = [];
  // An empty index is built at once: it gives the reflection services' definitions.
  new ReflectionService({}).addToServer({
    addService: (service: ServiceDefinition) => void services.push(service),
  } as unknown as Server);
  let handlers: UntypedServiceImplementation[] | undefined;
  const indexed = () => {
    if (!handlers) {
      const built: UntypedServiceImplementation[] = [];
      new ReflectionService(definition).addToServer({
        addService: (_: ServiceDefinition, implementation: UntypedServiceImplementation) =>
          void built.push(implementation),
      } as unknown as Server);
      handlers = built;
    }
    return handlers;
  };
  services.forEach((service, i) =>
    server.addService(
      service,
      Object.fromEntries(
        Object.keys(service).map((method) => [
          method,
          (...args: unknown[]) => (indexed()[i][method] as (...a: unknown[]) => unknown)(...args),
        ]),
      ),
    ),
  );
}

/** Nest's gRPC server, remembering the port it bound (the one asked for, or any free one for 0). */
class GrpcFaceServer extends ServerGrpc {
  port?: number;

  constructor(
    services: readonly GrpcServiceName[],
    private readonly address: string,
  ) {
    super({
      package: services.map((s) => GRPC_SERVICES[s].package),
      protoPath: services.map((s) => GRPC_SERVICES[s].file),
      url: address,
      loader: PROTO_LOADER_OPTIONS,
      gracefulShutdown: true,
      onLoadPackageDefinition: (definition, server) => addLazyReflection(definition, server as Server),
    });
  }

  override async createClient(): Promise<Server> {
    const server = new Server({
      'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
      'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
    });
    this.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(this.address, ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      ),
    );
    return server;
  }
}

/** What `startGrpcFace` started: the port and the services (signing names) it serves. */
export interface GrpcFaceAddress {
  readonly port: number;
  readonly services: readonly GrpcServiceName[];
}

/**
 * Serves over gRPC, on `host:port`, the AWS services the app's router serves over HTTP (none for the
 * executor: then nothing is started). The app's close stops it, letting calls in flight finish.
 */
export async function startGrpcFace(
  app: INestApplication,
  host: string,
  port: number,
): Promise<GrpcFaceAddress | undefined> {
  const router = app.get(AwsRouter);
  const services = (Object.keys(GRPC_SERVICES) as GrpcServiceName[]).filter((s) => router.serves(s));
  if (!services.length) return undefined;
  const server = new GrpcFaceServer(services, `${host.includes(':') ? `[${host}]` : host}:${port}`);
  app.connectMicroservice({ strategy: server });
  await app.startAllMicroservices();
  return { port: server.port ?? port, services };
}
