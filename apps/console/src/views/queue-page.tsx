import {
  CancelMessageMoveTaskCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  Message,
  MessageAttributeValue,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { useEffect, useState } from 'react';
import { consoleApi } from '../api/console-api';
import { Empty, FifoIdFields, Json, PageHeader, Section, StatusBadge } from '../components/common';
import { formatDate } from '../format';
import { useAction, useConsole, usePoll } from '../hooks';
import { lastSegment, links } from '../router';

/** Attributes SetQueueAttributes takes, in the order the editor lists them. */
const EDITABLE = [
  'VisibilityTimeout',
  'MessageRetentionPeriod',
  'DelaySeconds',
  'MaximumMessageSize',
  'ReceiveMessageWaitTimeSeconds',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'Policy',
];
const EDITABLE_FIFO = ['ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit'];
const LONG = new Set(['RedrivePolicy', 'RedriveAllowPolicy', 'Policy']);

export function QueuePage({ name }: { name: string }) {
  const { clients } = useConsole();
  const sqs = clients.sqs;
  const url = usePoll(
    'queue-url',
    async () => (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!,
    0,
    [name],
  );
  const queueUrl = url.data;
  const attributes = usePoll(
    'queue-attributes',
    async () =>
      queueUrl
        ? ((await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] })))
            .Attributes ?? {})
        : undefined,
    2000,
    [queueUrl],
  );
  const attrs = attributes.data;
  const fifo = name.endsWith('.fifo');
  const arn = attrs?.QueueArn;

  const purge = useAction(async () => {
    await sqs.send(new PurgeQueueCommand({ QueueUrl: queueUrl }));
    attributes.refresh();
    return 'Purge requested: the queue empties within a moment.';
  });

  return (
    <>
      <PageHeader title={name} kind={fifo ? 'FIFO queue' : 'Queue'}>
        <button
          data-testid="purge-button"
          className="danger"
          disabled={!queueUrl || purge.busy}
          onClick={() => void purge.run()}
        >
          Purge messages
        </button>
      </PageHeader>
      {purge.result && <p className="notice">{purge.result}</p>}
      <div className="stats">
        <Stat label="Visible" value={attrs?.ApproximateNumberOfMessages} />
        <Stat label="In flight" value={attrs?.ApproximateNumberOfMessagesNotVisible} />
        <Stat label="Delayed" value={attrs?.ApproximateNumberOfMessagesDelayed} />
        <Stat label="URL" value={queueUrl} small />
        <Stat label="ARN" value={arn} small />
      </div>
      <div className="columns">
        <div>
          <SendMessage queueUrl={queueUrl} fifo={fifo} onSent={attributes.refresh} />
          <Peek name={name} />
          {queueUrl && <Receive queueUrl={queueUrl} onChange={attributes.refresh} />}
        </div>
        <div>
          {attrs && queueUrl && (
            <AttributesEditor
              queueUrl={queueUrl}
              attributes={attrs}
              fifo={fifo}
              onSaved={attributes.refresh}
            />
          )}
          {attrs && <DeadLetterInfo attributes={attrs} />}
          {queueUrl && arn && <Redrive queueUrl={queueUrl} arn={arn} />}
        </div>
      </div>
    </>
  );
}

function Stat({ label, value, small }: { label: string; value: string | undefined; small?: boolean }) {
  return (
    <div className={small ? 'stat small' : 'stat'}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value ?? '—'}</div>
    </div>
  );
}

interface AttributeRow {
  name: string;
  type: 'String' | 'Number' | 'Binary';
  value: string;
}

