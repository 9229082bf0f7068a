/**
 * The negative codes every Lua script returns for a condition its caller must handle, one meaning
 * each across every script and feature. Scripts see them as the table `E`, which the script loader
 * puts in front of every script (`return E.NOT_FOUND`); a script's header says which it returns.
 */
export const StoreCode = {
  /** The entity the script addresses (its KEYS) does not exist. */
  NOT_FOUND: -1,
  /** What the request would create exists already (a queue with other attributes, a policy statement). */
  EXISTS: -2,
  /** The name was deleted recently and may not be taken again yet. */
  DELETED_RECENTLY: -3,
  /** The same operation ran on the entity too recently. */
  TOO_SOON: -4,
  /** A per-entity limit would be exceeded (tags of a queue). */
  LIMIT_EXCEEDED: -5,
  /** A value is larger than the entity accepts (a message over MaximumMessageSize). */
  TOO_LARGE: -6,
  /** The entity or item is not in the state the operation needs (a message not in flight, a task not running). */
  WRONG_STATE: -7,
  /** A token for an earlier state: a receipt of an earlier receive, a stale fencing value. */
  STALE: -8,
  /** The request lacks what the entity's settings require (a FIFO de-duplication id). */
  MISSING: -9,
  /** An item the request names inside the entity does not exist (a policy statement label). */
  NO_SUCH_ITEM: -10,
  /** Stored data the script cannot read. */
  UNREADABLE: -11,
} as const;

export type StoreCodeName = keyof typeof StoreCode;
export type StoreCodeValue = (typeof StoreCode)[StoreCodeName];

const NAMES = new Map<number, StoreCodeName>(
  Object.entries(StoreCode).map(([name, code]) => [code, name as StoreCodeName]),
);

/** The name of a store code, or undefined for a number that is not one. */
export function storeCodeName(code: number): StoreCodeName | undefined {
  return NAMES.get(code);
}

/**
 * A condition a store met, as a domain error: which kind of entity (`queue`, `move-task`), which
 * code, and what else the script said. Features map these to their wire errors once, in the error
 * mapper their service registers; in-process callers (a delivery, a worker) read them directly.
 */
export class StoreError extends Error {
  constructor(
    readonly entity: string,
    readonly code: StoreCodeName,
    readonly detail?: string,
  ) {
    super(`${entity}: ${code}${detail ? ` (${detail})` : ''}`);
    this.name = 'StoreError';
  }
}

/**
 * Reads a script reply that is either a result or a store code (a negative number, or an array
 * starting with one followed by a detail): returns the result, or throws the StoreError.
 */
export function checkReply<T>(entity: string, reply: T): T {
  const code = Array.isArray(reply) ? reply[0] : reply;
  if (typeof code === 'number' && code < 0) {
    const name = storeCodeName(code);
    if (!name) throw new Error(`${entity} script returned unknown code ${code}`);
    const detail = Array.isArray(reply) && reply.length > 1 ? String(reply[1]) : undefined;
    throw new StoreError(entity, name, detail);
  }
  return reply;
}

/** The Lua table every script starts with: `local E = { NOT_FOUND = -1, … }`. */
export function luaStoreCodes(): string {
  return `local E = { ${Object.entries(StoreCode)
    .map(([name, code]) => `${name} = ${code}`)
    .join(', ')} }\n`;
}
