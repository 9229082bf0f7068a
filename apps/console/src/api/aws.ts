/** The AWS SDK clients, pointed at the Switchyard that serves the console. */
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Credentials } from './credentials';

export interface AwsClients {
  sqs: SQSClient;
  sns: SNSClient;
  sfn: SFNClient;
  region: string;
  accountId: string;
}

export function createClients(region: string, accountId: string, credentials: Credentials): AwsClients {
  const common = { endpoint: window.location.origin, region, credentials, maxAttempts: 1 };
  return {
    sqs: new SQSClient(common),
    sns: new SNSClient(common),
    // StartSyncExecution's `sync-` host prefix would leave the origin.
    sfn: new SFNClient({ ...common, disableHostPrefix: true }),
    region,
    accountId,
  };
}

/** The message of an SDK or fetch error. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { name?: string }).name;
    return code && code !== 'Error' && !error.message.startsWith(code)
      ? `${code}: ${error.message}`
      : error.message;
  }
  return String(error);
}
