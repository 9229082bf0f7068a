import { AwsError, CommonErrors } from '../aws-error';

/** Parses an AWS JSON 1.0/1.1 request body; an empty body is an empty input. */
export function decodeJsonInput(body: string): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new AwsError(CommonErrors.SerializationException, 'Start of structure or map found where not expected, or the request body is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AwsError(CommonErrors.SerializationException, 'The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

/** Serialises an operation's output; operations without output answer `{}`. */
export function encodeJsonOutput(output: Record<string, unknown> | undefined): string {
  return output ? JSON.stringify(output) : '{}';
}

/** The JSON protocols' error body: `__type` names the modelled error within the service namespace. */
export function encodeJsonError(error: AwsError, errorNamespace: string | undefined): string {
  const type = errorNamespace ? `${errorNamespace}#${error.shape.code}` : error.shape.code;
  return JSON.stringify({ __type: type, message: error.message });
}

/** The `x-amzn-query-error` header value that query-compatible JSON services (SQS) send with every error. */
export function queryCompatibleErrorHeader(error: AwsError): string {
  return `${error.shape.queryCode ?? error.shape.code};${error.shape.fault}`;
}
