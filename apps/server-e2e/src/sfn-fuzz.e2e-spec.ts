import {
  CreateStateMachineAliasCommand,
  CreateStateMachineCommand,
  DescribeStateMachineAliasCommand,
  DescribeStateMachineCommand,
  ListStateMachineVersionsCommand,
} from '@aws-sdk/client-sfn';
import { Sfn, type StructShape } from '@switchyard/aws-wire';
import fc from 'fast-check';
import {
  expectClientAnswer,
  FUZZ_RUNS,
  FUZZ_TIMEOUT,
  fuzzSeed,
  shapeValues,
} from './test-support/shape-fuzz';
import { useTestServer } from './test-support/test-server';

const ROLE = 'arn:aws:iam::000000000000:role/StepFunctionsRole';
const PASS = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
const CHOICE = JSON.stringify({
  StartAt: 'C',
  States: {
    C: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: 1, Next: 'F' }], Default: 'S' },
    F: { Type: 'Fail', Error: 'Big' },
    S: { Type: 'Succeed' },
  },
});

/**
 * Every Step Functions operation fed inputs that are well-formed for its shape but carry arbitrary
 * values (valid, borderline and absurd): each answer is a 200 or an AWS client error, never a 5xx,
 * and a state machine the requests cannot name stays as it was, with its version and alias. The
 * version and alias operations mostly name real versions and aliases of the fuzzed machines.
 */
describe('Step Functions under arbitrary well-formed requests', () => {
  const env = useTestServer();
  const { sfn } = env;
  const arns: string[] = [];
  /** Versions and aliases of the fuzzed machines, for the version and alias operations to name. */
  const versionArns: string[] = [];
  const aliasArns: string[] = [];
  let canaryArn = '';
  let operations: { name: string; input: StructShape }[] = [];

  beforeAll(async () => {
    // DeleteStateMachine is left out: one early success would turn the rest into StateMachineDoesNotExist.
    operations = Object.entries(Sfn.SFN_WIRE.model.operations)
      .filter(([name]) => name !== 'DeleteStateMachine')
      .map(([name, op]) => ({ name, input: op.input }));
    for (const [name, definition, type] of [
      ['fuzz-standard', PASS, 'STANDARD'],
      ['fuzz-express', CHOICE, 'EXPRESS'],
    ] as const) {
      const out = await sfn.send(
        new CreateStateMachineCommand({ name, definition, type, roleArn: ROLE, publish: true }),
      );
      arns.push(out.stateMachineArn!);
      versionArns.push(out.stateMachineVersionArn!, `${out.stateMachineArn}:2`);
      const alias = await sfn.send(
        new CreateStateMachineAliasCommand({
          name: 'live',
          routingConfiguration: [{ stateMachineVersionArn: out.stateMachineVersionArn!, weight: 100 }],
        }),
      );
      aliasArns.push(alias.stateMachineAliasArn!, `${out.stateMachineArn}:missing-alias`);
    }
    arns.push('arn:aws:states:us-east-1:000000000000:stateMachine:fuzz-missing');
    // The canary has a version and an alias too, which no request names either.
    const canary = await sfn.send(
      new CreateStateMachineCommand({
        name: 'canary-never-named',
        definition: PASS,
        roleArn: ROLE,
        publish: true,
      }),
    );
    canaryArn = canary.stateMachineArn!;
    await sfn.send(
      new CreateStateMachineAliasCommand({
        name: 'canary-alias',
        description: 'never named',
        routingConfiguration: [{ stateMachineVersionArn: canary.stateMachineVersionArn!, weight: 100 }],
      }),
    );
  });

  const words = [
    '',
    ' ',
    'STANDARD',
    'EXPRESS',
    'ALL',
    'ERROR',
    'WARNING',
    'OFF',
    'ALL_DATA',
    'METADATA_ONLY',
    ROLE,
    'arn:aws:iam::000000000000:role/',
    'arn:aws:states:us-east-1:000000000000:execution:fuzz-standard:x',
    'arn:aws:states:us-east-1:000000000000:activity:a',
    'arn:aws:states:eu-west-1:000000000000:stateMachine:fuzz-standard',
    'arn:aws:states:us-east-1:000000000000:stateMachine:',
    'arn:aws:states:us-east-1:000000000000:stateMachine:a:b:c',
    PASS,
    CHOICE,
    '{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"}}}',
    '{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}',
    '{}',
    '[]',
    'null',
    '{"n":5}',
    '{"n":0}',
    '{',
    'eyJhZnRlciI6ImZ1enotc3RhbmRhcmQifQ==',
    'a'.repeat(81),
    '\u0000',
    '\uD800',
    'é漢字😀',
    '0',
    '-1',
    '1001',
    'INITIAL',
    'arn:aws:states:us-east-1:000000000000:stateMachine:fuzz-standard:0',
    'arn:aws:states:us-east-1:000000000000:stateMachine:fuzz-standard:01',
    'arn:aws:states:us-east-1:000000000000:stateMachine:fuzz-standard:123abc',
    'arn:aws:states:us-east-1:000000000000:stateMachine:fuzz-missing:1',
    'arn:aws:states:eu-west-1:000000000000:stateMachine:fuzz-standard:1',
  ];
  const { valuesFor } = shapeValues({
    words,
    pool: () => [...arns, ...versionArns, ...aliasArns],
    realByMember: () => ({
      stateMachineArn: [...arns, ...versionArns, ...aliasArns],
      resourceArn: arns,
      stateMachineVersionArn: versionArns,
      stateMachineAliasArn: aliasArns,
    }),
  });

  it(
    'answers AWS JSON requests with a 200 or an AWS client error',
    async () => {
      const requests = fc
        .constantFrom(...operations)
        .chain((op) => fc.record({ op: fc.constant(op), input: valuesFor(op.input) }));
      await fc.assert(
        fc.asyncProperty(requests, async ({ op, input }) => {
          const body = JSON.stringify(input);
          const res = await fetch(env.server.url, {
            method: 'POST',
            headers: {
              'content-type': 'application/x-amz-json-1.0',
              'x-amz-target': `AWSStepFunctions.${op.name}`,
            },
            body,
          });
          await expectClientAnswer(res, `${op.name} ${body.slice(0, 300)}`);
        }),
        { numRuns: FUZZ_RUNS, seed: fuzzSeed(20261206), endOnFailure: true },
      );
    },
    FUZZ_TIMEOUT,
  );

  it('leaves a state machine the requests never named as it was', async () => {
    const m = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: canaryArn }));
    expect(m).toMatchObject({ definition: PASS, roleArn: ROLE, type: 'STANDARD', status: 'ACTIVE' });
    expect(m.revisionId).toBeUndefined();
    const versions = await sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: canaryArn }));
    expect(versions.stateMachineVersions?.map((v) => v.stateMachineVersionArn)).toEqual([`${canaryArn}:1`]);
    const alias = await sfn.send(
      new DescribeStateMachineAliasCommand({ stateMachineAliasArn: `${canaryArn}:canary-alias` }),
    );
    expect(alias).toMatchObject({
      description: 'never named',
      routingConfiguration: [{ stateMachineVersionArn: `${canaryArn}:1`, weight: 100 }],
    });
  });
});
