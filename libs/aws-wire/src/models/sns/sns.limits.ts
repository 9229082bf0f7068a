import type { LimitsTable } from '../../shapes';

/** AWS's documented SNS limits, from the SNS API reference. */
export const SNS_LIMITS: LimitsTable = {
  'PublishInput.Subject': { length: { min: 1, max: 100 } },
  'ListSubscriptionsByTopicInput.NextToken': { length: { max: 1024 } },
  'TagResourceRequest.Tags': { length: { max: 50 } },
  'Tag.Key': { length: { min: 1, max: 128 } },
  'Tag.Value': { length: { max: 256 } },
};
