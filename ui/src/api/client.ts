// The one typed data client: the generated commands, with every failure turned into an ApiError.
import { commands, type ApiError } from "./bindings";

export type { ApiError };

function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { code?: unknown }).code === "string" &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

/** Any rejection (a core error, a Tauri error string, a thrown Error) as an ApiError. */
export function toApiError(e: unknown): ApiError {
  if (isApiError(e)) return { ...e, fields: Array.isArray(e.fields) ? e.fields : [] };
  const message = e instanceof Error ? e.message : String(e);
  return { code: "ipc", message, fields: [] };
}

type Commands = typeof commands;

type SessionEvent = "locked" | "unlocked";
const listeners: Record<SessionEvent, Set<() => void>> = { locked: new Set(), unlocked: new Set() };

/** Listens for the session being locked (any command refused with `session_locked`) or unlocked
 *  again; returns the function that stops listening. */
export function onSession(event: SessionEvent, listener: () => void): () => void {
  listeners[event].add(listener);
  return () => { listeners[event].delete(listener); };
}

/** Tells the listeners that the session was locked or unlocked. */
export function emitSession(event: SessionEvent): void {
  for (const l of [...listeners[event]]) l();
}

/** The commands, each rejecting with an ApiError. */
export const api: Commands = Object.fromEntries(
  Object.entries(commands).map(([name, fn]) => [
    name,
    async (...args: unknown[]) => {
      try {
        return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
      } catch (e) {
        const error = toApiError(e);
        if (error.code === "session_locked") emitSession("locked");
        throw error;
      }
    },
  ]),
) as Commands;

/** The field errors of an ApiError by field name. */
export function fieldErrors(e: ApiError | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of e?.fields ?? []) out[f.field] = f.message;
  return out;
}
