/** Where a path starts: the state's data (`$`), the context object (`$$`) or a variable (`$name`). */
export type PathRoot = { kind: 'input' } | { kind: 'context' } | { kind: 'variable'; name: string };

/** A literal or a relative/absolute path inside a filter expression. */
export type FilterOperand =
  | { kind: 'literal'; value: unknown }
  | { kind: 'current'; segments: PathSegment[] }
  | { kind: 'root'; segments: PathSegment[] };

/** A parsed `?( … )` filter expression. */
export type FilterExpr =
  | { kind: 'exists'; operand: FilterOperand }
  | {
      kind: 'compare';
      op: '==' | '!=' | '<' | '<=' | '>' | '>=' | '=~';
      left: FilterOperand;
      right: FilterOperand;
    }
  | { kind: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; expr: FilterExpr };

/** One step of a path. */
export type PathSegment =
  | { kind: 'property'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'wildcard' }
  | { kind: 'descendant'; name: string | null }
  | { kind: 'union'; members: (string | number)[] }
  | { kind: 'slice'; start: number | null; end: number | null; step: number | null }
  | { kind: 'filter'; expr: FilterExpr };

/** A compiled JSONPath. `definite` paths yield one value; others yield an array of matches. */
export interface CompiledPath {
  readonly source: string;
  readonly root: PathRoot;
  readonly segments: readonly PathSegment[];
  readonly definite: boolean;
}