function SendMessage({ queueUrl, fifo, onSent }: { queueUrl?: string; fifo: boolean; onSent: () => void }) {
  const { clients } = useConsole();
  const [body, setBody] = useState('');
  const [groupId, setGroupId] = useState('');
  const [dedupId, setDedupId] = useState('');
  const [delay, setDelay] = useState('');
  const [rows, setRows] = useState<AttributeRow[]>([]);
  const send = useAction(async () => {
    const MessageAttributes: Record<string, MessageAttributeValue> = {};
    for (const row of rows) {
      if (!row.name.trim()) continue;
      MessageAttributes[row.name.trim()] =
        row.type === 'Binary'
          ? { DataType: 'Binary', BinaryValue: new TextEncoder().encode(row.value) }
          : { DataType: row.type, StringValue: row.value };
    }
    const answer = await clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: body,
        MessageGroupId: groupId || undefined,
        MessageDeduplicationId: dedupId || undefined,
        DelaySeconds: delay ? Number(delay) : undefined,
        MessageAttributes: Object.keys(MessageAttributes).length ? MessageAttributes : undefined,
      }),
    );
    onSent();
    return `Sent ${answer.MessageId}${answer.SequenceNumber ? ` (sequence ${answer.SequenceNumber})` : ''}`;
  });
  const setRow = (i: number, patch: Partial<AttributeRow>) =>
    setRows((current) => current.map((row, j) => (j === i ? { ...row, ...patch } : row)));

  return (
    <Section title="Send a message">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void send.run();
        }}
      >
        <label>
          Body
          <textarea data-testid="send-body" rows={4} value={body} onChange={(e) => setBody(e.target.value)} />
        </label>
        <div className="row">
          {fifo ? (
            <FifoIdFields
              testIdPrefix="send"
              groupId={groupId}
              onGroupId={setGroupId}
              dedupId={dedupId}
              onDedupId={setDedupId}
            />
          ) : (
            <label>
              Delay (s)
              <input
                data-testid="send-delay"
                type="number"
                min={0}
                max={900}
                value={delay}
                onChange={(e) => setDelay(e.target.value)}
              />
            </label>
          )}
        </div>
        {rows.map((row, i) => (
          <div className="row attribute-row" key={i}>
            <input
              placeholder="attribute name"
              value={row.name}
              onChange={(e) => setRow(i, { name: e.target.value })}
            />
            <select
              value={row.type}
              onChange={(e) => setRow(i, { type: e.target.value as AttributeRow['type'] })}
            >
              <option>String</option>
              <option>Number</option>
              <option>Binary</option>
            </select>
            <input
              placeholder="value"
              value={row.value}
              onChange={(e) => setRow(i, { value: e.target.value })}
            />
            <button
              type="button"
              className="link"
              onClick={() => setRows((r) => r.filter((_, j) => j !== i))}
            >
              remove
            </button>
          </div>
        ))}
        <div className="row">
          <button
            type="button"
            className="link"
            onClick={() => setRows((r) => [...r, { name: '', type: 'String', value: '' }])}
          >
            + message attribute
          </button>
          <span className="spacer" />
          <button
            data-testid="send-button"
            className="primary"
            type="submit"
            disabled={!queueUrl || !body || send.busy}
          >
            Send
          </button>
        </div>
        {send.result && (
          <p className="notice" data-testid="send-result">
            {send.result}
          </p>
        )}
      </form>
    </Section>
  );
}

