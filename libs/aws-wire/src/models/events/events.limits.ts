import type { Constraints, LimitsTable } from '../../shapes';

/**
 * A pattern AWS applies to the whole value. EventBridge's model writes its patterns unanchored but
 * refuses a value that only contains a match (`my rule` is no rule name), so the table anchors them
 * with this wrapper, which the validation message leaves out again (`events.wire.ts`).
 */
export function wholeValue(pattern: string): string {
  return `^(?:${pattern})$`;
}

const NAME = wholeValue('[\\.\\-_A-Za-z0-9]+');
/** Names of rules, targets and connections: 1 to 64 letters, digits, `.`, `-` and `_`. */
const NAME_LIMITS: Constraints = { length: { min: 1, max: 64 }, pattern: NAME };
const BUS_NAME_OR_ARN: Constraints = {
  length: { min: 1, max: 1600 },
  pattern: wholeValue(
    '(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[/\\.\\-_A-Za-z0-9]+',
  ),
};
const AUTH_HEADER_PARAMETER: Constraints = {
  length: { min: 1, max: 512 },
  pattern: '^[ \\t]*[^\\x00-\\x1F:\\x7F]+([ \\t]+[^\\x00-\\x1F:\\x7F]+)*[ \\t]*$',
};
const HTTPS_ENDPOINT: Constraints = {
  length: { min: 1, max: 2048 },
  pattern: "^((%[0-9A-Fa-f]{2}|[-()_.!~*';/?:@\\x26=+$,A-Za-z0-9])+)([).!';/?:,])?$",
};
const DESCRIPTION: Constraints = { length: { max: 512 } };
const KMS_KEY: Constraints = { length: { max: 2048 }, pattern: '^[a-zA-Z0-9_\\-/:]*$' };
const NEXT_TOKEN: Constraints = { length: { min: 1, max: 2048 } };
const LIMIT: Constraints = { range: { min: 1, max: 100 } };
const ARN: Constraints = { length: { min: 1, max: 1600 } };

/**
 * AWS's documented EventBridge limits for the operations Switchyard serves, from the EventBridge API
 * reference (connections, rules, targets, events, tags).
 */
