import { AwsError, type Sfn } from '@switchyard/aws-wire';
import { SfnErrors, tooManyTags } from '../errors/sfn-errors';
import { MAX_TAGS } from '../store/state-machine.store';

/** An IAM role ARN, as AWS checks the roleArn of a state machine. */
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/;

export function checkRoleArn(roleArn: string): void {
  if (!ROLE_ARN.test(roleArn)) throw new AwsError(SfnErrors.InvalidArn, `Invalid Role Arn: '${roleArn}'`);
}

/** A configuration as stored and compared: its JSON text, '' when not given. */
export function configurationText(configuration: object | undefined): string {
  return configuration === undefined ? '' : JSON.stringify(configuration);
}

/** Tags as a record; TooManyTags past AWS's 50 a resource. */
export function tagRecord(tags: readonly Sfn.Tag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) out[t.key ?? ''] = t.value ?? '';
  if (Object.keys(out).length > MAX_TAGS) throw tooManyTags(MAX_TAGS);
  return out;
}
