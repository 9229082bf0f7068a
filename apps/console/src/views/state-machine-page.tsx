import {
  DescribeStateMachineCommand,
  ExecutionStatus,
  ListExecutionsCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
} from '@aws-sdk/client-sfn';
import { useState } from 'react';
import { consoleApi } from '../api/console-api';
import { Empty, PageHeader, Section, StatusBadge } from '../components/common';
import { GraphLegend, StateGraph } from '../components/state-graph';
import { formatDate, formatDuration } from '../format';
import { useAction, useConsole, usePoll } from '../hooks';
import { links } from '../router';

const STATUSES: ExecutionStatus[] = [
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'ABORTED',
  'PENDING_REDRIVE',
];

interface ExecutionRow {
  executionArn: string;
  name: string;
  status: string;
  startDate?: Date;
  stopDate?: Date;
  express: boolean;
}

const toDate = (value: number | undefined) =>
  value === undefined ? undefined : new Date(value < 1e11 ? value * 1000 : value);

export function StateMachinePage({ name }: { name: string }) {
  const { clients, session } = useConsole();
  const sfn = clients.sfn;
  const stateMachineArn = `arn:aws:states:${session.region}:${session.accountId}:stateMachine:${name}`;
  const machine = usePoll(
    'state-machine',
    () => sfn.send(new DescribeStateMachineCommand({ stateMachineArn })),
    0,
    [stateMachineArn],
  );
  const express = machine.data?.type === 'EXPRESS';
  const [statusFilter, setStatusFilter] = useState<string>('ALL');
  const [search, setSearch] = useState('');

  const executions = usePoll(
    'executions',
    async (): Promise<ExecutionRow[] | undefined> => {
      if (!machine.data) return undefined;
      if (express) {
        const { executions: list } = await consoleApi.expressExecutions(stateMachineArn, 100);
        return list.map((e) => ({
          ...e,
          startDate: toDate(e.startDate),
          stopDate: toDate(e.stopDate),
          express: true,
        }));
      }
      const page = await sfn.send(
        new ListExecutionsCommand({
          stateMachineArn,
          statusFilter: statusFilter === 'ALL' ? undefined : (statusFilter as ExecutionStatus),
          maxResults: 200,
        }),
      );
      return (page.executions ?? []).map((e) => ({
        executionArn: e.executionArn!,
        name: e.name!,
        status: e.status!,
        startDate: e.startDate,
        stopDate: e.stopDate,
        express: false,
      }));
    },
    2000,
    [stateMachineArn, statusFilter, express, !!machine.data],
  );

  const rows = (executions.data ?? []).filter(
    (e) =>
      (statusFilter === 'ALL' || e.status === statusFilter) &&
      (!search.trim() || e.name.toLowerCase().includes(search.trim().toLowerCase())),
  );

  return (
    <>
      <PageHeader
        title={name}
        kind={`${machine.data?.type === 'EXPRESS' ? 'Express' : 'Standard'} state machine`}
      />
      <div className="columns wide-left">
        <Section title="Definition" actions={<GraphLegend />}>
          <StateGraph definition={machine.data?.definition} />
        </Section>
        <div>
          <StartExecution
            stateMachineArn={stateMachineArn}
            express={express}
            onStarted={executions.refresh}
          />
          <Section title="Details">
            <dl className="kv">
              <div>
                <dt>ARN</dt>
                <dd>{stateMachineArn}</dd>
              </div>
              <div>
                <dt>Status</dt>
                <dd>{machine.data?.status ?? '—'}</dd>
              </div>
              <div>
                <dt>Created</dt>
                <dd>{formatDate(machine.data?.creationDate)}</dd>
              </div>
              <div>
                <dt>Role</dt>
                <dd>{machine.data?.roleArn ?? '—'}</dd>
              </div>
            </dl>
          </Section>
        </div>
      </div>
      <Section
        title={express ? 'Recent executions (StartSyncExecution)' : 'Executions'}
        actions={
          <>
            <select
              data-testid="execution-status-filter"
              value={statusFilter}
              onChange={(e) => setStatusFilter(e.target.value)}
            >
              <option value="ALL">All statuses</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
            <input
              data-testid="execution-search"
              type="search"
              placeholder="Search by name"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </>
        }
      >
        {express && (
          <p className="muted small">
            Express executions keep no durable history; the most recent synchronous runs are kept for a while.
          </p>
        )}
        {executions.data && rows.length === 0 ? (
          <Empty>No executions{statusFilter !== 'ALL' || search ? ' match' : ' yet'}.</Empty>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Status</th>
                <th>Started</th>
                <th>Stopped</th>
                <th className="num">Duration</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr
                  key={e.executionArn}
                  data-testid="execution-row"
                  data-execution-name={e.name}
                  data-status={e.status}
                >
                  <td>
                    <a href={e.express ? links.express(e.executionArn) : links.execution(e.executionArn)}>
                      {e.name}
                    </a>
                  </td>
                  <td>
                    <StatusBadge status={e.status} />
                  </td>
                  <td>{formatDate(e.startDate)}</td>
                  <td>{formatDate(e.stopDate)}</td>
                  <td className="num">
                    {e.startDate
                      ? formatDuration((e.stopDate?.getTime() ?? Date.now()) - e.startDate.getTime())
                      : '—'}
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

function StartExecution({
  stateMachineArn,
  express,
  onStarted,
}: {
  stateMachineArn: string;
  express: boolean;
  onStarted: () => void;
}) {
  const { clients } = useConsole();
  const [input, setInput] = useState('{}');
  const [name, setName] = useState('');
  const start = useAction(async () => {
    if (express) {
      const answer = await clients.sfn.send(
        new StartSyncExecutionCommand({ stateMachineArn, input, name: name.trim() || undefined }),
      );
      onStarted();
      return { executionArn: answer.executionArn!, text: `${answer.status}: ${answer.name}`, express: true };
    }
    const answer = await clients.sfn.send(
      new StartExecutionCommand({ stateMachineArn, input, name: name.trim() || undefined }),
    );
    onStarted();
    return {
      executionArn: answer.executionArn!,
      text: `Started ${answer.executionArn!.split(':').pop()}`,
      express: false,
    };
  });
  let inputError: string | undefined;
  try {
    JSON.parse(input);
  } catch (e) {
    inputError = (e as Error).message;
  }

  return (
    <Section title={express ? 'Run synchronously' : 'Start an execution'}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void start.run();
        }}
      >
        <label>
          Input (JSON)
          <textarea
            data-testid="start-execution-input"
            className="code"
            rows={5}
            value={input}
            onChange={(e) => setInput(e.target.value)}
          />
        </label>
        {inputError && <span className="inline-error small">{inputError}</span>}
        <label>
          Name (optional)
          <input data-testid="start-execution-name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <div className="row">
          {start.result && (
            <a
              className="notice"
              data-testid="start-execution-result"
              href={
                start.result.express
                  ? links.express(start.result.executionArn)
                  : links.execution(start.result.executionArn)
              }
            >
              {start.result.text} — open
            </a>
          )}
          <span className="spacer" />
          <button
            data-testid="start-execution-button"
            className="primary"
            type="submit"
            disabled={!!inputError || start.busy}
          >
            {express ? 'Run' : 'Start'}
          </button>
        </div>
      </form>
    </Section>
  );
}
