import { CreateTopicCommand, GetTopicAttributesCommand, ListTopicsCommand } from '@aws-sdk/client-sns';
import { FormEvent, useState } from 'react';
import { Empty, PageHeader, Section } from '../components/common';
import { useAction, useConsole, usePoll } from '../hooks';
import { lastSegment, links } from '../router';
import type { SNSClient } from '@aws-sdk/client-sns';

/** Every topic's ARN, all pages. */
export async function listTopicArns(sns: SNSClient): Promise<string[]> {
  const arns: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await sns.send(new ListTopicsCommand({ NextToken }));
    for (const topic of page.Topics ?? []) if (topic.TopicArn) arns.push(topic.TopicArn);
    NextToken = page.NextToken;
  } while (NextToken);
  return arns;
}

export function TopicsPage() {
  const { clients } = useConsole();
  const topics = usePoll(
    'topics',
    async () => {
      const arns = await listTopicArns(clients.sns);
      return Promise.all(
        arns.map(async (arn) => {
          const attributes =
            (await clients.sns.send(new GetTopicAttributesCommand({ TopicArn: arn }))).Attributes ?? {};
          return { arn, name: lastSegment(arn), attributes };
        }),
      );
    },
    5000,
  );
  const [name, setName] = useState('');
  const create = useAction(async (topicName: string) => {
    await clients.sns.send(
      new CreateTopicCommand({
        Name: topicName,
        Attributes: topicName.endsWith('.fifo') ? { FifoTopic: 'true' } : undefined,
      }),
    );
    return topicName;
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await create.run(name.trim())) {
      setName('');
      topics.refresh();
    }
  };

  const list = topics.data ?? [];
  return (
    <>
      <PageHeader title="Topics">
        <form className="inline-form" onSubmit={(e) => void submit(e)}>
          <input
            data-testid="create-topic-name"
            placeholder="new-topic (or name.fifo)"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <button data-testid="create-topic-button" type="submit" disabled={!name.trim() || create.busy}>
            Create topic
          </button>
        </form>
      </PageHeader>
      <Section title={`${list.length} topic${list.length === 1 ? '' : 's'}`}>
        {topics.data && list.length === 0 ? (
          <Empty>No topics yet.</Empty>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Type</th>
                <th className="num">Confirmed</th>
                <th className="num">Pending</th>
                <th>ARN</th>
              </tr>
            </thead>
            <tbody>
              {list.map((t) => (
                <tr key={t.arn} data-testid="topic-row" data-topic={t.name}>
                  <td>
                    <a href={links.topic(t.name)}>{t.name}</a>
                  </td>
                  <td>{t.attributes.FifoTopic === 'true' ? 'FIFO' : 'Standard'}</td>
                  <td className="num">{t.attributes.SubscriptionsConfirmed ?? '—'}</td>
                  <td className="num">{t.attributes.SubscriptionsPending ?? '—'}</td>
                  <td className="muted small">{t.arn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </>
  );
}
