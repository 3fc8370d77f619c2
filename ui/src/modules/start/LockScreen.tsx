import { useEffect, useRef, useState, type SyntheticEvent } from "react";
import type { Actor } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { Field } from "../../components/Field";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { useI18n } from "../../i18n";
import { FormErrors } from "../contracts/shared";

interface Props {
  user: Actor;
  onUnlocked: (actor: Actor) => void;
  onSignOut: () => void;
}

/** The idle or locked session: the same user's password continues where they were. */
export function LockScreen({ user, onUnlocked, onSignOut }: Props) {
  const { t } = useI18n();
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  // Gone meanwhile (signed out, or the session ended): nothing more to show here.
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => { alive.current = false; };
  }, []);

  async function unlock(e: SyntheticEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const actor = await api.unlock_session(password);
      if (!alive.current) return;
      setError(null);
      setBusy(false);
      onUnlocked(actor);
    } catch (err) {
      if (!alive.current) return;
      setError(toApiError(err));
      setPassword("");
      setBusy(false);
    }
  }

  return (
    // The page's own keyboard shortcuts stay with the page while it is hidden.
    <main className="start-page lock-screen" data-page="lock" onKeyDown={(e) => { e.stopPropagation(); }}>
      <div className="corner-lang">
        <LanguageSwitch />
      </div>
      <section className="card narrow">
        <h1>{t("lock.title")}</h1>
        <p className="lock-user" data-user={user.login}>
          {user.name} · {t(`role.${user.role}`)}
        </p>
        <p className="muted">{t("lock.hint")}</p>
        <FormErrors error={error} shown={["password"]} />
        <form onSubmit={(e) => void unlock(e)} noValidate>
          <Field
            label={t("lock.password")}
            name="unlock_password"
            type="password"
            value={password}
            onChange={setPassword}
            error={fieldErrors(error).password}
            autoFocus
            autoComplete="current-password"
          />
          <div className="actions">
            <button type="button" className="link" name="sign_out" onClick={onSignOut}>
              {t("user.signOut")}
            </button>
            <button type="submit" className="primary" name="unlock" disabled={busy}>
              {t("lock.unlock")}
            </button>
          </div>
        </form>
      </section>
    </main>
  );
}
