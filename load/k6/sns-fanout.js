// SNS fan-out: each iteration publishes one message to a topic with three queue subscriptions,
// and takes what reached the queues.
// k6 run -e SWITCHYARD_ENDPOINT=http://localhost:4566 load/k6/sns-fanout.js
import { check } from 'k6';
import { Counter } from 'k6/metrics';
import { ACCOUNT, REGION, json, query, xmlValue } from './aws.js';

export const options = {
  vus: 8,
  duration: '30s',
  thresholds: {
    http_req_failed: ['rate<0.01'],
    checks: ['rate>0.99'],
    http_req_duration: ['p(95)<250'],
  },
};

const delivered = new Counter('sns_messages_delivered');
const QUEUES = 3;

export function setup() {
  const run = Date.now();
  const topicArn = xmlValue(query('sns', 'CreateTopic', { Name: `k6-${run}` }).body, 'TopicArn');
  const queueUrls = [];
  for (let i = 0; i < QUEUES; i++) {
    const name = `k6-${run}-${i}`;
    queueUrls.push(json('sqs', 'AmazonSQS.CreateQueue', { QueueName: name }).json('QueueUrl'));
    query('sns', 'Subscribe', {
      TopicArn: topicArn,
      Protocol: 'sqs',
      Endpoint: `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`,
      'Attributes.entry.1.key': 'RawMessageDelivery',
      'Attributes.entry.1.value': 'true',
    });
  }
  return { topicArn, queueUrls };
}

export default function ({ topicArn, queueUrls }) {
  const published = query('sns', 'Publish', { TopicArn: topicArn, Message: `m-${__VU}-${__ITER}` });
  check(published, { published: (r) => r.status === 200 && xmlValue(r.body, 'MessageId') !== undefined });
  const queueUrl = queueUrls[__ITER % queueUrls.length];
  const received = json('sqs', 'AmazonSQS.ReceiveMessage', { QueueUrl: queueUrl, MaxNumberOfMessages: 10 });
  const messages = received.json('Messages') || [];
  if (messages.length > 0) {
    delivered.add(messages.length);
    json('sqs', 'AmazonSQS.DeleteMessageBatch', {
      QueueUrl: queueUrl,
      Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
    });
  }
}
