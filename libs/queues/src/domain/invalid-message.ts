/**
 * A message SQS would not accept as given: the domain's reason, in SQS's own error names, and a
 * message a person can act on. The SQS API answers it as that AWS error (per entry in a batch); an
 * in-process sender (a topic delivery, a workflow task) reads the reason without any wire error.
 */
export class InvalidMessage extends Error {
  constructor(
    readonly reason: 'MissingParameter' | 'InvalidParameterValue' | 'InvalidMessageContents',
    message: string,
  ) {
    super(message);
    this.name = 'InvalidMessage';
  }
}
