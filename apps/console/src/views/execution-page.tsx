import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  HistoryEvent,
  RedriveExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { useMemo, useState } from 'react';
import { consoleApi } from '../api/console-api';
import { Json, PageHeader, Section, StatusBadge } from '../components/common';
import { GraphLegend, StateGraph } from '../components/state-graph';
import { TimelineView } from '../components/timeline';
import { formatDate, formatDuration } from '../format';
import { statusesFromBars } from '../graph/state-status';
import { useAction, useConsole, usePoll } from '../hooks';
import { lastSegment, links, stateMachineArnOf } from '../router';
import {
  buildTimeline,
  eventDetails,
  eventTime,
  HistoryEventLike,
  parsePayload,
  TimelineBar,
} from '../timeline/history-timeline';

interface ExecutionInfo {
  name: string;
  status: string;
  stateMachineArn: string;
  startDate?: Date;
  stopDate?: Date;
  input?: string;
  output?: string;
  error?: string;
  cause?: string;
  redriveCount?: number;
  redriveStatus?: string;
}

interface Loaded {
  execution: ExecutionInfo;
  events: HistoryEventLike[];
}

const toDate = (value: number | undefined) =>
  value === undefined ? undefined : new Date(value < 1e11 ? value * 1000 : value);

const FILTERS: Record<string, { label: string; test: (type: string) => boolean }> = {
  all: { label: 'All events', test: () => true },
  state: { label: 'State entered / exited', test: (t) => /State(Entered|Exited)$/.test(t) },
  task: {
    label: 'Tasks',
    test: (t) => /^(Task|LambdaFunction|Activity)/.test(t) && !/State(Entered|Exited)$/.test(t),
  },
  failure: { label: 'Failures', test: (t) => /(Failed|TimedOut|Aborted)$/.test(t) },
  map: { label: 'Map', test: (t) => t.startsWith('Map') },
  parallel: { label: 'Parallel', test: (t) => t.startsWith('Parallel') },
  execution: { label: 'Execution', test: (t) => t.startsWith('Execution') },
};

