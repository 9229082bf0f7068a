export * from './sqs.model.generated';
export { SQS_WIRE } from './sqs.wire';
