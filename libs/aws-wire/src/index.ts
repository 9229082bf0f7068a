export { AwsError, CommonErrors, invalidParameter, missingParameter } from './aws-error';
export type { AwsOperation, ModelledOperation, OperationContext, ServiceHooks } from './aws-service';
export { AwsRouter, type RequestRecord, type StaticResource } from './aws-router';
export { currentLogContext, keepLogContexts, type LogContext, withLogContext } from './log-context';
export type { Shape, StructShape } from './shapes';
export { encodeQueryInput } from './protocols/query-protocol';
export { formatArn, parseArn } from './arn';
export { decodeNameCursor, encodeNameCursor } from './name-cursor';
export { readSigV4, verifySigV4 } from './sigv4';
export { AwsHttpServer } from './http/aws-http.server';
export { AwsWireModule, type RequestObserver } from './aws-wire.module';
// Each service's generated model (types, shapes, errors) with its limits and error wording.
export * as Sqs from './models/sqs';
export * as Sns from './models/sns';
export * as Sfn from './models/sfn';
export * as Events from './models/events';
