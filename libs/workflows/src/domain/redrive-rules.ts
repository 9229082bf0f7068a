/** How long after it stopped an execution may be redriven (AWS: 14 days). */
export const REDRIVE_WINDOW_MS = 14 * 24 * 3600 * 1000;

/** The longest an execution may be open, its redrives included (AWS: a year from its start). */
const MAX_OPEN_MS = 365 * 24 * 3600 * 1000;

/**
 * A redriven execution appends ExecutionRedriven and at least one more event to its history, which
 * AWS caps at 25,000: it redrives only a history of fewer events than this.
 */
export const MAX_REDRIVABLE_EVENTS = 24_999;

/**
 * Why an execution (its stored fields) may not be redriven now, as RedriveExecution refuses it and
 * DescribeExecution's redriveStatusReason says; undefined when it may. `historyLength` is asked
 * only when everything else allows the redrive.
 */
export async function redriveRefusal(
  fields: Readonly<Record<string, string>>,
  now: number,
  historyLength: () => Promise<number>,
): Promise<string | undefined> {
  if (fields.status === 'RUNNING' || fields.status === 'SUCCEEDED')
    return `Execution is ${fields.status} and cannot be redriven`;
  if (now - Number(fields.stopped) > REDRIVE_WINDOW_MS)
    return 'Execution can no longer be redriven: it stopped more than 14 days ago';
  if (now - Number(fields.started) > MAX_OPEN_MS)
    return 'Execution can no longer be redriven: it started more than a year ago, the longest an execution may be open';
  const events = await historyLength();
  if (events >= MAX_REDRIVABLE_EVENTS)
    return `Execution can no longer be redriven: its history has ${events} events, and a redriven execution needs room for two more under the limit of 25,000`;
  return undefined;
}
