import { useCallback, useEffect, useState } from "react";
import { onSession, toApiError, type ApiError } from "../api/client";

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  reload: () => void;
}

/** Loads data from the core; loads again when `deps` change or `reload()` is called. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [result, setResult] = useState<{ data: T | null; error: ApiError | null }>({ data: null, error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => {
        if (live) setResult({ data, error: null });
      },
      (e: unknown) => {
        if (live) setResult((r) => ({ data: r.data, error: toApiError(e) }));
      },
    );
    return () => {
      live = false;
    };
    // `load` is a new closure each render; `deps` say when its result changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => { setTick((n) => n + 1); }, []);
  // Refused because the session was locked: load again once it is unlocked.
  const refusedByLock = result.error?.code === "session_locked";
  useEffect(() => (refusedByLock ? onSession("unlocked", reload) : undefined), [refusedByLock, reload]);
  return { ...result, reload };
}
