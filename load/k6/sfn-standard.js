// Standard workflows: each iteration starts an execution of a 12-transition workflow; the durable
// executors run them.
// k6 run -e SWITCHYARD_ENDPOINT=http://localhost:4566 load/k6/sfn-standard.js
import { check } from 'k6';
import { json } from './aws.js';
import { createWorkflow, orderInput } from './workflow.js';

export { options } from './workflow.js';

export function setup() {
  return { stateMachineArn: createWorkflow('STANDARD') };
}

export default function ({ stateMachineArn }) {
  const started = json('states', 'AWSStepFunctions.StartExecution', { stateMachineArn, input: orderInput() });
  check(started, { started: (r) => r.status === 200 && r.json('executionArn') !== undefined });
}
