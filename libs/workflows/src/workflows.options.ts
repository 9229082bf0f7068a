/** Injection token of the workflow module's settings. */
export const WORKFLOWS_OPTIONS = Symbol('WORKFLOWS_OPTIONS');

/** Settings the workflow module takes from its app's config. */
export interface WorkflowsOptions {
  readonly region: string;
  /** State machines one account may own (AWS's default quota: 10,000). */
  readonly maxStateMachinesPerAccount: number;
  /**
   * Where S3 bucket names lead Distributed Map item readers and result writers (S3 is not served
   * here): bucket → a `file://` folder or an `http(s)://` base URL.
   */
  readonly buckets: ReadonlyMap<string, string>;
}
