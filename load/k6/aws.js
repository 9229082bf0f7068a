// What every script shares: the endpoint, and requests as the AWS protocols shape them.
// Requests carry an Authorization header whose SigV4 credential scope names the service, so the
// edge proxy routes them; its signature is not a real one, so run against a Switchyard without
// SWITCHYARD_CREDENTIALS (the default).
import http from 'k6/http';

export const ENDPOINT = __ENV.SWITCHYARD_ENDPOINT || 'http://localhost:4566';
export const ACCOUNT = __ENV.SWITCHYARD_ACCOUNT_ID || '000000000000';
export const REGION = __ENV.SWITCHYARD_REGION || 'us-east-1';

function authorization(service) {
  return `AWS4-HMAC-SHA256 Credential=AKIDLOAD/20260101/${REGION}/${service}/aws4_request, SignedHeaders=host, Signature=00`;
}

/** An AWS JSON request (SQS, Step Functions): `target` as `AmazonSQS.SendMessage`. */
export function json(service, target, body, version = '1.0') {
  return http.post(`${ENDPOINT}/`, JSON.stringify(body), {
    headers: {
      'Content-Type': `application/x-amz-json-${version}`,
      'X-Amz-Target': target,
      Authorization: authorization(service),
    },
  });
}

/** A query request (SNS): the action and its parameters as a form. */
export function query(service, action, params) {
  return http.post(
    `${ENDPOINT}/`,
    { Action: action, ...params },
    {
      headers: { Authorization: authorization(service) },
    },
  );
}

/** The text of an XML answer's element. */
export function xmlValue(body, element) {
  const m = new RegExp(`<${element}>([^<]*)</${element}>`).exec(body);
  return m ? m[1] : undefined;
}
