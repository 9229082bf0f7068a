import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { GRPC_SERVICES, loadGrpcServices, NESTED_LISTS, unwrapNestedLists, wrapNestedLists } from './index';

describe('generated protos', () => {
  it('are exactly what scripts/generate-protos.mjs writes from the generated AWS models', () => {
    const root = join(__dirname, '../../..');
    const run = spawnSync(process.execPath, [join(root, 'scripts/generate-protos.mjs'), '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.stderr.split('\n').filter((l) => l.includes('is not what'))).toEqual([]);
    expect(run.status).toBe(0);
  }, 60_000);

  it('load, one package and service per AWS service, and keep "" and 0 apart from absent', () => {
    const definition = loadGrpcServices(['sqs', 'sns', 'states', 'events']);
    for (const { package: pkg, service } of Object.values(GRPC_SERVICES)) {
      expect(definition[`${pkg}.${service}`]).toBeDefined();
    }
    const send = (definition['switchyard.sqs.v1.SQS'] as Record<string, any>).SendMessage;
    const message = { QueueUrl: 'q', MessageBody: '', DelaySeconds: 0 };
    expect(send.requestDeserialize(send.requestSerialize(message))).toEqual(message);
    expect(send.requestDeserialize(send.requestSerialize({}))).toEqual({});
  });

  it('carry a list nested in a map as { values }, unwrapped back to the AWS shape', () => {
    const aws = { stateMachineArn: 'arn', variableReferences: { Pass: ['a', 'b'], Empty: [] } };
    const wire = wrapNestedLists(NESTED_LISTS.states, 'DescribeStateMachineOutput', aws);
    expect(wire).toEqual({
      stateMachineArn: 'arn',
      variableReferences: { Pass: { values: ['a', 'b'] }, Empty: { values: [] } },
    });
    // An empty repeated field is absent on the wire.
    const received = { ...(wire as object), variableReferences: { Pass: { values: ['a', 'b'] }, Empty: {} } };
    expect(unwrapNestedLists(NESTED_LISTS.states, 'DescribeStateMachineOutput', received)).toEqual(aws);
    expect(wrapNestedLists(NESTED_LISTS.sqs, 'SendMessageRequest', { QueueUrl: 'q' })).toEqual({
      QueueUrl: 'q',
    });
  });
});
