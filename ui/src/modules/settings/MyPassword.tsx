import { useRef, useState, type SyntheticEvent } from "react";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { Field, focusFirstError } from "../../components/Field";
import { useI18n } from "../../i18n";
import { errorInputs, FormErrors } from "../contracts/shared";

/** The core's field names → this form's inputs. */
const INPUTS: Record<string, string> = {
  current: "current_password",
  password: "new_password",
  password_repeat: "new_password_repeat",
};

const EMPTY = { current: "", password: "", password_repeat: "" };

/** The signed-in user changes their own password (any role). */
export function MyPassword() {
  const { t } = useI18n();
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<ApiError | null>(null);
  const [state, setState] = useState<"idle" | "saving" | "saved">("idle");
  const formRef = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(error);
  const set = (key: keyof typeof EMPTY) => (v: string) => {
    setForm((f) => ({ ...f, [key]: v }));
    setState("idle");
  };

  async function save(e: SyntheticEvent) {
    e.preventDefault();
    setState("saving");
    try {
      await api.password_change(form);
      setForm(EMPTY);
      setError(null);
      setState("saved");
    } catch (err) {
      const apiErr = toApiError(err);
      setError(apiErr);
      setState("idle");
      focusFirstError(formRef.current, errorInputs(apiErr, INPUTS, Object.values(INPUTS)));
    }
  }

  return (
    <form ref={formRef} className="side-form narrow-form" onSubmit={(e) => void save(e)} noValidate data-form="my_password">
      <h3>{t("password.title")}</h3>
      <FormErrors error={error} shown={Object.keys(INPUTS)} />
      <Field label={t("password.current")} name="current_password" type="password" value={form.current} onChange={set("current")} error={errors.current} autoComplete="current-password" />
      <Field label={t("password.new")} name="new_password" type="password" value={form.password} onChange={set("password")} error={errors.password} autoComplete="new-password" />
      <Field label={t("password.repeat")} name="new_password_repeat" type="password" value={form.password_repeat} onChange={set("password_repeat")} error={errors.password_repeat} autoComplete="new-password" />
      <div className="actions">
        <span className="save-state" data-save-state={state} role="status">
          {state === "saving" ? t("common.saving") : state === "saved" ? t("password.done") : ""}
        </span>
        <button type="submit" className="primary" name="change_password" disabled={state === "saving"}>
          {t("password.submit")}
        </button>
      </div>
    </form>
  );
}
