import type { ApiError } from "../api/client";

/** An error that belongs to no single field. */
export function ErrorBanner({ error }: { error: ApiError | null }) {
  if (!error || error.fields.length > 0) return null;
  return (
    <div className="banner error" role="alert" data-error-code={error.code}>
      {error.message}
    </div>
  );
}
