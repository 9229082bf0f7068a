// SQS: send, receive and delete, each iteration one message through a queue.
// k6 run -e SWITCHYARD_ENDPOINT=http://localhost:4566 load/k6/sqs.js
import { check } from 'k6';
import { Trend } from 'k6/metrics';
import { json } from './aws.js';

export const options = {
  vus: 16,
  duration: '30s',
  thresholds: {
    http_req_failed: ['rate<0.01'],
    checks: ['rate>0.99'],
    http_req_duration: ['p(95)<250'],
  },
};

const roundTrip = new Trend('sqs_message_round_trip');

export function setup() {
  const res = json('sqs', 'AmazonSQS.CreateQueue', { QueueName: `k6-${Date.now()}` });
  return { queueUrl: res.json('QueueUrl') };
}

export default function ({ queueUrl }) {
  const started = Date.now();
  const sent = json('sqs', 'AmazonSQS.SendMessage', {
    QueueUrl: queueUrl,
    MessageBody: `m-${__VU}-${__ITER}`,
  });
  check(sent, { sent: (r) => r.status === 200 && r.json('MessageId') !== undefined });
  const received = json('sqs', 'AmazonSQS.ReceiveMessage', {
    QueueUrl: queueUrl,
    MaxNumberOfMessages: 1,
    WaitTimeSeconds: 1,
  });
  const messages = received.json('Messages') || [];
  check(received, { received: (r) => r.status === 200 && messages.length === 1 });
  for (const m of messages) {
    const deleted = json('sqs', 'AmazonSQS.DeleteMessage', {
      QueueUrl: queueUrl,
      ReceiptHandle: m.ReceiptHandle,
    });
    check(deleted, { deleted: (r) => r.status === 200 });
  }
  roundTrip.add(Date.now() - started);
}

export function teardown({ queueUrl }) {
  json('sqs', 'AmazonSQS.DeleteQueue', { QueueUrl: queueUrl });
}
