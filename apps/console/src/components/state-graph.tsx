import { useEffect, useState } from 'react';
import { errorMessage } from '../api/aws';
import { GraphLayout, GraphNode, layoutDefinition } from '../graph/definition-graph';
import { StateStatus, statusOfState } from '../graph/state-status';

interface Props {
  definition: string | undefined;
  statuses?: Record<string, StateStatus>;
  selected?: string;
  onSelect?: (stateName: string) => void;
}

/** A state machine's definition drawn as a graph, its states coloured by status. */
export function StateGraph({ definition, statuses = {}, selected, onSelect }: Props) {
  const [layout, setLayout] = useState<GraphLayout | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (!definition) return;
    let cancelled = false;
    layoutDefinition(definition).then(
      (result) => !cancelled && (setLayout(result), setError(undefined)),
      (e) => !cancelled && setError(errorMessage(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [definition]);

  if (error) return <p className="inline-error">The definition cannot be drawn: {error}</p>;
  if (!layout) return <div className="graph" data-testid="state-graph" data-ready="false" />;

  const containers = layout.nodes.filter(
    (n) => n.kind === 'map' || n.kind === 'parallel' || n.kind === 'branch',
  );
  const leaves = layout.nodes.filter(
    (n) => !(n.kind === 'map' || n.kind === 'parallel' || n.kind === 'branch'),
  );
  const statusOf = (n: GraphNode) => (n.stateName ? statusOfState(statuses, n.stateName) : 'not-run');

  return (
    <div className="graph" data-testid="state-graph" data-ready="true">
      <svg
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="img"
      >
        <defs>
          <marker
            id="arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" className="arrow" />
          </marker>
        </defs>
        {containers.map((n) =>
          n.kind === 'branch' ? (
            <g key={n.id} className="graph-branch">
              <rect x={n.x} y={n.y} width={n.width} height={n.height} rx={6} />
              <text x={n.x + 8} y={n.y + 14}>
                {n.label}
              </text>
            </g>
          ) : (
            <g
              key={n.id}
              data-testid="graph-node"
              data-state={n.stateName}
              data-status={statusOf(n)}
              data-type={n.type}
              className={`graph-container status-${statusOf(n)}${selected === n.stateName ? ' selected' : ''}`}
              onClick={(e) => {
                e.stopPropagation();
                if (n.stateName) onSelect?.(n.stateName);
              }}
            >
              <rect x={n.x} y={n.y} width={n.width} height={n.height} rx={8} />
              <text x={n.x + 10} y={n.y + 19} className="container-title">
                {n.label}
                <tspan className="type"> {n.type === 'Map' ? 'Map' : 'Parallel'}</tspan>
              </text>
            </g>
          ),
        )}
        {layout.edges.map((edge) => (
          <g key={edge.id} className={`graph-edge edge-${edge.kind}`}>
            <path
              d={edge.points.map((p, i) => `${i ? 'L' : 'M'} ${p.x} ${p.y}`).join(' ')}
              markerEnd="url(#arrow)"
              data-source={edge.source}
              data-target={edge.target}
            />
            {edge.label && edge.labelPosition && (
              <text x={edge.labelPosition.x} y={edge.labelPosition.y + 12} className="edge-label">
                {edge.label}
              </text>
            )}
          </g>
        ))}
        {leaves.map((n) =>
          n.kind === 'start' || n.kind === 'end' ? (
            <g key={n.id} className={`graph-marker marker-${n.kind}`}>
              <circle cx={n.x + n.width / 2} cy={n.y + n.height / 2} r={n.width / 2} />
              <title>{n.label}</title>
            </g>
          ) : (
            <g
              key={n.id}
              data-testid="graph-node"
              data-state={n.stateName}
              data-status={statusOf(n)}
              data-type={n.type}
              className={`graph-state status-${statusOf(n)}${selected === n.stateName ? ' selected' : ''}`}
              onClick={() => n.stateName && onSelect?.(n.stateName)}
            >
              <rect x={n.x} y={n.y} width={n.width} height={n.height} rx={n.type === 'Choice' ? 18 : 6} />
              <text x={n.x + n.width / 2} y={n.y + 17} textAnchor="middle">
                {n.label}
              </text>
              <text x={n.x + n.width / 2} y={n.y + 31} textAnchor="middle" className="type">
                {n.type}
              </text>
              <title>
                {n.stateName} ({n.type}): {statusOf(n)}
              </title>
            </g>
          ),
        )}
      </svg>
    </div>
  );
}

export function GraphLegend() {
  const items: StateStatus[] = ['not-run', 'running', 'retrying', 'succeeded', 'caught', 'failed'];
  return (
    <div className="legend">
      {items.map((s) => (
        <span key={s} className={`legend-item status-${s}`}>
          <i /> {s}
        </span>
      ))}
    </div>
  );
}
