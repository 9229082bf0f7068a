/** Injection token of the queue module's settings. */
export const QUEUES_OPTIONS = Symbol('QUEUES_OPTIONS');

/** Settings the queue module takes from its app's config. */
export interface QueuesOptions {
  /** Base of queue URLs handed to clients (SDKs send each request to the host in the queue URL). */
  readonly publicUrl: string;
  readonly region: string;
  /** How long after DeleteQueue a queue of the same name cannot be created (AWS: 60 s; 0 turns it off). */
  readonly deleteCooldownSeconds: number;
  /** Messages a queue may have in flight at once (AWS: about 120,000); receives past it take none. */
  readonly maxInFlight: number;
}