export function ExecutionPage({ executionArn, express }: { executionArn: string; express: boolean }) {
  const { clients } = useConsole();
  const sfn = clients.sfn;
  const [running, setRunning] = useState(true);

  const loaded = usePoll(
    'execution',
    async (): Promise<Loaded> => {
      if (express) {
        const stateMachineArn = stateMachineArnOf(executionArn);
        const [{ executions }, { events }] = await Promise.all([
          consoleApi.expressExecutions(stateMachineArn, 100),
          consoleApi.expressHistory(executionArn),
        ]);
        const found = executions.find((e) => e.executionArn === executionArn);
        if (!found) throw new Error('This Express execution is no longer in the recent buffer.');
        setRunning(false);
        return {
          execution: { ...found, startDate: toDate(found.startDate), stopDate: toDate(found.stopDate) },
          events: events as HistoryEventLike[],
        };
      }
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      const events: HistoryEvent[] = [];
      let nextToken: string | undefined;
      do {
        const page = await sfn.send(
          new GetExecutionHistoryCommand({
            executionArn,
            nextToken,
            maxResults: 1000,
            includeExecutionData: true,
          }),
        );
        events.push(...(page.events ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
      setRunning(described.status === 'RUNNING');
      return {
        execution: {
          name: described.name!,
          status: described.status!,
          stateMachineArn: described.stateMachineArn!,
          startDate: described.startDate,
          stopDate: described.stopDate,
          input: described.input,
          output: described.output,
          error: described.error,
          cause: described.cause,
          redriveCount: described.redriveCount,
          redriveStatus: described.redriveStatus,
        },
        events: events as unknown as HistoryEventLike[],
      };
    },
    running ? 1000 : 0,
    [executionArn, express],
  );

  const definition = usePoll(
    'execution-definition',
    async () => {
      if (express) {
        return (
          await sfn.send(
            new DescribeStateMachineCommand({ stateMachineArn: stateMachineArnOf(executionArn) }),
          )
        ).definition;
      }
      try {
        return (await sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn }))).definition;
      } catch {
        return (
          await sfn.send(
            new DescribeStateMachineCommand({ stateMachineArn: stateMachineArnOf(executionArn) }),
          )
        ).definition;
      }
    },
    0,
    [executionArn, express],
  );

  const execution = loaded.data?.execution;
  const events = loaded.data?.events;
  const timeline = useMemo(() => (events ? buildTimeline(events, Date.now()) : undefined), [events]);
  const statuses = useMemo(() => (timeline ? statusesFromBars(timeline.bars) : {}), [timeline]);
  const [selected, setSelected] = useState<{ state: string; barId?: string } | undefined>(undefined);

  const stop = useAction(async () => {
    await sfn.send(new StopExecutionCommand({ executionArn, cause: 'Stopped from the console' }));
    setRunning(true);
    loaded.refresh();
    return 'Stopped';
  });
  const redrive = useAction(async () => {
    await sfn.send(new RedriveExecutionCommand({ executionArn }));
    setRunning(true);
    loaded.refresh();
    return 'Redriven';
  });

  const machineName = execution
    ? lastSegment(execution.stateMachineArn)
    : lastSegment(stateMachineArnOf(executionArn));
  const selectedBar = selectBar(timeline?.bars ?? [], selected);
  const status = execution?.status ?? '';
  const canRedrive = ['FAILED', 'TIMED_OUT', 'ABORTED'].includes(status);

  return (
    <>
      <PageHeader
        title={execution?.name ?? executionArn.split(':').pop() ?? ''}
        kind={express ? 'Express execution' : 'Execution'}
      >
        <a href={links.workflow(machineName)}>← {machineName}</a>
        {!express && (
          <>
            <button
              data-testid="stop-button"
              className="danger"
              disabled={status !== 'RUNNING' || stop.busy}
              onClick={() => void stop.run()}
            >
              Stop
            </button>
            <button
              data-testid="redrive-button"
              disabled={!canRedrive || redrive.busy}
              onClick={() => void redrive.run()}
            >
              Redrive
            </button>
          </>
        )}
      </PageHeader>
      <div className="stats">
        <div className="stat">
          <div className="stat-label">Status</div>
          <div className="stat-value" data-testid="execution-status" data-status={status}>
            {status ? <StatusBadge status={status} /> : '—'}
          </div>
        </div>
        <div className="stat">
          <div className="stat-label">Started</div>
          <div className="stat-value">{formatDate(execution?.startDate, true)}</div>
        </div>
        <div className="stat">
          <div className="stat-label">Stopped</div>
          <div className="stat-value">{formatDate(execution?.stopDate, true)}</div>
        </div>
        <div className="stat">
          <div className="stat-label">Duration</div>
          <div className="stat-value">{timeline ? formatDuration(timeline.durationMs) : '—'}</div>
        </div>
        {!!execution?.redriveCount && (
          <div className="stat">
            <div className="stat-label">Redriven</div>
            <div className="stat-value">{execution.redriveCount}×</div>
          </div>
        )}
      </div>
      {execution?.error && (
        <p className="failure">
          <b>{execution.error}</b> {execution.cause}
        </p>
      )}
      <div className="columns wide-left">
        <Section title="Graph" actions={<GraphLegend />}>
          <StateGraph
            definition={definition.data}
            statuses={statuses}
            selected={selected?.state}
            onSelect={(state) => setSelected({ state })}
          />
        </Section>
        <StateDetail bar={selectedBar} stateName={selected?.state} execution={execution} />
      </div>
      <Section title="Timeline">
        {timeline ? (
          <TimelineView
            timeline={timeline}
            selectedId={selectedBar?.id}
            onSelect={(bar) => setSelected({ state: bar.state, barId: bar.id })}
          />
        ) : (
          <div data-testid="timeline" className="timeline" />
        )}
      </Section>
      {events && <History events={events} />}
    </>
  );
}

/** The bar a selection names: the bar clicked, or the latest run of the state clicked. */
function selectBar(
  bars: TimelineBar[],
  selected: { state: string; barId?: string } | undefined,
): TimelineBar | undefined {
  if (!selected) return undefined;
  if (selected.barId) {
    const bar = bars.find((b) => b.id === selected.barId);
    if (bar) return bar;
  }
  for (let i = bars.length - 1; i >= 0; i--)
    if (bars[i].kind === 'state' && bars[i].state === selected.state) return bars[i];
  return undefined;
}