export const EVENTS_LIMITS: LimitsTable = {
  // Connections
  'CreateConnectionRequest.Name': NAME_LIMITS,
  'CreateConnectionRequest.Description': DESCRIPTION,
  'CreateConnectionRequest.KmsKeyIdentifier': KMS_KEY,
  'CreateConnectionBasicAuthRequestParameters.Username': AUTH_HEADER_PARAMETER,
  'CreateConnectionBasicAuthRequestParameters.Password': AUTH_HEADER_PARAMETER,
  'CreateConnectionOAuthClientRequestParameters.ClientID': AUTH_HEADER_PARAMETER,
  'CreateConnectionOAuthClientRequestParameters.ClientSecret': AUTH_HEADER_PARAMETER,
  'CreateConnectionOAuthRequestParameters.AuthorizationEndpoint': HTTPS_ENDPOINT,
  'CreateConnectionApiKeyAuthRequestParameters.ApiKeyName': AUTH_HEADER_PARAMETER,
  'CreateConnectionApiKeyAuthRequestParameters.ApiKeyValue': AUTH_HEADER_PARAMETER,
  'UpdateConnectionRequest.Name': NAME_LIMITS,
  'UpdateConnectionRequest.Description': DESCRIPTION,
  'UpdateConnectionRequest.KmsKeyIdentifier': KMS_KEY,
  'UpdateConnectionBasicAuthRequestParameters.Username': AUTH_HEADER_PARAMETER,
  'UpdateConnectionBasicAuthRequestParameters.Password': AUTH_HEADER_PARAMETER,
  'UpdateConnectionOAuthClientRequestParameters.ClientID': AUTH_HEADER_PARAMETER,
  'UpdateConnectionOAuthClientRequestParameters.ClientSecret': AUTH_HEADER_PARAMETER,
  'UpdateConnectionOAuthRequestParameters.AuthorizationEndpoint': HTTPS_ENDPOINT,
  'UpdateConnectionApiKeyAuthRequestParameters.ApiKeyName': AUTH_HEADER_PARAMETER,
  'UpdateConnectionApiKeyAuthRequestParameters.ApiKeyValue': AUTH_HEADER_PARAMETER,
  'ConnectionHttpParameters.HeaderParameters': { length: { min: 0, max: 100 } },
  'ConnectionHttpParameters.QueryStringParameters': { length: { min: 0, max: 100 } },
  'ConnectionHttpParameters.BodyParameters': { length: { min: 0, max: 100 } },
  'ConnectionHeaderParameter.Key': {
    length: { max: 512 },
    pattern: "^[!#$%&'*+-.^_`|~0-9a-zA-Z]+$",
  },
  'ConnectionHeaderParameter.Value': {
    length: { max: 512 },
    pattern: '^[ \\t]*[\\x20-\\x7E]+([ \\t]+[\\x20-\\x7E]+)*[ \\t]*$',
  },
  'ConnectionQueryStringParameter.Key': { length: { max: 512 }, pattern: wholeValue('[^\\x00-\\x1F\\x7F]+') },
  'ConnectionQueryStringParameter.Value': {
    length: { max: 512 },
    pattern: wholeValue('[^\\x00-\\x09\\x0B\\x0C\\x0E-\\x1F\\x7F]+'),
  },
  'DescribeConnectionRequest.Name': NAME_LIMITS,
  'DeleteConnectionRequest.Name': NAME_LIMITS,
  'DeauthorizeConnectionRequest.Name': NAME_LIMITS,
  'ListConnectionsRequest.NamePrefix': NAME_LIMITS,
  'ListConnectionsRequest.NextToken': NEXT_TOKEN,
  'ListConnectionsRequest.Limit': LIMIT,
  // Rules
  'PutRuleRequest.Name': NAME_LIMITS,
  'PutRuleRequest.ScheduleExpression': { length: { max: 256 } },
  'PutRuleRequest.EventPattern': { length: { max: 4096 } },
  'PutRuleRequest.Description': DESCRIPTION,
  'PutRuleRequest.RoleArn': ARN,
  'PutRuleRequest.EventBusName': BUS_NAME_OR_ARN,
  'DescribeRuleRequest.Name': NAME_LIMITS,
  'DescribeRuleRequest.EventBusName': BUS_NAME_OR_ARN,
  'DeleteRuleRequest.Name': NAME_LIMITS,
  'DeleteRuleRequest.EventBusName': BUS_NAME_OR_ARN,
  'EnableRuleRequest.Name': NAME_LIMITS,
  'EnableRuleRequest.EventBusName': BUS_NAME_OR_ARN,
  'DisableRuleRequest.Name': NAME_LIMITS,
  'DisableRuleRequest.EventBusName': BUS_NAME_OR_ARN,
  'ListRulesRequest.NamePrefix': NAME_LIMITS,
  'ListRulesRequest.EventBusName': BUS_NAME_OR_ARN,
  'ListRulesRequest.NextToken': NEXT_TOKEN,
  'ListRulesRequest.Limit': LIMIT,
  'TestEventPatternRequest.EventPattern': { length: { max: 4096 } },
  // Targets
  'PutTargetsRequest.Rule': NAME_LIMITS,
  'PutTargetsRequest.EventBusName': BUS_NAME_OR_ARN,
  'PutTargetsRequest.Targets': { length: { min: 1, max: 100 } },
  'Target.Id': NAME_LIMITS,
  'Target.Arn': ARN,
  'Target.RoleArn': ARN,
  'Target.Input': { length: { max: 8192 } },
  'Target.InputPath': { length: { max: 256 } },
  'InputTransformer.InputPathsMap': { length: { max: 100 } },
  'InputTransformer.InputTemplate': { length: { min: 1, max: 8192 } },
  'SqsParameters.MessageGroupId': { length: { max: 100 } },
  'DeadLetterConfig.Arn': ARN,
  'RetryPolicy.MaximumRetryAttempts': { range: { min: 0, max: 185 } },
  'RetryPolicy.MaximumEventAgeInSeconds': { range: { min: 60, max: 86_400 } },
  'RemoveTargetsRequest.Rule': NAME_LIMITS,
  'RemoveTargetsRequest.EventBusName': BUS_NAME_OR_ARN,
  'RemoveTargetsRequest.Ids': { length: { min: 1, max: 100 } },
  'ListTargetsByRuleRequest.Rule': NAME_LIMITS,
  'ListTargetsByRuleRequest.EventBusName': BUS_NAME_OR_ARN,
  'ListTargetsByRuleRequest.NextToken': NEXT_TOKEN,
  'ListTargetsByRuleRequest.Limit': LIMIT,
  'ListRuleNamesByTargetRequest.TargetArn': ARN,
  'ListRuleNamesByTargetRequest.EventBusName': BUS_NAME_OR_ARN,
  'ListRuleNamesByTargetRequest.NextToken': NEXT_TOKEN,
  'ListRuleNamesByTargetRequest.Limit': LIMIT,
  // Events
  'PutEventsRequest.Entries': { length: { min: 1, max: 10 } },
  'PutEventsRequest.EndpointId': {
    length: { min: 1, max: 50 },
    pattern: '^[A-Za-z0-9\\-]+[\\.][A-Za-z0-9\\-]+$',
  },
  'PutEventsRequestEntry.EventBusName': {
    length: { min: 1, max: 1600 },
    pattern: wholeValue(
      '(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[\\.\\-_A-Za-z0-9]+',
    ),
  },
  'PutEventsRequestEntry.TraceHeader': { length: { min: 1, max: 500 } },
  // Tags
  'TagResourceRequest.ResourceARN': ARN,
  'UntagResourceRequest.ResourceARN': ARN,
  'ListTagsForResourceRequest.ResourceARN': ARN,
  'Tag.Key': { length: { min: 1, max: 128 } },
  'Tag.Value': { length: { min: 0, max: 256 } },
};
