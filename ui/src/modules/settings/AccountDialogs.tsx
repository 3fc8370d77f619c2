import { useRef, useState, type SyntheticEvent } from "react";
import type { Account, AccountInput, Role } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { Dialog } from "../../components/Dialog";
import { Field, focusFirstError } from "../../components/Field";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { errorInputs, FormErrors, SelectField } from "../contracts/shared";

export const ROLES: Role[] = ["head", "deputy", "viewer"];

const ACCOUNT_FIELDS = ["login", "name", "role", "employee_id", "password", "password_repeat"];

function toInput(a: Account | null): AccountInput {
  return {
    id: a?.id ?? null,
    login: a?.login ?? "",
    name: a?.name ?? "",
    role: a?.role ?? "viewer",
    employee_id: a?.employee_id ?? null,
    password: "",
    password_repeat: "",
  };
}

/** A new account with its first password, or an account's name, role and employee. */
export function AccountDialog({ account, onClose, onSaved }: { account: Account | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const staff = useLoad(() => api.staff_list({ include_inactive: false, search: null }), []);
  const [form, setForm] = useState<AccountInput>(() => toInput(account));
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(error);
  const isNew = account === null;
  const set = (key: "login" | "name" | "password" | "password_repeat") => (v: string) => { setForm((f) => ({ ...f, [key]: v })); };
  const employees = staff.data ?? [];
  // A linked employee who has since left is not in the list of active staff; keep them as a choice.
  const gone = account?.employee_id != null && !employees.some((e) => e.id === account.employee_id) ? account : null;

  async function save(e: SyntheticEvent) {
    e.preventDefault();
    setSaving(true);
    try {
      await api.account_save(form);
      onSaved();
    } catch (err) {
      const apiErr = toApiError(err);
      setError(apiErr);
      focusFirstError(formRef.current, errorInputs(apiErr, {}, ACCOUNT_FIELDS));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog title={isNew ? t("accounts.addTitle") : t("accounts.editTitle", { login: account.login })} onClose={onClose} name="account">
      <FormErrors error={error} shown={ACCOUNT_FIELDS} />
      <form ref={formRef} className="grid-form" onSubmit={(e) => void save(e)} noValidate>
        <Field
          label={t("accounts.login")}
          name="login"
          value={form.login}
          onChange={set("login")}
          error={errors.login}
          readOnly={!isNew}
          hint={isNew ? t("accounts.loginHint") : undefined}
          autoComplete="off"
        />
        <Field label={t("accounts.name")} name="name" value={form.name} onChange={set("name")} error={errors.name} />
        <SelectField label={t("accounts.role")} name="role" value={form.role} onChange={(v) => { setForm((f) => ({ ...f, role: v as Role })); }} error={errors.role}>
          {ROLES.map((r) => (
            <option key={r} value={r}>{t(`role.${r}`)}</option>
          ))}
        </SelectField>
        <SelectField
          label={t("accounts.employee")}
          name="employee_id"
          value={form.employee_id === null ? "" : String(form.employee_id)}
          onChange={(v) => { setForm((f) => ({ ...f, employee_id: v ? Number(v) : null })); }}
          error={errors.employee_id}
          hint={t("accounts.employeeHint")}
        >
          <option value="">{t("accounts.noEmployee")}</option>
          {gone ? <option value={gone.employee_id ?? ""}>{gone.employee_name}</option> : null}
          {employees.map((x) => (
            <option key={x.id} value={x.id}>{x.first_name} {x.last_name}</option>
          ))}
        </SelectField>
        {isNew ? (
          <>
            <Field label={t("accounts.password")} name="password" type="password" value={form.password} onChange={set("password")} error={errors.password} autoComplete="new-password" />
            <Field label={t("accounts.passwordRepeat")} name="password_repeat" type="password" value={form.password_repeat} onChange={set("password_repeat")} error={errors.password_repeat} autoComplete="new-password" />
          </>
        ) : null}
        <div className="actions span-2">
          <button type="button" onClick={onClose}>{t("common.cancel")}</button>
          <button type="submit" className="primary" name="save" disabled={saving}>
            {saving ? t("common.saving") : t("common.save")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The head sets an account's password: forgotten, re-enabled, or never set. */
export function PasswordResetDialog({ account, onClose, onSaved }: { account: Account; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ password: "", password_repeat: "" });
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(error);

  async function save(e: SyntheticEvent) {
    e.preventDefault();
    setSaving(true);
    try {
      await api.password_reset({ user_id: account.id, ...form });
      onSaved();
    } catch (err) {
      const apiErr = toApiError(err);
      setError(apiErr);
      focusFirstError(formRef.current, errorInputs(apiErr, {}, ["password", "password_repeat"]));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog title={t("accounts.setPasswordTitle", { name: account.name })} onClose={onClose} name="set_password">
      <p className="muted">{t("accounts.setPasswordText")}</p>
      <FormErrors error={error} shown={["password", "password_repeat"]} />
      <form ref={formRef} onSubmit={(e) => void save(e)} noValidate>
        <Field label={t("accounts.password")} name="password" type="password" value={form.password} onChange={(v) => { setForm((f) => ({ ...f, password: v })); }} error={errors.password} autoComplete="new-password" />
        <Field label={t("accounts.passwordRepeat")} name="password_repeat" type="password" value={form.password_repeat} onChange={(v) => { setForm((f) => ({ ...f, password_repeat: v })); }} error={errors.password_repeat} autoComplete="new-password" />
        <div className="actions">
          <button type="button" onClick={onClose}>{t("common.cancel")}</button>
          <button type="submit" className="primary" name="save" disabled={saving}>
            {t("accounts.setPassword")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
