// Express workflows: each iteration runs an execution of a 12-transition workflow synchronously
// (StartSyncExecution) and checks its outcome.
// k6 run -e SWITCHYARD_ENDPOINT=http://localhost:4566 load/k6/sfn-express.js
import { check } from 'k6';
import { json } from './aws.js';
import { createWorkflow, orderInput } from './workflow.js';

export { options } from './workflow.js';

export function setup() {
  return { stateMachineArn: createWorkflow('EXPRESS') };
}

export default function ({ stateMachineArn }) {
  const run = json('states', 'AWSStepFunctions.StartSyncExecution', { stateMachineArn, input: orderInput() });
  check(run, { succeeded: (r) => r.status === 200 && r.json('status') === 'SUCCEEDED' });
}
