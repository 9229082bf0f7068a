// Standard workflows: each iteration starts an execution of a 12-transition workflow; the durable
// executors run them.
// k6 run -e SWITCHYARD_ENDPOINT=http://localhost:4566 load/k6/sfn-standard.js
import { check } from 'k6';
import { ACCOUNT, json } from './aws.js';
import { DEFINITION } from './workflow.js';

export const options = {
  vus: 16,
  duration: '30s',
  thresholds: {
    http_req_failed: ['rate<0.01'],
    checks: ['rate>0.99'],
    http_req_duration: ['p(95)<250'],
  },
};

export function setup() {
  const res = json('states', 'AWSStepFunctions.CreateStateMachine', {
    name: `k6-standard-${Date.now()}`,
    roleArn: `arn:aws:iam::${ACCOUNT}:role/StepFunctionsRole`,
    definition: JSON.stringify(DEFINITION),
  });
  return { stateMachineArn: res.json('stateMachineArn') };
}

export default function ({ stateMachineArn }) {
  const started = json('states', 'AWSStepFunctions.StartExecution', {
    stateMachineArn,
    input: JSON.stringify({ orderId: `o-${__VU}-${__ITER}`, lines: [{ sku: 'a', qty: 1 }] }),
  });
  check(started, { started: (r) => r.status === 200 && r.json('executionArn') !== undefined });
}
