import { useState } from 'react';
import { formatDuration, tickStep } from '../format';
import type { Timeline, TimelineBar } from '../timeline/history-timeline';

const MAX_ROWS = 400;

interface Props {
  timeline: Timeline;
  selectedId?: string;
  onSelect?: (bar: TimelineBar) => void;
}

/** Gantt bars of every state's time against the whole run. */
export function TimelineView({ timeline, selectedId, onSelect }: Props) {
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const total = Math.max(timeline.durationMs, 1);
  const step = tickStep(total);
  const ticks: number[] = [];
  for (let t = 0; t <= total; t += step) ticks.push(t);

  // Hide what a collapsed bar holds.
  const hidden = new Set<string>();
  const visible: TimelineBar[] = [];
  for (const bar of timeline.bars) {
    if (bar.parentId && (hidden.has(bar.parentId) || collapsed.has(bar.parentId))) {
      hidden.add(bar.id);
      continue;
    }
    visible.push(bar);
  }
  const parents = new Set(timeline.bars.map((b) => b.parentId).filter(Boolean) as string[]);
  const toggle = (id: string) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const pct = (ms: number) => `${(ms / total) * 100}%`;

  return (
    <div className="timeline" data-testid="timeline" data-duration-ms={Math.round(timeline.durationMs)}>
      <div className="timeline-row timeline-axis">
        <div className="timeline-label">
          {timeline.running ? 'running · ' : ''}
          {formatDuration(timeline.durationMs)} total
        </div>
        <div className="timeline-track">
          {ticks.map((t) => (
            <span key={t} className="tick" style={{ left: pct(t) }}>
              {formatDuration(t)}
            </span>
          ))}
        </div>
      </div>
      {visible.length === 0 && <p className="empty">No state has run yet.</p>}
      {visible.slice(0, MAX_ROWS).map((bar) => (
        <div
          key={bar.id}
          className={`timeline-row kind-${bar.kind}${selectedId === bar.id ? ' selected' : ''}`}
          onClick={() => onSelect?.(bar)}
        >
          <div className="timeline-label" style={{ paddingLeft: 6 + bar.depth * 14 }} title={bar.label}>
            {parents.has(bar.id) ? (
              <button
                className="twisty"
                aria-label={collapsed.has(bar.id) ? 'expand' : 'collapse'}
                onClick={(e) => {
                  e.stopPropagation();
                  toggle(bar.id);
                }}
              >
                {collapsed.has(bar.id) ? '▸' : '▾'}
              </button>
            ) : (
              <span className="twisty" />
            )}
            {bar.label}
          </div>
          <div className="timeline-track">
            {ticks.map((t) => (
              <span key={t} className="gridline" style={{ left: pct(t) }} />
            ))}
            <div
              data-testid="timeline-bar"
              data-state={bar.state}
              data-kind={bar.kind}
              data-status={bar.status}
              data-start-ms={Math.round(bar.startMs)}
              data-duration-ms={Math.round(bar.durationMs)}
              className={`bar kind-${bar.kind} status-${bar.status}${bar.open ? ' open' : ''}`}
              style={{ left: pct(bar.startMs), width: `max(2px, ${pct(bar.durationMs)})` }}
              title={`${bar.label}: ${formatDuration(bar.durationMs)} from +${formatDuration(bar.startMs)}${
                bar.error ? ` — ${bar.error}` : ''
              }`}
            />
            <span className="bar-text" style={{ left: `calc(${pct(bar.startMs + bar.durationMs)} + 4px)` }}>
              {formatDuration(bar.durationMs)}
            </span>
          </div>
        </div>
      ))}
      {visible.length > MAX_ROWS && (
        <p className="muted small">
          {visible.length - MAX_ROWS} more rows not drawn; collapse a Map to see what follows it.
        </p>
      )}
    </div>
  );
}
