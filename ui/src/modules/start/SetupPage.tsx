import { useRef, useState, type SyntheticEvent } from "react";
import type { Actor, AppStatus } from "../../api/bindings";
import { api, fieldErrors, type ApiError } from "../../api/client";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Field, focusFirstError } from "../../components/Field";
import { useI18n } from "../../i18n";
import { formatMoney } from "../../i18n/format";

interface Props {
  status: AppStatus;
  onSignedIn: (actor: Actor) => void;
  onDemoReady: () => void;
}

/** First run: create the department and the head's account, or open the demo data. */
export function SetupPage({ status, onSignedIn, onDemoReady }: Props) {
  const { t } = useI18n();
  const [form, setForm] = useState({
    department: t("setup.departmentDefault"),
    head_name: "",
    head_login: "",
    password: "",
    password_repeat: "",
  });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(error);
  const set = (key: keyof typeof form) => (value: string) => { setForm({ ...form, [key]: value }); };

  async function submit(e: SyntheticEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      onSignedIn(await api.setup(form));
    } catch (err) {
      const apiErr = err as ApiError;
      setError(apiErr);
      focusFirstError(formRef.current, apiErr.fields.map((f) => (f.field === "login" ? "head_login" : f.field)));
    } finally {
      setBusy(false);
    }
  }

  async function demo() {
    setBusy(true);
    try {
      await api.generate_demo({ employees: 25, years: 1 });
      onDemoReady();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="start-page" data-page="setup">
      <section className="card">
        <h1>{t("setup.title")}</h1>
        <p className="muted">{t("setup.intro")}</p>
        <ErrorBanner error={error} />
        <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate>
          <Field label={t("setup.department")} name="department" value={form.department} onChange={set("department")} error={errors.department} />
          <Field label={t("setup.headName")} name="head_name" value={form.head_name} onChange={set("head_name")} error={errors.head_name} autoFocus />
          <Field label={t("setup.login")} name="head_login" value={form.head_login} onChange={set("head_login")} error={errors.login} autoComplete="username" />
          <Field label={t("setup.password")} name="password" type="password" value={form.password} onChange={set("password")} error={errors.password} autoComplete="new-password" />
          <Field label={t("setup.passwordRepeat")} name="password_repeat" type="password" value={form.password_repeat} onChange={set("password_repeat")} error={errors.password_repeat} autoComplete="new-password" />
          <p className="note">{t("setup.defaults", { limit: formatMoney(1_000_000) })}</p>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy} name="create">
              {t("setup.create")}
            </button>
          </div>
        </form>
      </section>
      <section className="card secondary">
        <h2>{t("setup.demoTitle")}</h2>
        <p className="muted">{t("setup.demoIntro")}</p>
        <button type="button" onClick={() => void demo()} disabled={busy} name="demo">
          {t("setup.demo")}
        </button>
        <p className="path">{t("setup.database", { path: status.db_path })}</p>
      </section>
    </main>
  );
}