function StateDetail({
  bar,
  stateName,
  execution,
}: {
  bar: TimelineBar | undefined;
  stateName: string | undefined;
  execution: ExecutionInfo | undefined;
}) {
  if (!stateName) {
    return (
      <Section title="Execution input and output">
        <p className="muted small">
          Click a state in the graph or a bar in the timeline to see its input and output.
        </p>
        <h3>Input</h3>
        <Json value={execution?.input} testId="execution-input" />
        <h3>Output</h3>
        <Json value={execution?.output} testId="execution-output" />
      </Section>
    );
  }
  return (
    <Section title={`State: ${stateName}`}>
      {bar ? (
        <>
          <p className="muted small">
            {bar.label} ({bar.kind}) · <StatusBadge status={bar.status} /> · {formatDuration(bar.durationMs)}{' '}
            from +{formatDuration(bar.startMs)}
          </p>
          {bar.error && (
            <p className="failure small">
              <b>{bar.error}</b> {bar.cause}
            </p>
          )}
        </>
      ) : (
        <p className="muted small">This state has not run.</p>
      )}
      <h3>Input</h3>
      <Json value={bar?.input} testId="state-input" />
      <h3>Output</h3>
      <Json value={bar?.output} testId="state-output" />
    </Section>
  );
}

function History({ events }: { events: HistoryEventLike[] }) {
  const [filter, setFilter] = useState('all');
  const sorted = useMemo(() => [...events].sort((a, b) => a.id - b.id), [events]);
  const start = sorted.length ? eventTime(sorted[0]) : 0;
  // The state each event belongs to: its own name, or that of the event before it in its thread.
  const stateOf = useMemo(() => {
    const names = new Map<number, string>();
    for (const e of sorted) {
      const name = eventDetails(e).name;
      names.set(
        e.id,
        e.type.startsWith('Execution')
          ? ''
          : typeof name === 'string'
            ? name
            : (names.get(e.previousEventId ?? 0) ?? ''),
      );
    }
    return names;
  }, [sorted]);
  const shown = sorted.filter((e) => FILTERS[filter].test(e.type));

  return (
    <Section
      title={`Event history (${shown.length}${shown.length === sorted.length ? '' : ` of ${sorted.length}`})`}
      actions={
        <select data-testid="history-filter" value={filter} onChange={(e) => setFilter(e.target.value)}>
          {Object.entries(FILTERS).map(([key, f]) => (
            <option key={key} value={key}>
              {f.label}
            </option>
          ))}
        </select>
      }
    >
      <table className="table history">
        <thead>
          <tr>
            <th className="num">ID</th>
            <th>Type</th>
            <th>State</th>
            <th className="num">Elapsed</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((e) => {
            const details = eventDetails(e);
            const hasDetails = Object.keys(details).length > 0;
            return (
              <tr key={e.id} data-testid="history-event" data-type={e.type} data-event-id={e.id}>
                <td className="num">{e.id}</td>
                <td className={/(Failed|TimedOut|Aborted)$/.test(e.type) ? 'type failed' : 'type'}>
                  {e.type}
                </td>
                <td>{stateOf.get(e.id)}</td>
                <td className="num">+{formatDuration(eventTime(e) - start)}</td>
                <td>
                  {hasDetails && (
                    <details>
                      <summary>{summarise(details)}</summary>
                      <Json
                        value={Object.fromEntries(
                          Object.entries(details).map(([k, v]) => [k, parsePayload(v)]),
                        )}
                      />
                    </details>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Section>
  );
}

function summarise(details: Record<string, unknown>): string {
  if (details.error)
    return `${details.error}${details.cause ? `: ${String(details.cause).slice(0, 80)}` : ''}`;
  if (details.index !== undefined) return `index ${details.index}`;
  if (details.resource) return String(details.resource);
  const payload = details.output ?? details.input;
  if (payload !== undefined) {
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    return text.length > 80 ? `${text.slice(0, 80)}…` : text;
  }
  return 'details';
}
