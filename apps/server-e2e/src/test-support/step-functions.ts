import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  type SFNClient,
} from '@aws-sdk/client-sfn';

/** The role every test state machine names (Switchyard does not assume roles). */
export const TEST_ROLE = 'arn:aws:iam::000000000000:role/StepFunctionsRole';

/** Creates a state machine from a definition object; answers its ARN. */
export async function createStateMachine(
  sfn: Pick<SFNClient, 'send'>,
  name: string,
  definition: object,
  type?: 'STANDARD' | 'EXPRESS',
): Promise<string> {
  const out = await sfn.send(
    new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: TEST_ROLE, type }),
  );
  return out.stateMachineArn!;
}

/** Describes an execution until it has ended, or until `ms` passed (then as it is). */
export async function describeWhenEnded(
  sfn: Pick<SFNClient, 'send'>,
  executionArn: string,
  ms = 30_000,
): Promise<DescribeExecutionCommandOutput> {
  const deadline = Date.now() + ms;
  for (;;) {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (d.status !== 'RUNNING' || Date.now() > deadline) return d;
    await new Promise((r) => setTimeout(r, 50));
  }
}
