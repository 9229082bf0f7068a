export * from './sns.model.generated';
export { SNS_WIRE } from './sns.wire';
