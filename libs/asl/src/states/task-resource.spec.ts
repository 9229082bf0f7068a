import { describeResource } from './task-resource';

describe('describeResource (how history events name a Task resource)', () => {
  it.each([
    [
      'arn:aws:lambda:us-east-1:000000000000:function:f',
      'Lambda',
      'lambda',
      'arn:aws:lambda:us-east-1:000000000000:function:f',
    ],
    [
      'arn:aws:states:us-east-1:000000000000:activity:a',
      'Activity',
      'activity',
      'arn:aws:states:us-east-1:000000000000:activity:a',
    ],
    ['arn:aws:states:::sqs:sendMessage', 'Task', 'sqs', 'sendMessage'],
    ['arn:aws:states:::sqs:sendMessage.waitForTaskToken', 'Task', 'sqs', 'sendMessage.waitForTaskToken'],
    ['arn:aws:states:::states:startExecution.sync:2', 'Task', 'states', 'startExecution.sync:2'],
    ['arn:aws:states:::aws-sdk:sqs:getQueueUrl', 'Task', 'aws-sdk:sqs', 'getQueueUrl'],
    ['arn:aws:states:::http:invoke', 'Task', 'http', 'invoke'],
    ['urn:anything', 'Task', 'custom', 'urn:anything'],
  ])('%s', (resource, family, resourceType, resourceName) => {
    expect(describeResource(resource)).toEqual({ family, resourceType, resourceName });
  });
});
