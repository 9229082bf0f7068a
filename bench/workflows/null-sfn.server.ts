// A do-nothing Step Functions endpoint (AWS JSON 1.0): every operation the sfn bench uses answers a
// valid response at once, and nothing is stored or run: the ceiling for a client's request rate.
// Run as a child process; it prints {"port":N} on stdout once listening.
// Usage: node -r @swc-node/register bench/workflows/null-sfn.server.ts [port]
import { randomUUID } from 'node:crypto';
import { type Json, serveJsonEndpoint } from '../null-json-endpoint';

const now = () => Date.now() / 1000;

const handlers: Record<string, (input: Json) => Json> = {
  CreateStateMachine: (input) => ({
    stateMachineArn: `arn:aws:states:us-east-1:000000000000:stateMachine:${input.name}`,
    creationDate: now(),
  }),
  StartExecution: (input) => ({
    executionArn: `${String(input.stateMachineArn).replace(':stateMachine:', ':execution:')}:${input.name ?? randomUUID()}`,
    startDate: now(),
  }),
  StartSyncExecution: (input) => ({
    executionArn: `${String(input.stateMachineArn).replace(':stateMachine:', ':express:')}:${randomUUID()}:${randomUUID()}`,
    startDate: now(),
    stopDate: now(),
    status: 'SUCCEEDED',
    output: '{}',
  }),
  DescribeExecution: (input) => ({
    executionArn: input.executionArn,
    stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:x',
    status: 'SUCCEEDED',
    startDate: now(),
  }),
};

serveJsonEndpoint('AWSStepFunctions', handlers, 'com.amazonaws.swf.service.v2.model#ValidationException');
