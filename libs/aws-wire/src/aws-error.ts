/** Who caused an error, as AWS reports it in the query protocol's `<Type>` and `x-amzn-query-error`. */
export type ErrorFault = 'Sender' | 'Receiver';

/** One AWS error as a service models it: the JSON `__type` name, the query-protocol code and the HTTP status. */
export interface AwsErrorShape {
  /** The modelled error name (`QueueDoesNotExist`), sent as `__type` in the JSON protocols. */
  readonly code: string;
  /** The code the query protocol and `x-amzn-query-error` carry; defaults to `code`. */
  readonly queryCode?: string;
  readonly status: number;
  readonly fault: ErrorFault;
  /**
   * The Smithy namespace of the JSON `__type` when it is not the service's own: AWS's front end
   * answers an operation it does not know as `com.amazon.coral.service#UnknownOperationException`,
   * whichever service the target names (or none).
   */
  readonly namespace?: string;
}

/** Defines an error shape; status defaults to 400 and fault to Sender, as for most AWS client errors. */
function errorShape(code: string, options: Partial<Omit<AwsErrorShape, 'code'>> = {}): AwsErrorShape {
  return { code, status: 400, fault: 'Sender', ...options };
}

/** The one error type every operation throws; the protocol serialisers turn it into AWS's wire shape. */
export class AwsError extends Error {
  constructor(
    readonly shape: AwsErrorShape,
    message: string,
  ) {
    super(message);
    this.name = shape.code;
  }

  get code(): string {
    return this.shape.code;
  }
}

/** Errors every AWS service shares, whatever the protocol. */
export const CommonErrors = {
  InvalidParameterValue: errorShape('InvalidParameterValue'),
  MissingParameter: errorShape('MissingParameter'),
  MissingAction: errorShape('MissingAction'),
  InvalidAction: errorShape('InvalidAction'),
  UnknownOperation: errorShape('UnknownOperationException', { namespace: 'com.amazon.coral.service' }),
  SerializationException: errorShape('SerializationException'),
  RequestEntityTooLarge: errorShape('RequestEntityTooLarge', { status: 413 }),
  RequestTimeout: errorShape('RequestTimeout', { status: 400 }),
  InvalidClientTokenId: errorShape('InvalidClientTokenId', { status: 403 }),
  SignatureDoesNotMatch: errorShape('SignatureDoesNotMatch', { status: 403 }),
  InvalidSignatureException: errorShape('InvalidSignatureException', { status: 403 }),
  RequestExpired: errorShape('RequestExpired', { status: 400 }),
  IncompleteSignature: errorShape('IncompleteSignature', { status: 400 }),
  MissingAuthenticationToken: errorShape('MissingAuthenticationToken', { status: 403 }),
  InternalFailure: errorShape('InternalFailure', { status: 500, fault: 'Receiver' }),
  /** A temporary failure (the store cannot be reached); SDKs retry it. */
  ServiceUnavailable: errorShape('ServiceUnavailable', { status: 503, fault: 'Receiver' }),
} as const;

/** Shorthand for the most common failure: a parameter value AWS would refuse. */
export function invalidParameter(message: string): AwsError {
  return new AwsError(CommonErrors.InvalidParameterValue, message);
}

/** Shorthand for a required parameter that is absent. */
export function missingParameter(name: string): AwsError {
  return new AwsError(CommonErrors.MissingParameter, `The request must contain the parameter ${name}.`);
}
