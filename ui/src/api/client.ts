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

type SessionEvent = "locked" | "unlocked" | "ended";
/** Told the refusal that reported the event, if any (`ended` always has one). */
type SessionListener = (error: ApiError | null) => void;
const listeners: Record<SessionEvent, Set<SessionListener>> = { locked: new Set(), unlocked: new Set(), ended: new Set() };

/** Listens for the session being locked (any command refused with `session_locked`), unlocked
 *  again, or ended by the core (any command refused with `not_signed_in`, e.g. the account was
 *  closed meanwhile); returns the function that stops listening. */
export function onSession(event: SessionEvent, listener: SessionListener): () => void {
  listeners[event].add(listener);
  return () => { listeners[event].delete(listener); };
}

/** Tells the listeners that the session was locked, unlocked or ended. */
export function emitSession(event: SessionEvent, error: ApiError | null = null): void {
  for (const l of [...listeners[event]]) l(error);
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
        if (error.code === "session_locked") emitSession("locked", error);
        else if (error.code === "not_signed_in") emitSession("ended", error);
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
