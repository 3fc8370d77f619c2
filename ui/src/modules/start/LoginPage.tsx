import { useState, type SyntheticEvent } from "react";
import type { Actor, AppStatus } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { Field } from "../../components/Field";
import { useI18n } from "../../i18n";
import { FormErrors } from "../contracts/shared";

interface Props {
  status: AppStatus;
  notice: string | null;
  onSignedIn: (actor: Actor) => void;
}

export function LoginPage({ status, notice, onSignedIn }: Props) {
  const { t } = useI18n();
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: SyntheticEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      onSignedIn(await api.sign_in({ login, password }));
    } catch (err) {
      // Wrong password, too many attempts (with the wait), a missing key file …: the core's message.
      setError(toApiError(err));
      setPassword("");
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="start-page" data-page="login">
      <section className="card narrow">
        <h1>{status.department}</h1>
        <h2>{t("login.title")}</h2>
        {notice ? <div className="banner info">{notice}</div> : null}
        <FormErrors error={error} shown={["login", "password"]} />
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Field label={t("login.login")} name="login" value={login} onChange={setLogin} error={fieldErrors(error).login} autoFocus autoComplete="username" />
          <Field label={t("login.password")} name="password" type="password" value={password} onChange={setPassword} error={fieldErrors(error).password} autoComplete="current-password" />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy} name="sign_in">
              {t("login.submit")}
            </button>
          </div>
        </form>
      </section>
    </main>
  );
}
