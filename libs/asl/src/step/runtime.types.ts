/**
 * Everything non-deterministic a step may need. The caller supplies it so that a step can be
 * replayed: same inputs and same runtime answers give the same transition.
 */
export interface StepRuntime {
  /** The current time. */
  now(): Date;
  /** A number in [0, 1). */
  random(): number;
  /** A random (version 4) UUID string. */
  uuid(): string;
  /** The lower-case hex digest of a UTF-8 string, for States.Hash and JSONata's `$hash`. */
  hash(algorithm: HashAlgorithm, text: string): string;
}

/** The digest algorithms of States.Hash and `$hash`, by their AWS names. */
export type HashAlgorithm = 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** What every path, template and intrinsic is evaluated against. */
export interface EvalEnv {
  /** The document `$` refers to. */
  readonly input: unknown;
  /** The context object `$$`. */
  readonly context: unknown;
  /** Workflow variables visible to the state. */
  readonly variables: Readonly<Record<string, unknown>>;
  readonly runtime: StepRuntime;
}
