import type { ApiError } from "../api/client";
import { useI18n } from "../i18n";

/** An error that belongs to no single field. */
export function ErrorBanner({ error }: { error: ApiError | null }) {
  const { t } = useI18n();
  if (!error || error.fields.length > 0) return null;
  // The lock screen has said why; once unlocked, what is left to say is that nothing was done.
  const message = error.code === "session_locked" ? t("lock.interrupted") : error.message;
  return (
    <div className="banner error" role="alert" data-error-code={error.code}>
      {message}
    </div>
  );
}
