/** Shared state (clients, session, the error banner) and the polling hook the pages use. */
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { AwsClients, errorMessage } from './api/aws';
import type { SessionInfo } from './api/console-api';

export interface ConsoleContext {
  clients: AwsClients;
  session: SessionInfo;
  /** Shows (or, with no error, clears) the banner's line for `source`. */
  reportError: (source: string, error: unknown) => void;
}

export const Console = createContext<ConsoleContext | null>(null);

export function useConsole(): ConsoleContext {
  const value = useContext(Console);
  if (!value) throw new Error('useConsole outside the app');
  return value;
}

export interface Polled<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  /** Loads again now. */
  refresh: () => void;
}

/**
 * Loads `load()` now and again every `intervalMs` (0: once) while the page shows; a change of `key`
 * starts over. Errors go to the banner under `source` and clear on the next success.
 */
export function usePoll<T>(
  source: string,
  load: () => Promise<T>,
  intervalMs: number,
  key: unknown[] = [],
): Polled<T> {
  const { reportError } = useConsole();
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const keyText = JSON.stringify(key);
  const lastKey = useRef(keyText);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (lastKey.current !== keyText) {
      lastKey.current = keyText;
      setData(undefined);
    }
    const run = async () => {
      setLoading(true);
      try {
        const value = await loadRef.current();
        if (cancelled) return;
        setData(value);
        setError(undefined);
        reportError(source, undefined);
      } catch (e) {
        if (cancelled) return;
        setError(errorMessage(e));
        reportError(source, e);
      } finally {
        if (!cancelled) setLoading(false);
      }
      if (!cancelled && intervalMs > 0) timer = setTimeout(run, intervalMs);
    };
    void run();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
      reportError(source, undefined);
    };
  }, [keyText, intervalMs, tick, source]);

  const refresh = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, refresh };
}

/** Runs an action, tracking whether it runs and what it answered or failed with. */
export function useAction<A extends unknown[], T>(action: (...args: A) => Promise<T>) {
  const { reportError } = useConsole();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [result, setResult] = useState<T | undefined>(undefined);
  const run = useCallback(
    async (...args: A) => {
      setBusy(true);
      setError(undefined);
      try {
        const value = await action(...args);
        setResult(value);
        reportError('action', undefined);
        return value;
      } catch (e) {
        setError(errorMessage(e));
        reportError('action', e);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [action, reportError],
  );
  return { run, busy, error, result, setResult, setError };
}
