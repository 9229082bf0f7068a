export * from './sfn.model.generated';
export { SFN_WIRE } from './sfn.wire';
