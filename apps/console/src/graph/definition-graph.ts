/**
 * An Amazon States Language definition as a graph: one node per state, Parallel and Map states as
 * containers (a Parallel holds one box per branch, a Map its item processor's states), edges for
 * Next, Default, Choices and Catch, a Start and an End marker. `buildElkGraph` gives the graph in
 * ELK's JSON shape; `layoutDefinition` lays it out with ELK's `layered` algorithm and returns
 * positioned nodes and edges in absolute coordinates, ready to draw as SVG.
 */
import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';

/** The parts of a state the graph reads. */
export interface AslState {
  Type: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: AslChoiceRule[];
  Catch?: { ErrorEquals?: string[]; Next: string }[];
  Retry?: unknown[];
  Branches?: AslScope[];
  ItemProcessor?: AslScope;
  Iterator?: AslScope;
  Resource?: string;
  [field: string]: unknown;
}

/** A state machine, a Parallel branch or a Map's item processor. */
export interface AslScope {
  StartAt: string;
  States: Record<string, AslState>;
  [field: string]: unknown;
}

export type AslChoiceRule = Record<string, unknown> & { Next?: string };

export type GraphNodeKind = 'state' | 'parallel' | 'map' | 'branch' | 'start' | 'end';
export type GraphEdgeKind = 'next' | 'default' | 'choice' | 'catch' | 'start' | 'end';

