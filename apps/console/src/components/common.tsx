import { ReactNode } from 'react';
import { prettyJson } from '../format';

export function PageHeader({
  title,
  kind,
  children,
}: {
  title: string;
  kind?: string;
  children?: ReactNode;
}) {
  return (
    <div className="page-header">
      <div>
        {kind && <div className="kind">{kind}</div>}
        <h1>{title}</h1>
      </div>
      <div className="actions">{children}</div>
    </div>
  );
}

export function Section({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="card">
      <div className="card-header">
        <h2>{title}</h2>
        {actions && <div className="actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

export function Json({ value, testId }: { value: unknown; testId?: string }) {
  const text = prettyJson(value);
  return (
    <pre className="json" data-testid={testId}>
      {text === '' ? '—' : text}
    </pre>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status.toLowerCase().replace(/_/g, '-')}`}>{status}</span>;
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** The group and de-duplication ids a send or publish to a FIFO queue or topic takes. */
export function FifoIdFields({
  testIdPrefix,
  groupId,
  onGroupId,
  dedupId,
  onDedupId,
}: {
  testIdPrefix: 'send' | 'publish';
  groupId: string;
  onGroupId: (value: string) => void;
  dedupId: string;
  onDedupId: (value: string) => void;
}) {
  return (
    <>
      <label>
        Group ID
        <input
          data-testid={`${testIdPrefix}-group-id`}
          value={groupId}
          onChange={(e) => onGroupId(e.target.value)}
        />
      </label>
      <label>
        De-duplication ID
        <input
          data-testid={`${testIdPrefix}-dedup-id`}
          value={dedupId}
          onChange={(e) => onDedupId(e.target.value)}
        />
      </label>
    </>
  );
}
