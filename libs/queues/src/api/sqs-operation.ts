import type { ModelledOperation, OperationContext, Sqs } from '@switchyard/aws-wire';

/** An SQS operation, typed by the generated SQS model: `implements SqsOperation<'SendMessage'>`. */
export type SqsOperation<Name extends keyof Sqs.SqsOperations> = ModelledOperation<Sqs.SqsOperations, Name>;

/** Who sent a message, as ReceiveMessage reports SenderId: the signing access key, or the account. */
export function senderIdOf(ctx: OperationContext): string {
  return ctx.accessKeyId ?? ctx.accountId;
}
