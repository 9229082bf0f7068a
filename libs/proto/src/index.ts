import { type Options, type PackageDefinition, loadSync } from '@grpc/proto-loader';
import { GRPC_SERVICES } from './grpc-services.generated';

export { GRPC_SERVICES, NESTED_LISTS } from './grpc-services.generated';
export {
  type NestedListField,
  type NestedListPlans,
  unwrapNestedLists,
  wrapNestedLists,
} from './nested-lists';

/** An AWS service with a gRPC face, by its signing name: `sqs`, `sns`, `states`, `events`. */
export type GrpcServiceName = keyof typeof GRPC_SERVICES;

/** The folder the protos' import paths start from (`switchyard/sqs/v1/sqs.proto`). */
export const PROTO_ROOT = __dirname;

/**
 * How both ends load the protos, so a message is the AWS shape as plain JSON: AWS's member names kept
 * (`QueueUrl`, not `queueUrl`), absent fields left absent (no defaults, no oneof names), bytes as
 * base64 text (as AWS's JSON protocol carries blobs), and enums as their names.
 */
export const PROTO_LOADER_OPTIONS: Options = {
  keepCase: true,
  longs: Number,
  enums: String,
  bytes: String,
  defaults: false,
  arrays: false,
  objects: false,
  oneofs: false,
  includeDirs: [PROTO_ROOT],
};

/** Loads the protos of the services named (their packages only, so a server built on it offers no other). */
export function loadGrpcServices(services: readonly GrpcServiceName[]): PackageDefinition {
  return loadSync(
    services.map((s) => GRPC_SERVICES[s].file),
    PROTO_LOADER_OPTIONS,
  );
}

/** Whether a signing name has a gRPC face. */
export function isGrpcServiceName(name: string): name is GrpcServiceName {
  return Object.prototype.hasOwnProperty.call(GRPC_SERVICES, name);
}
