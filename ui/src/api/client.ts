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

/** The commands, each rejecting with an ApiError. */
export const api: Commands = Object.fromEntries(
  Object.entries(commands).map(([name, fn]) => [
    name,
    async (...args: unknown[]) => {
      try {
        return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
      } catch (e) {
        throw toApiError(e);
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
