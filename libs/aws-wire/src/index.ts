export { AwsError, CommonErrors, invalidParameter, missingParameter, type AwsErrorShape } from './aws-error';
export type {
  AwsOperation,
  AwsService,
  ModelledOperation,
  OperationContext,
  RequestView,
  ServiceHooks,
  WireProtocol,
} from './aws-service';
export { AwsRouter, type AwsHttpRequest, type AwsRouterOptions, type RequestRecord } from './aws-router';
export type { Member, Shape, StructShape, ServiceModel, LimitsTable, Constraints } from './shapes';
export type { ValidationIssue } from './validation';
export { encodeQueryInput } from './protocols/query-protocol';
export { formatArn, parseArn } from './arn';
export { AwsHttpServer } from './http/aws-http.server';
export { AwsWireModule, type AwsWireModuleOptions } from './aws-wire.module';
export { RequestMetrics, type RequestCount } from './request-metrics';
export * as Sqs from './models/sqs';
export * as Sns from './models/sns';
export * as Sfn from './models/sfn';
