import { useRef, useState, type SyntheticEvent } from "react";
import type { ContractType, Employee, EmployeeInput, Position, Skill } from "../../api/bindings";
import { api, fieldErrors, type ApiError } from "../../api/client";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Field, focusFirstError } from "../../components/Field";
import { useI18n } from "../../i18n";
import { formatDate, today } from "../../i18n/format";
import { AuditList, NO_FILTERS } from "../audit/AuditList";
import { Absences } from "./Absences";

export const SKILLS: Skill[] = ["et", "ru", "en", "first_line", "second_line", "monitoring"];
const CONTRACTS: ContractType[] = ["employee", "official"];

interface Props {
  employee: Employee | null;
  positions: Position[];
  canEdit: boolean;
  onSaved: (employee: Employee) => void;
  onClose: () => void;
}

function toInput(e: Employee | null): EmployeeInput {
  return {
    first_name: e?.first_name ?? "",
    last_name: e?.last_name ?? "",
    email: e?.email ?? "",
    phone: e?.phone ?? "",
    start_date: e ? formatDate(e.start_date) : today(),
    position_id: e?.position_id ?? null,
    contract_type: e?.contract_type ?? "employee",
    weekly_hours: e ? String(e.weekly_minutes / 60).replace(".", ",") : "40",
    birth_date: e?.birth_date ? formatDate(e.birth_date) : "",
    skills: e?.skills ?? [],
  };
}