function Peek({ name }: { name: string }) {
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const peek = usePoll('peek', () => consoleApi.peek(name, query || undefined, 100), 3000, [name, query]);
  const messages = peek.data?.messages ?? [];

  return (
    <Section
      title="Messages"
      actions={
        <>
          <input
            data-testid="message-search"
            type="search"
            placeholder="Search by id or body"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <button data-testid="peek-refresh" onClick={peek.refresh}>
            Refresh
          </button>
        </>
      }
    >
      <p className="muted small">
        Peeked without receiving: nothing is made invisible, no receive count changes.
        {peek.data && ` ${peek.data.scanned} scanned${peek.data.truncated ? ', more not shown' : ''}.`}
      </p>
      {peek.data && messages.length === 0 && (
        <Empty>{query ? 'No message matches.' : 'The queue is empty.'}</Empty>
      )}
      <ul className="messages">
        {messages.map((m) => (
          <li key={m.messageId} data-testid="peek-message" data-message-id={m.messageId} data-state={m.state}>
            <div className="message-meta">
              <code>{m.messageId}</code>
              <StatusBadge status={m.state === 'inFlight' ? 'in-flight' : m.state} />
              <span>
                received <b data-testid="peek-receive-count">{m.receiveCount}</b>×
              </span>
              <span className="muted">sent {formatDate(m.sentTimestamp)}</span>
              {m.groupId && <span className="muted">group {m.groupId}</span>}
              {m.deduplicationId && <span className="muted">dedup {m.deduplicationId}</span>}
            </div>
            <pre className="body" data-testid="peek-body">
              {m.body}
            </pre>
            {(Object.keys(m.messageAttributes ?? {}).length > 0 ||
              Object.keys(m.attributes ?? {}).length > 0) && (
              <details>
                <summary>Attributes</summary>
                <Json value={{ messageAttributes: m.messageAttributes, attributes: m.attributes }} />
              </details>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}

function Receive({ queueUrl, onChange }: { queueUrl: string; onChange: () => void }) {
  const { clients } = useConsole();
  const [messages, setMessages] = useState<Message[]>([]);
  const [visibility, setVisibility] = useState('30');
  const receive = useAction(async () => {
    const answer = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: Number(visibility),
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    setMessages(answer.Messages ?? []);
    onChange();
    return `${answer.Messages?.length ?? 0} received`;
  });
  const remove = useAction(async (message: Message) => {
    await clients.sqs.send(
      new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }),
    );
    setMessages((current) => current.filter((m) => m !== message));
    onChange();
    return `Deleted ${message.MessageId}`;
  });

  return (
    <Section
      title="Receive and delete"
      actions={
        <>
          <label className="inline">
            hide for (s)
            <input
              type="number"
              min={0}
              max={43200}
              value={visibility}
              onChange={(e) => setVisibility(e.target.value)}
            />
          </label>
          <button data-testid="receive-button" onClick={() => void receive.run()} disabled={receive.busy}>
            Receive
          </button>
        </>
      }
    >
      <p className="muted small">
        Receiving is a real receive: the messages turn in flight and their receive count grows.
      </p>
      {remove.result && <p className="notice">{remove.result}</p>}
      {receive.result && messages.length === 0 && <Empty>{receive.result}</Empty>}
      <ul className="messages">
        {messages.map((m) => (
          <li key={m.ReceiptHandle} data-testid="received-message" data-message-id={m.MessageId}>
            <div className="message-meta">
              <code>{m.MessageId}</code>
              <span>received {m.Attributes?.ApproximateReceiveCount}×</span>
              <span className="spacer" />
              <button
                data-testid="received-delete"
                className="danger small"
                onClick={() => void remove.run(m)}
              >
                Delete
              </button>
            </div>
            <pre className="body">{m.Body}</pre>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function AttributesEditor({
  queueUrl,
  attributes,
  fifo,
  onSaved,
}: {
  queueUrl: string;
  attributes: Record<string, string>;
  fifo: boolean;
  onSaved: () => void;
}) {
  const { clients } = useConsole();
  const [edits, setEdits] = useState<Record<string, string>>({});
  const names = fifo ? [...EDITABLE, ...EDITABLE_FIFO] : EDITABLE;
  const save = useAction(async () => {
    await clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: edits }));
    setEdits({});
    onSaved();
    return 'Saved';
  });
  const readOnly = Object.entries(attributes).filter(([key]) => !names.includes(key));

  return (
    <Section title="Attributes">
      <form
        className="form attributes"
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        {names.map((key) => {
          const value = edits[key] ?? attributes[key] ?? '';
          const onChange = (text: string) => setEdits((current) => ({ ...current, [key]: text }));
          return (
            <label key={key} className={key in edits ? 'edited' : ''}>
              {key}
              {LONG.has(key) ? (
                <textarea
                  data-testid="attribute-input"
                  data-attribute={key}
                  rows={2}
                  value={value}
                  onChange={(e) => onChange(e.target.value)}
                />
              ) : (
                <input
                  data-testid="attribute-input"
                  data-attribute={key}
                  value={value}
                  onChange={(e) => onChange(e.target.value)}
                />
              )}
            </label>
          );
        })}
        <div className="row">
          {save.result && Object.keys(edits).length === 0 && <span className="notice">{save.result}</span>}
          <span className="spacer" />
          <button
            type="button"
            className="link"
            disabled={!Object.keys(edits).length}
            onClick={() => setEdits({})}
          >
            Reset
          </button>
          <button
            data-testid="attributes-save"
            className="primary"
            type="submit"
            disabled={save.busy || !Object.keys(edits).length}
          >
            Save
          </button>
        </div>
      </form>
      <details>
        <summary>All attributes</summary>
        <dl className="kv">
          {readOnly.map(([key, value]) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd>{/Timestamp$/.test(key) ? `${formatDate(Number(value))} (${value})` : value}</dd>
            </div>
          ))}
        </dl>
      </details>
    </Section>
  );
}

function DeadLetterInfo({ attributes }: { attributes: Record<string, string> }) {
  let policy: { deadLetterTargetArn?: string; maxReceiveCount?: number | string } | undefined;
  try {
    policy = attributes.RedrivePolicy ? JSON.parse(attributes.RedrivePolicy) : undefined;
  } catch {
    policy = undefined;
  }
  if (!policy?.deadLetterTargetArn) return null;
  const dlq = lastSegment(policy.deadLetterTargetArn);
  return (
    <Section title="Redrive policy">
      <p data-testid="redrive-policy">
        After <b>{policy.maxReceiveCount}</b> receives a message moves to the dead-letter queue{' '}
        <a data-testid="dlq-link" href={links.queue(dlq)}>
          {dlq}
        </a>
        .
      </p>
    </Section>
  );
}

function Redrive({ queueUrl, arn }: { queueUrl: string; arn: string }) {
  const { clients } = useConsole();
  const sources = usePoll(
    'dlq-sources',
    async () =>
      (await clients.sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: queueUrl }))).queueUrls ?? [],
    10000,
    [queueUrl],
  );
  const isDlq = (sources.data?.length ?? 0) > 0;
  const tasks = usePoll(
    'move-tasks',
    async () =>
      isDlq
        ? ((await clients.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: arn, MaxResults: 10 })))
            .Results ?? [])
        : [],
    2000,
    [arn, isDlq],
  );
  const [rate, setRate] = useState('');
  const start = useAction(async () => {
    await clients.sqs.send(
      new StartMessageMoveTaskCommand({
        SourceArn: arn,
        MaxNumberOfMessagesPerSecond: rate ? Number(rate) : undefined,
      }),
    );
    tasks.refresh();
    return 'Started';
  });
  const latest = tasks.data?.[0];
  const cancel = useAction(async () => {
    await clients.sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: latest?.TaskHandle }));
    tasks.refresh();
    return 'Cancelling';
  });
  if (!isDlq) return null;
  const running = latest?.Status === 'RUNNING' || latest?.Status === 'CANCELLING';

  return (
    <Section title="Dead-letter redrive">
      <p>
        Dead-letter queue of{' '}
        {sources.data!.map((u, i) => (
          <span key={u}>
            {i > 0 && ', '}
            <a href={links.queue(lastSegment(u))}>{lastSegment(u)}</a>
          </span>
        ))}
        . A redrive moves its messages back to the queues they came from.
      </p>
      <div className="row">
        <label className="inline">
          max per second
          <input
            type="number"
            min={1}
            max={500}
            placeholder="auto"
            value={rate}
            onChange={(e) => setRate(e.target.value)}
          />
        </label>
        <span className="spacer" />
        <button
          data-testid="redrive-start"
          className="primary"
          disabled={running || start.busy}
          onClick={() => void start.run()}
        >
          Start redrive
        </button>
        <button
          data-testid="redrive-cancel"
          disabled={latest?.Status !== 'RUNNING' || cancel.busy}
          onClick={() => void cancel.run()}
        >
          Cancel
        </button>
      </div>
      <div className="redrive-status" data-testid="redrive-status" data-status={latest?.Status ?? ''}>
        {latest ? (
          <>
            <StatusBadge status={latest.Status ?? 'UNKNOWN'} /> {latest.ApproximateNumberOfMessagesMoved ?? 0}
            /{latest.ApproximateNumberOfMessagesToMove ?? '?'} moved
            {latest.StartedTimestamp ? ` · started ${formatDate(latest.StartedTimestamp)}` : ''}
            {latest.FailureReason ? ` · ${latest.FailureReason}` : ''}
            <Progress
              moved={latest.ApproximateNumberOfMessagesMoved}
              total={latest.ApproximateNumberOfMessagesToMove}
            />
          </>
        ) : (
          <span className="muted">No redrive yet.</span>
        )}
      </div>
    </Section>
  );
}

function Progress({ moved = 0, total }: { moved?: number; total?: number }) {
  const share = total ? Math.min(1, moved / total) : 0;
  return (
    <div className="progress">
      <div style={{ width: `${share * 100}%` }} />
    </div>
  );
}
