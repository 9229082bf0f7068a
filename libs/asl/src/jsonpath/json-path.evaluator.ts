import { isJsonObject, jsonEquals } from '../json/json.types';
import { CompiledPath, FilterExpr, FilterOperand, PathSegment } from './json-path.types';

/** Marks a definite path that selects nothing. */
export const NOT_FOUND: unique symbol = Symbol('NOT_FOUND');

/** The three documents a path may start from. */
export interface PathRoots {
  readonly input: unknown;
  readonly context: unknown;
  readonly variables: Readonly<Record<string, unknown>>;
}

/** Selects with a compiled path: one value (or NOT_FOUND) for definite paths, an array of matches otherwise. */
export function selectPath(path: CompiledPath, roots: PathRoots): unknown {
  let start: unknown;
  if (path.root.kind === 'input') start = roots.input;
  else if (path.root.kind === 'context') start = roots.context;
  else {
    if (!Object.prototype.hasOwnProperty.call(roots.variables, path.root.name)) return NOT_FOUND;
    start = roots.variables[path.root.name];
  }
  if (path.definite) return walkDefinite(start, path.segments);
  return applySegments([start], path.segments, start);
}

function walkDefinite(start: unknown, segments: readonly PathSegment[]): unknown {
  let current = start;
  for (const seg of segments) {
    if (seg.kind === 'property') {
      if (!isJsonObject(current) || !Object.prototype.hasOwnProperty.call(current, seg.name))
        return NOT_FOUND;
      current = current[seg.name];
    } else if (seg.kind === 'index') {
      if (!Array.isArray(current) || seg.index >= current.length) return NOT_FOUND;
      current = current[seg.index];
    }
  }
  return current;
}

function applySegments(nodes: unknown[], segments: readonly PathSegment[], root: unknown): unknown[] {
  let current = nodes;
  for (const seg of segments) {
    const next: unknown[] = [];
    for (const node of current) step(node, seg, root, next);
    current = next;
  }
  return current;
}

function step(node: unknown, seg: PathSegment, root: unknown, out: unknown[]): void {
  switch (seg.kind) {
    case 'property':
      if (isJsonObject(node) && Object.prototype.hasOwnProperty.call(node, seg.name))
        out.push(node[seg.name]);
      return;
    case 'index':
      if (Array.isArray(node) && seg.index < node.length) out.push(node[seg.index]);
      return;
    case 'wildcard':
      if (Array.isArray(node)) out.push(...node);
      else if (isJsonObject(node)) out.push(...Object.values(node));
      return;
    case 'union':
      for (const m of seg.members) {
        if (typeof m === 'number') {
          if (Array.isArray(node)) {
            const i = m < 0 ? node.length + m : m;
            if (i >= 0 && i < node.length) out.push(node[i]);
          }
        } else if (isJsonObject(node) && Object.prototype.hasOwnProperty.call(node, m)) out.push(node[m]);
      }
      return;
    case 'slice':
      if (Array.isArray(node)) sliceInto(node, seg, out);
      return;
    case 'descendant':
      descend(node, seg.name, out);
      return;
    case 'filter': {
      const candidates = Array.isArray(node) ? node : isJsonObject(node) ? Object.values(node) : [];
      for (const item of candidates) if (testFilter(seg.expr, item, root)) out.push(item);
      return;
    }
  }
}

function sliceInto(
  arr: unknown[],
  seg: { start: number | null; end: number | null; step: number | null },
  out: unknown[],
): void {
  const len = arr.length;
  const stepBy = seg.step ?? 1;
  const norm = (v: number) => (v < 0 ? Math.max(0, len + v) : Math.min(v, len));
  if (stepBy > 0) {
    const start = seg.start === null ? 0 : norm(seg.start);
    const end = seg.end === null ? len : norm(seg.end);
    for (let i = start; i < end; i += stepBy) out.push(arr[i]);
  } else {
    const start = seg.start === null ? len - 1 : Math.min(norm(seg.start), len - 1);
    const end = seg.end === null ? -1 : norm(seg.end);
    for (let i = start; i > end; i += stepBy) out.push(arr[i]);
  }
}

function descend(node: unknown, name: string | null, out: unknown[]): void {
  if (Array.isArray(node)) {
    for (const child of node) {
      if (name === null) out.push(child);
      descend(child, name, out);
    }
  } else if (isJsonObject(node)) {
    for (const [key, child] of Object.entries(node)) {
      if (name === null || key === name) out.push(child);
      descend(child, name, out);
    }
  }
}

function resolveOperand(operand: FilterOperand, current: unknown, root: unknown): unknown {
  if (operand.kind === 'literal') return operand.value;
  const base = operand.kind === 'current' ? current : root;
  let value: unknown = base;
  for (const seg of operand.segments) {
    if (seg.kind === 'property' && seg.name === 'length()') {
      if (Array.isArray(value) || typeof value === 'string') value = value.length;
      else return NOT_FOUND;
      continue;
    }
    const found: unknown[] = [];
    step(value, seg, root, found);
    if (seg.kind === 'property' || seg.kind === 'index') {
      if (found.length === 0) return NOT_FOUND;
      value = found[0];
    } else value = found;
  }
  return value;
}

function compare(op: string, a: unknown, b: unknown): boolean {
  if (a === NOT_FOUND || b === NOT_FOUND) return op === '!=' && !(a === NOT_FOUND && b === NOT_FOUND);
  switch (op) {
    case '==':
      return jsonEquals(a, b);
    case '!=':
      return !jsonEquals(a, b);
    case '=~':
      return b instanceof RegExp && typeof a === 'string' && b.test(a);
  }
  const comparable =
    (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
  if (!comparable) return false;
  const x = a as number | string;
  const y = b as number | string;
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    default:
      return x >= y;
  }
}

function testFilter(expr: FilterExpr, item: unknown, root: unknown): boolean {
  switch (expr.kind) {
    case 'exists': {
      const v = resolveOperand(expr.operand, item, root);
      return v !== NOT_FOUND && v !== false && v !== null;
    }
    case 'compare':
      return compare(expr.op, resolveOperand(expr.left, item, root), resolveOperand(expr.right, item, root));
    case 'and':
      return testFilter(expr.left, item, root) && testFilter(expr.right, item, root);
    case 'or':
      return testFilter(expr.left, item, root) || testFilter(expr.right, item, root);
    case 'not':
      return !testFilter(expr.expr, item, root);
  }
}
