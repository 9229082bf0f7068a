import type { ModelledOperation, Sns } from '@switchyard/aws-wire';

/** An SNS operation, typed by the generated SNS model: `implements SnsOperation<'Publish'>`. */
export type SnsOperation<Name extends keyof Sns.SnsOperations> = ModelledOperation<Sns.SnsOperations, Name>;
