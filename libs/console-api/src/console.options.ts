/** Injection token of the console's settings. */
export const CONSOLE_OPTIONS = Symbol('CONSOLE_OPTIONS');

/** What the console takes from its app's config. */
export interface ConsoleConfig {
  readonly accountId: string;
  readonly region: string;
  /** Base of queue URLs, as the queue service hands them out. */
  readonly publicUrl: string;
  readonly publicTlsUrl: string;
  /** The configured SigV4 credentials (access key id → secret); none: SigV4 is not enforced. */
  readonly credentials: ReadonlyMap<string, string>;
}

/** How an app mounts the console. */
export interface ConsoleModuleOptions {
  /** The built console's folder; default `apps/console/dist`, found from this library (`locateConsoleFiles`). */
  readonly staticDir?: string;
}

export interface ResolvedConsoleOptions extends ConsoleConfig {
  readonly staticDir: string;
}
