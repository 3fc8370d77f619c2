import { useState, type SyntheticEvent } from "react";
import { toApiError, type ApiError } from "../api/client";

/** Runs a dialog's submit: busy while it runs, the core's refusal kept for the fields. */
export function useSubmit<T>(run: () => Promise<T>, done: (v: T) => void) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: SyntheticEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const v = await run();
      setError(null);
      done(v);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }
  return { error, busy, submit };
}
