import type { ModelledOperation, Sfn } from '@switchyard/aws-wire';

/** A Step Functions operation, typed by the generated model: `implements SfnOperation<'StartExecution'>`. */
export type SfnOperation<Name extends keyof Sfn.SfnOperations> = ModelledOperation<Sfn.SfnOperations, Name>;
