export {
  type GrpcCallOptions,
  type GrpcInput,
  type GrpcOutput,
  type GrpcServiceClient,
  SwitchyardGrpcClient,
  type SwitchyardGrpcClientOptions,
  SwitchyardGrpcError,
} from './switchyard-grpc-client';
