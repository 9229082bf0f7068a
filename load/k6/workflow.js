// What the Step Functions scripts share: the workflow they run (Pass, Pass, a Map over the order's
// lines, Choice, Parallel of two, Pass, Succeed), its state machine, their options and input.
import { ACCOUNT, json } from './aws.js';

export const options = {
  vus: 16,
  duration: '30s',
  thresholds: {
    http_req_failed: ['rate<0.01'],
    checks: ['rate>0.99'],
    http_req_duration: ['p(95)<250'],
  },
};

/** Creates the workflow as a state machine of `type` (STANDARD or EXPRESS); answers its ARN. */
export function createWorkflow(type) {
  const res = json('states', 'AWSStepFunctions.CreateStateMachine', {
    name: `k6-${type.toLowerCase()}-${Date.now()}`,
    type,
    roleArn: `arn:aws:iam::${ACCOUNT}:role/StepFunctionsRole`,
    definition: JSON.stringify(DEFINITION),
  });
  return res.json('stateMachineArn');
}

/** An execution's input, one order per VU and iteration. */
export function orderInput() {
  return JSON.stringify({ orderId: `o-${__VU}-${__ITER}`, lines: [{ sku: 'a', qty: 1 }] });
}

const DEFINITION = {
  StartAt: 'Init',
  States: {
    Init: { Type: 'Pass', Result: { priority: 'high' }, ResultPath: '$.meta', Next: 'Enrich' },
    Enrich: { Type: 'Pass', Parameters: { 'orderId.$': '$.orderId', 'lines.$': '$.lines' }, Next: 'Price' },
    Price: {
      Type: 'Map',
      ItemsPath: '$.lines',
      ItemProcessor: {
        StartAt: 'Line',
        States: { Line: { Type: 'Pass', Parameters: { 'sku.$': '$.sku', priced: true }, End: true } },
      },
      ResultPath: '$.priced',
      Next: 'Route',
    },
    Route: {
      Type: 'Choice',
      Choices: [{ Variable: '$.orderId', IsPresent: true, Next: 'Fork' }],
      Default: 'Done',
    },
    Fork: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Bill', States: { Bill: { Type: 'Pass', End: true } } },
        { StartAt: 'Ship', States: { Ship: { Type: 'Pass', End: true } } },
      ],
      ResultPath: '$.done',
      Next: 'Finish',
    },
    Finish: { Type: 'Pass', Result: 'ok', ResultPath: '$.result', Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};
