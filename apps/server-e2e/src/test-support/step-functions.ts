import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { connectRedis, RedisKeys } from '@switchyard/redis';
import { testRedisUrl } from './test-server';

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

/** An execution's whole history, oldest first, read 1,000 events a page. */
export async function fullHistory(
  sfn: Pick<SFNClient, 'send'>,
  executionArn: string,
): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** How many events of each type a history holds. */
export function eventCounts(history: readonly HistoryEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of history) counts[e.type!] = (counts[e.type!] ?? 0) + 1;
  return counts;
}

/**
 * Work still left for the executors of the deployment under `prefix` (entries in the work and tasks
 * streams, plus those of `keys` that still exist), waited on for up to 10 s to drain: the streams
 * hold only work in flight, so a finished run leaves 0.
 */
export async function workflowWorkLeft(prefix: string, keys: readonly string[] = []): Promise<number> {
  const redis = connectRedis(testRedisUrl());
  try {
    const k = new RedisKeys(prefix);
    const left = async () =>
      (await redis.xlen(k.workflowWork())) +
      (await redis.xlen(k.workflowTasks())) +
      (keys.length > 0 ? await redis.exists(...keys) : 0);
    let n = await left();
    for (let i = 0; i < 100 && n > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      n = await left();
    }
    return n;
  } finally {
    redis.disconnect();
  }
}
