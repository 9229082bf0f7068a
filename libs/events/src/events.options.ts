/** Injection token of the event module's settings. */
export const EVENTS_OPTIONS = Symbol('EVENTS_OPTIONS');

/** Settings the EventBridge modules take from their app's config. */
export interface EventsOptions {
  /** The deployment's region: in ARNs, and in the events rules match (`region`). */
  readonly region: string;
  /**
   * The AES-256-GCM key (32 bytes) that seals connection secrets in Redis. Unset: the deployment's
   * own key, made by the first process that needs it and kept in Redis.
   */
  readonly connectionKey?: Buffer;
  /** Rules one event bus may have (AWS's default quota: 300). */
  readonly maxRulesPerBus: number;
}