/** Add or edit an employee; end or restore the employment; the employee's history. */
export function EmployeeDialog({ employee, positions, canEdit, onSaved, onClose }: Props) {
  const { t } = useI18n();
  const [form, setForm] = useState<EmployeeInput>(() => toInput(employee));
  const [error, setError] = useState<ApiError | null>(null);
  const [state, setState] = useState<"idle" | "saving" | "saved">("idle");
  const [ending, setEnding] = useState(false);
  const [version, setVersion] = useState(0);
  const [endDate, setEndDate] = useState(today());
  const formRef = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(error);
  const set = (key: keyof EmployeeInput) => (value: string) => { setForm({ ...form, [key]: value }); };
  const name = employee ? `${employee.first_name} ${employee.last_name}` : "";

  async function run(action: () => Promise<Employee>, fieldOrder: string[]) {
    setState("saving");
    try {
      const saved = await action();
      setError(null);
      setState("saved");
      setVersion((v) => v + 1);
      onSaved(saved);
    } catch (err) {
      const apiErr = err as ApiError;
      setError(apiErr);
      setState("idle");
      focusFirstError(formRef.current, fieldOrder.filter((f) => apiErr.fields.some((x) => x.field === f)));
    }
  }

  function save(e: SyntheticEvent) {
    e.preventDefault();
    void run(
      () => (employee ? api.employee_update(employee.id, form) : api.employee_add(form)),
      ["first_name", "last_name", "email", "phone", "start_date", "position_id", "weekly_hours", "birth_date"],
    );
  }

  function endEmployment(e: SyntheticEvent) {
    e.preventDefault();
    if (!employee) return;
    void run(() => api.employee_deactivate(employee.id, endDate), ["end_date"]);
  }

  return (
    <Dialog title={employee ? `${t("staff.editTitle")}: ${name}` : t("staff.addTitle")} onClose={onClose} name="employee">
      <ErrorBanner error={error} />
      <form ref={formRef} onSubmit={save} noValidate className="grid-form">
        <Field label={t("staff.firstName")} name="first_name" value={form.first_name} onChange={set("first_name")} error={errors.first_name} readOnly={!canEdit} />
        <Field label={t("staff.lastName")} name="last_name" value={form.last_name} onChange={set("last_name")} error={errors.last_name} readOnly={!canEdit} />
        <Field label={t("staff.email")} name="email" type="email" value={form.email} onChange={set("email")} error={errors.email} readOnly={!canEdit} />
        <Field label={t("staff.phone")} name="phone" type="tel" value={form.phone} onChange={set("phone")} error={errors.phone} readOnly={!canEdit} />
        <Field label={t("staff.startDate")} name="start_date" value={form.start_date} onChange={set("start_date")} error={errors.start_date} placeholder={t("staff.datePlaceholder")} readOnly={!canEdit} />
        <div className={errors.position_id ? "field has-error" : "field"}>
          <label htmlFor="employee-position">{t("staff.position")}</label>
          <select
            id="employee-position"
            name="position_id"
            value={form.position_id ?? ""}
            disabled={!canEdit}
            onChange={(e) => { setForm({ ...form, position_id: e.target.value ? Number(e.target.value) : null }); }}
          >
            <option value="">{t("staff.noPosition")}</option>
            {positions.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title} ({p.code})
              </option>
            ))}
          </select>
          {errors.position_id ? <div className="field-error" data-field-error="position_id" role="alert">{errors.position_id}</div> : null}
        </div>
        <div className="field">
          <label htmlFor="employee-contract">{t("staff.contractType")}</label>
          <select
            id="employee-contract"
            name="contract_type"
            value={form.contract_type}
            disabled={!canEdit}
            onChange={(e) => { setForm({ ...form, contract_type: e.target.value as ContractType }); }}
          >
            {CONTRACTS.map((c) => (
              <option key={c} value={c}>{t(`contract.${c}`)}</option>
            ))}
          </select>
        </div>
        <Field label={t("staff.weeklyHours")} name="weekly_hours" value={form.weekly_hours} onChange={set("weekly_hours")} error={errors.weekly_hours} readOnly={!canEdit} />
        <Field label={t("staff.birthDate")} name="birth_date" value={form.birth_date} onChange={set("birth_date")} error={errors.birth_date} placeholder={t("staff.datePlaceholder")} hint={t("staff.birthDateHint")} readOnly={!canEdit} />
        <fieldset className="field skills">
          <legend>{t("staff.skills")}</legend>
          {SKILLS.map((k) => (
            <label key={k} className="check">
              <input
                type="checkbox"
                name={`skill_${k}`}
                checked={form.skills.includes(k)}
                disabled={!canEdit}
                onChange={(e) => {
                  setForm({ ...form, skills: e.target.checked ? [...form.skills, k] : form.skills.filter((x) => x !== k) });
                }}
              />
              {t(`skill.${k}`)}
            </label>
          ))}
        </fieldset>
        {canEdit ? (
          <div className="actions span-2">
            <span className="save-state" data-save-state={state} aria-live="polite">
              {state === "saving" ? t("common.saving") : state === "saved" ? t("common.saved") : ""}
            </span>
            <button type="button" onClick={onClose}>{t("common.cancel")}</button>
            <button type="submit" className="primary" name="save" disabled={state === "saving"}>
              {t("common.save")}
            </button>
          </div>
        ) : (
          <p className="muted span-2">{t("staff.readOnly")}</p>
        )}
      </form>
      {employee && canEdit ? (
        <div className="subsection">
          {employee.active ? (
            ending ? (
              <form onSubmit={endEmployment} noValidate className="inline-form">
                <p>{t("staff.deactivateText", { name })}</p>
                <Field label={t("staff.endDate")} name="end_date" value={endDate} onChange={setEndDate} error={errors.end_date} placeholder={t("staff.datePlaceholder")} autoFocus />
                <button type="button" onClick={() => { setEnding(false); }}>{t("common.cancel")}</button>
                <button type="submit" className="danger" name="confirm_deactivate">{t("staff.deactivate")}</button>
              </form>
            ) : (
              <button type="button" className="danger-link" name="deactivate" onClick={() => { setEnding(true); }}>
                {t("staff.deactivate")}…
              </button>
            )
          ) : (
            <button type="button" name="reactivate" onClick={() => void run(() => api.employee_reactivate(employee.id), [])}>
              {t("staff.reactivate")}
            </button>
          )}
        </div>
      ) : null}
      {employee ? <Absences employeeId={employee.id} canEdit={canEdit} /> : null}
      {employee ? (
        <div className="subsection">
          <h3>{t("staff.history")}</h3>
          <AuditList query={{ ...NO_FILTERS, entity: "employee", entity_id: employee.id, limit: 50 }} compact version={version} />
        </div>
      ) : null}
    </Dialog>
  );
}
