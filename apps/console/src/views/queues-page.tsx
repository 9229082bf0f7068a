import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { FormEvent, useState } from 'react';
import { consoleApi } from '../api/console-api';
import { Empty, PageHeader, Section } from '../components/common';
import { formatAge } from '../format';
import { useAction, useConsole, usePoll } from '../hooks';
import { links } from '../router';

export function QueuesPage() {
  const { clients } = useConsole();
  const queues = usePoll('queues', () => consoleApi.queues(), 2000);
  const [name, setName] = useState('');
  const create = useAction(async (queueName: string) => {
    const fifo = queueName.endsWith('.fifo');
    await clients.sqs.send(
      new CreateQueueCommand({ QueueName: queueName, Attributes: fifo ? { FifoQueue: 'true' } : undefined }),
    );
    return queueName;
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await create.run(name.trim())) {
      setName('');
      queues.refresh();
    }
  };

  const list = queues.data?.queues ?? [];
  return (
    <>
      <PageHeader title="Queues">
        <form className="inline-form" onSubmit={(e) => void submit(e)}>
          <input
            data-testid="create-queue-name"
            placeholder="new-queue (or name.fifo)"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <button data-testid="create-queue-button" type="submit" disabled={!name.trim() || create.busy}>
            Create queue
          </button>
        </form>
      </PageHeader>
      <Section title={`${list.length} queue${list.length === 1 ? '' : 's'}`}>
        {queues.data && list.length === 0 ? (
          <Empty>No queues yet.</Empty>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Type</th>
                <th className="num">Visible</th>
                <th className="num">In flight</th>
                <th className="num">Delayed</th>
                <th className="num">Oldest message</th>
              </tr>
            </thead>
            <tbody>
              {list.map((q) => (
                <tr key={q.name} data-testid="queue-row" data-queue={q.name}>
                  <td>
                    <a href={links.queue(q.name)}>{q.name}</a>
                  </td>
                  <td>{q.fifo ? 'FIFO' : 'Standard'}</td>
                  <td className="num" data-testid="queue-visible">
                    {q.visible}
                  </td>
                  <td className="num" data-testid="queue-inflight">
                    {q.inFlight}
                  </td>
                  <td className="num" data-testid="queue-delayed">
                    {q.delayed}
                  </td>
                  <td className="num" data-testid="queue-oldest" data-seconds={q.oldestAgeSeconds ?? ''}>
                    {q.visible + q.inFlight + q.delayed > 0 ? formatAge(q.oldestAgeSeconds) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </>
  );
}