export interface GraphNode {
  /** Unique in the graph: the state's path (`Outer>Inner`), or `__start`/`__end`. */
  id: string;
  kind: GraphNodeKind;
  /** The state's name (a branch's is its Parallel's name and index, e.g. `Both#1`). */
  stateName?: string;
  /** The ASL Type (Task, Choice, …) of a state node. */
  type?: string;
  label: string;
  /** The container (a Parallel, a branch or a Map) the node sits in; absent at the top level. */
  parentId?: string;
  depth: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface GraphPoint {
  x: number;
  y: number;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: GraphEdgeKind;
  /** Catch edges are drawn dashed. */
  catch: boolean;
  label?: string;
  labelPosition?: GraphPoint;
  points: GraphPoint[];
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export const START_ID = '__start';
export const END_ID = '__end';

const STATE_HEIGHT = 40;
const MARKER_SIZE = 22;
const CHAR_WIDTH = 7.2;
const LABEL_HEIGHT = 16;

/** A best-effort width for a text label (no DOM to measure with in Node). */
export function textWidth(text: string): number {
  return Math.ceil(text.length * CHAR_WIDTH);
}

/** Parses a definition given as text or as an object. */
export function parseDefinition(definition: string | AslScope): AslScope {
  const parsed = typeof definition === 'string' ? (JSON.parse(definition) as AslScope) : definition;
  if (!parsed || typeof parsed !== 'object' || typeof parsed.States !== 'object' || parsed.States === null) {
    throw new Error('Not a state machine definition: no States');
  }
  return parsed;
}

/** The item processor of a Map state (ItemProcessor, or the older Iterator). */
export function mapProcessor(state: AslState): AslScope | undefined {
  return state.ItemProcessor ?? state.Iterator;
}

const COMPARATORS: Record<string, string> = {
  Equals: '==',
  LessThan: '<',
  GreaterThan: '>',
  LessThanEquals: '<=',
  GreaterThanEquals: '>=',
  Matches: 'matches',
};

/** A short, readable summary of a Choice rule, for its edge's label. */
export function describeChoiceRule(rule: Record<string, unknown>): string {
  if (typeof rule.Condition === 'string') return rule.Condition;
  if (Array.isArray(rule.And)) return rule.And.map((r) => describeChoiceRule(r)).join(' && ');
  if (Array.isArray(rule.Or)) return rule.Or.map((r) => describeChoiceRule(r)).join(' || ');
  if (rule.Not && typeof rule.Not === 'object')
    return `!(${describeChoiceRule(rule.Not as Record<string, unknown>)})`;
  const variable = typeof rule.Variable === 'string' ? rule.Variable : '?';
  for (const [key, value] of Object.entries(rule)) {
    if (key === 'Variable' || key === 'Next' || key === 'Assign' || key === 'Output') continue;
    if (key.startsWith('Is')) return `${variable} ${key}${value === false ? ' = false' : ''}`;
    const comparator =
      /^(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals|Matches)(Path)?$/.exec(
        key,
      );
    if (comparator) {
      const shown = comparator[3] ? String(value) : JSON.stringify(value);
      return `${variable} ${COMPARATORS[comparator[2]]} ${shown}`;
    }
  }
  return 'rule';
}

function shorten(text: string, max = 36): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function edgeLabel(text: string | undefined) {
  if (!text) return undefined;
  return [{ text, width: textWidth(text), height: LABEL_HEIGHT }];
}

interface EdgeMeta {
  kind: GraphEdgeKind;
  label?: string;
}

interface NodeMeta {
  kind: GraphNodeKind;
  stateName?: string;
  type?: string;
  label: string;
}

/** The ELK graph of a definition, with what each node and edge stands for. */
export interface ElkDefinitionGraph {
  root: ElkNode;
  nodes: Map<string, NodeMeta>;
  edges: Map<string, EdgeMeta>;
}

const CONTAINER_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.padding': '[top=30,left=14,bottom=14,right=14]',
  'elk.spacing.nodeNode': '24',
  'elk.layered.spacing.nodeNodeBetweenLayers': '36',
  'elk.spacing.edgeLabel': '4',
  'elk.edgeLabels.inline': 'false',
};

/** A container is at least as wide as its title. */
function containerOptions(title: string) {
  return {
    ...CONTAINER_OPTIONS,
    'elk.nodeSize.constraints': 'MINIMUM_SIZE',
    'elk.nodeSize.minimum': `(${textWidth(title) + 60}, 60)`,
  };
}

const BRANCH_OPTIONS = { ...CONTAINER_OPTIONS, 'elk.padding': '[top=22,left=10,bottom=10,right=10]' };

/** Builds the ELK graph of a definition (no positions yet). */
export function buildElkGraph(definition: string | AslScope): ElkDefinitionGraph {
  const top = parseDefinition(definition);
  const nodes = new Map<string, NodeMeta>();
  const edges = new Map<string, EdgeMeta>();
  let edgeCount = 0;

  const addEdge = (container: ElkNode, source: string, target: string, meta: EdgeMeta) => {
    const id = `e${edgeCount++}`;
    const edge: ElkExtendedEdge = { id, sources: [source], targets: [target], labels: edgeLabel(meta.label) };
    (container.edges ??= []).push(edge);
    edges.set(id, meta);
  };

  /** Adds the states of `scope` to `container`; ids get `prefix`. Returns the id of StartAt. */
  const addScope = (scope: AslScope, container: ElkNode, prefix: string, topLevel: boolean) => {
    const idOf = (name: string) => `${prefix}${name}`;
    container.children ??= [];
    for (const [name, state] of Object.entries(scope.States ?? {})) {
      const id = idOf(name);
      const type = state?.Type ?? 'Unknown';
      if (type === 'Parallel') {
        // Branches side by side: one layer of unconnected boxes.
        const layoutOptions = { ...containerOptions(name), 'elk.separateConnectedComponents': 'false' };
        const node: ElkNode = { id, layoutOptions, children: [] };
        nodes.set(id, { kind: 'parallel', stateName: name, type, label: name });
        (state.Branches ?? []).forEach((branch, index) => {
          const branchId = `${id}#${index}`;
          const branchNode: ElkNode = { id: branchId, layoutOptions: BRANCH_OPTIONS, children: [] };
          nodes.set(branchId, {
            kind: 'branch',
            stateName: `${name}#${index}`,
            label: `Branch ${index + 1}`,
          });
          node.children!.push(branchNode);
          if (branch && typeof branch === 'object' && branch.States)
            addScope(branch, branchNode, `${branchId}>`, false);
        });
        container.children!.push(node);
      } else if (type === 'Map') {
        const node: ElkNode = { id, layoutOptions: containerOptions(name), children: [] };
        nodes.set(id, { kind: 'map', stateName: name, type, label: name });
        const processor = mapProcessor(state);
        if (processor && processor.States) addScope(processor, node, `${id}>`, false);
        container.children!.push(node);
      } else {
        const label = name;
        nodes.set(id, { kind: 'state', stateName: name, type, label });
        container.children!.push({ id, width: Math.max(120, textWidth(label) + 32), height: STATE_HEIGHT });
      }
    }
    const known = (name: unknown): name is string => typeof name === 'string' && name in (scope.States ?? {});
    for (const [name, state] of Object.entries(scope.States ?? {})) {
      if (!state) continue;
      const id = idOf(name);
      if (known(state.Next)) addEdge(container, id, idOf(state.Next), { kind: 'next' });
      for (const rule of state.Choices ?? []) {
        if (known(rule.Next)) {
          addEdge(container, id, idOf(rule.Next), {
            kind: 'choice',
            label: shorten(describeChoiceRule(rule)),
          });
        }
      }
      if (known(state.Default))
        addEdge(container, id, idOf(state.Default), { kind: 'default', label: 'Default' });
      for (const catcher of state.Catch ?? []) {
        if (known(catcher.Next)) {
          const label = shorten(`catch ${(catcher.ErrorEquals ?? []).join(', ')}`);
          addEdge(container, id, idOf(catcher.Next), { kind: 'catch', label });
        }
      }
      if (topLevel && (state.End === true || state.Type === 'Succeed' || state.Type === 'Fail')) {
        addEdge(container, id, END_ID, { kind: 'end' });
      }
    }
    return known(scope.StartAt) ? idOf(scope.StartAt) : undefined;
  };

  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      ...CONTAINER_OPTIONS,
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: [
      { id: START_ID, width: MARKER_SIZE, height: MARKER_SIZE },
      { id: END_ID, width: MARKER_SIZE, height: MARKER_SIZE },
    ],
    edges: [],
  };
  nodes.set(START_ID, { kind: 'start', label: 'Start' });
  nodes.set(END_ID, { kind: 'end', label: 'End' });
  const startAt = addScope(top, root, '', true);
  if (startAt) addEdge(root, START_ID, startAt, { kind: 'start' });
  return { root, nodes, edges };
}

