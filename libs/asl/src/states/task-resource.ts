/** How AWS names a Task's events, which depends on the kind of resource. */
export type TaskEventFamily = 'Lambda' | 'Activity' | 'Task';

/** Classifies a Task resource and splits a service integration ARN into AWS's resourceType/resource. */
export function describeResource(resource: string): {
  family: TaskEventFamily;
  resourceType: string;
  resourceName: string;
} {
  if (/^arn:aws[a-z-]*:lambda:[^:]*:[^:]*:function:/.test(resource)) {
    return { family: 'Lambda', resourceType: 'lambda', resourceName: resource };
  }
  if (/^arn:aws[a-z-]*:states:[^:]*:[^:]*:activity:/.test(resource)) {
    return { family: 'Activity', resourceType: 'activity', resourceName: resource };
  }
  // An AWS SDK integration names its service in the type: `aws-sdk:sqs` and `getQueueUrl`.
  const sdk = /^arn:aws[a-z-]*:states:::(aws-sdk:[^:]+):(.+)$/.exec(resource);
  if (sdk) return { family: 'Task', resourceType: sdk[1], resourceName: sdk[2] };
  const m = /^arn:aws[a-z-]*:states:::([^:]+):(.+)$/.exec(resource);
  if (m) return { family: 'Task', resourceType: m[1], resourceName: m[2] };
  return { family: 'Task', resourceType: 'custom', resourceName: resource };
}
