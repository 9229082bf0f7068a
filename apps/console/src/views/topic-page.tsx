import {
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  MessageAttributeValue,
  PublishCommand,
  Subscription,
} from '@aws-sdk/client-sns';
import { useState } from 'react';
import { consoleApi } from '../api/console-api';
import { Empty, FifoIdFields, PageHeader, Section, StatusBadge } from '../components/common';
import { prettyJson } from '../format';
import { useAction, useConsole, usePoll } from '../hooks';
import { lastSegment, links } from '../router';
import { listTopicArns } from './topics-page';

interface SubscriptionView extends Subscription {
  attributes: Record<string, string>;
  pending: boolean;
}

export function TopicPage({ name }: { name: string }) {
  const { clients } = useConsole();
  const sns = clients.sns;
  const topic = usePoll(
    'topic',
    async () => {
      const arn = (await listTopicArns(sns)).find((a) => lastSegment(a) === name);
      if (!arn) throw new Error(`Topic ${name} does not exist`);
      const attributes = (await sns.send(new GetTopicAttributesCommand({ TopicArn: arn }))).Attributes ?? {};
      return { arn, attributes };
    },
    0,
    [name],
  );
  const topicArn = topic.data?.arn;
  const subscriptions = usePoll(
    'subscriptions',
    async () => {
      if (!topicArn) return undefined;
      const all: Subscription[] = [];
      let NextToken: string | undefined;
      do {
        const page = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken }));
        all.push(...(page.Subscriptions ?? []));
        NextToken = page.NextToken;
      } while (NextToken);
      return Promise.all(
        all.map(async (s): Promise<SubscriptionView> => {
          const pending = !s.SubscriptionArn || s.SubscriptionArn === 'PendingConfirmation';
          if (pending) return { ...s, attributes: {}, pending };
          const attributes =
            (await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: s.SubscriptionArn })))
              .Attributes ?? {};
          return { ...s, attributes, pending: attributes.PendingConfirmation === 'true' };
        }),
      );
    },
    5000,
    [topicArn],
  );
  const stats = usePoll('delivery-stats', () => consoleApi.deliveryStats(name), 3000, [name]);
  const fifo = topic.data?.attributes.FifoTopic === 'true' || name.endsWith('.fifo');

  return (
    <>
      <PageHeader title={name} kind={fifo ? 'FIFO topic' : 'Topic'} />
      <div className="stats">
        <div className="stat small">
          <div className="stat-label">ARN</div>
          <div className="stat-value">{topicArn ?? '—'}</div>
        </div>
        <div className="stat">
          <div className="stat-label">Display name</div>
          <div className="stat-value">{topic.data?.attributes.DisplayName || '—'}</div>
        </div>
      </div>
      <Section title="Subscriptions">
        {subscriptions.data && subscriptions.data.length === 0 && <Empty>No subscriptions.</Empty>}
        {(subscriptions.data?.length ?? 0) > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th>Protocol</th>
                <th>Endpoint</th>
                <th>State</th>
                <th>Filter policy</th>
                <th className="num">Failed deliveries</th>
                <th className="num">Dead-lettered</th>
              </tr>
            </thead>
            <tbody>
              {subscriptions.data!.map((s, i) => {
                const arn = s.SubscriptionArn ?? 'PendingConfirmation';
                const stat = stats.data?.subscriptions[arn];
                let dlq: string | undefined;
                try {
                  dlq = s.attributes.RedrivePolicy
                    ? JSON.parse(s.attributes.RedrivePolicy).deadLetterTargetArn
                    : undefined;
                } catch {
                  dlq = undefined;
                }
                return (
                  <tr key={`${arn}-${i}`} data-testid="subscription-row" data-subscription-arn={arn}>
                    <td>{s.Protocol}</td>
                    <td className="wrap">
                      {s.Protocol === 'sqs' && s.Endpoint ? (
                        <a href={links.queue(lastSegment(s.Endpoint))}>{s.Endpoint}</a>
                      ) : (
                        s.Endpoint
                      )}
                      {s.attributes.RawMessageDelivery === 'true' && (
                        <div className="muted small">raw delivery</div>
                      )}
                    </td>
                    <td data-testid="subscription-pending" data-pending={String(s.pending)}>
                      <StatusBadge status={s.pending ? 'pending' : 'confirmed'} />
                    </td>
                    <td>
                      <pre className="json compact" data-testid="subscription-filter-policy">
                        {s.attributes.FilterPolicy ? prettyJson(s.attributes.FilterPolicy) : '—'}
                      </pre>
                      {s.attributes.FilterPolicy && (
                        <div className="muted small">
                          on {s.attributes.FilterPolicyScope ?? 'MessageAttributes'}
                        </div>
                      )}
                    </td>
                    <td className="num" data-testid="subscription-failed">
                      {stat ? stat.failed : '—'}
                    </td>
                    <td className="num">
                      <span data-testid="subscription-dlq-count">{stat ? stat.deadLettered : '—'}</span>
                      {dlq && (
                        <div className="small">
                          <a href={links.queue(lastSegment(dlq))}>{lastSegment(dlq)}</a>
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Section>
      <Publish topicArn={topicArn} fifo={fifo} />
    </>
  );
}

function Publish({ topicArn, fifo }: { topicArn?: string; fifo: boolean }) {
  const { clients } = useConsole();
  const [subject, setSubject] = useState('');
  const [message, setMessage] = useState('');
  const [attributes, setAttributes] = useState('');
  const [groupId, setGroupId] = useState('');
  const [dedupId, setDedupId] = useState('');
  const publish = useAction(async () => {
    let MessageAttributes: Record<string, MessageAttributeValue> | undefined;
    if (attributes.trim()) {
      const parsed = JSON.parse(attributes) as Record<string, unknown>;
      MessageAttributes = Object.fromEntries(
        Object.entries(parsed).map(([key, value]) =>
          typeof value === 'number'
            ? [key, { DataType: 'Number', StringValue: String(value) }]
            : Array.isArray(value)
              ? [key, { DataType: 'String.Array', StringValue: JSON.stringify(value) }]
              : [key, { DataType: 'String', StringValue: String(value) }],
        ),
      );
    }
    const answer = await clients.sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: subject || undefined,
        Message: message,
        MessageAttributes,
        MessageGroupId: groupId || undefined,
        MessageDeduplicationId: dedupId || undefined,
      }),
    );
    return `Published ${answer.MessageId}`;
  });

  return (
    <Section title="Publish a test message">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void publish.run();
        }}
      >
        <label>
          Subject
          <input data-testid="publish-subject" value={subject} onChange={(e) => setSubject(e.target.value)} />
        </label>
        <label>
          Message
          <textarea
            data-testid="publish-message"
            rows={4}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
          />
        </label>
        <label>
          Message attributes (JSON object: strings, numbers, arrays)
          <input
            data-testid="publish-attributes"
            placeholder='{"kind": "order", "amount": 12}'
            value={attributes}
            onChange={(e) => setAttributes(e.target.value)}
          />
        </label>
        {fifo && (
          <div className="row">
            <FifoIdFields
              testIdPrefix="publish"
              groupId={groupId}
              onGroupId={setGroupId}
              dedupId={dedupId}
              onDedupId={setDedupId}
            />
          </div>
        )}
        <div className="row">
          <span data-testid="publish-result" className={publish.error ? 'inline-error' : 'notice'}>
            {publish.error ?? publish.result ?? ''}
          </span>
          <span className="spacer" />
          <button
            data-testid="publish-button"
            className="primary"
            type="submit"
            disabled={!topicArn || !message || publish.busy}
          >
            Publish
          </button>
        </div>
      </form>
    </Section>
  );
}