let elk: Promise<ELK> | undefined;

/** ELK, loaded on first use: it is most of the console's code, and only the workflow pages need it. */
function loadElk(): Promise<ELK> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((module) => {
    const ElkConstructor = (module.default ?? module) as unknown as new () => ELK;
    return new ElkConstructor();
  });
  return elk;
}

/** Lays a definition out with ELK (`layered`, top to bottom); coordinates are absolute. */
export async function layoutDefinition(definition: string | AslScope): Promise<GraphLayout> {
  const graph = buildElkGraph(definition);
  const laidOut = await (await loadElk()).layout(graph.root);

  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const walk = (
    node: ElkNode,
    originX: number,
    originY: number,
    parentId: string | undefined,
    depth: number,
  ) => {
    for (const edge of node.edges ?? []) {
      const meta = graph.edges.get(edge.id)!;
      const points: GraphPoint[] = [];
      for (const section of edge.sections ?? []) {
        points.push(section.startPoint, ...(section.bendPoints ?? []), section.endPoint);
      }
      const label = edge.labels?.[0];
      edges.push({
        id: edge.id,
        source: edge.sources[0],
        target: edge.targets[0],
        kind: meta.kind,
        catch: meta.kind === 'catch',
        label: meta.label,
        labelPosition:
          label && label.x !== undefined ? { x: originX + label.x, y: originY + (label.y ?? 0) } : undefined,
        points: points.map((p) => ({ x: originX + p.x, y: originY + p.y })),
      });
    }
    for (const child of node.children ?? []) {
      const meta = graph.nodes.get(child.id)!;
      const x = originX + (child.x ?? 0);
      const y = originY + (child.y ?? 0);
      nodes.push({
        id: child.id,
        kind: meta.kind,
        stateName: meta.stateName,
        type: meta.type,
        label: meta.label,
        parentId,
        depth,
        x,
        y,
        width: child.width ?? 0,
        height: child.height ?? 0,
      });
      walk(child, x, y, child.id, depth + 1);
    }
  };
  walk(laidOut, 0, 0, undefined, 0);
  return { width: laidOut.width ?? 0, height: laidOut.height ?? 0, nodes, edges };
}
