import { useRef, useState, type SyntheticEvent } from "react";
import type { HeadAbsence } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { Field, focusFirstError } from "../../components/Field";
import { Table, type Column } from "../../components/Table";
import { useLoad } from "../../components/useLoad";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useI18n } from "../../i18n";
import { formatPeriod, isoToday } from "../../i18n/format";
import { errorInputs, FormErrors, SelectField } from "../contracts/shared";

type State = "current" | "planned" | "ended";

/** The core's field names, and the inputs they belong to. */
const FIELDS = ["starts_on", "ends_on", "absence_reason", "substitute_id"];
const INPUTS = ["starts_on", "ends_on", "reason", "substitute_id"];
const EMPTY = { starts_on: "", ends_on: "", reason: "", substitute_id: "" };

/** Ended early, or past its last day; else in force from its first day; else still ahead. */
export function absenceState(a: HeadAbsence, today: string): State {
  if (a.ended_at !== null || a.ends_on < today) return "ended";
  return a.starts_on <= today ? "current" : "planned";
}

/** § 3.6: the head's absences and who substitutes for the head in each. */
export function SubstitutionTab() {
  const { t } = useI18n();
  const list = useLoad(() => api.head_absences(), []);
  const accounts = useLoad(() => api.accounts(), []);
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [endError, setEndError] = useState<ApiError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(error);
  const set = (key: keyof typeof EMPTY) => (v: string) => { setForm({ ...form, [key]: v }); };
  const deputies = (accounts.data ?? []).filter((a) => a.active && a.role === "deputy");
  const today = isoToday();

  async function save(e: SyntheticEvent) {
    e.preventDefault();
    setSaving(true);
    try {
      await api.head_absence_save({
        id: null,
        starts_on: form.starts_on,
        ends_on: form.ends_on,
        reason: form.reason,
        substitute_id: form.substitute_id ? Number(form.substitute_id) : null,
      });
      setForm(EMPTY);
      setError(null);
      list.reload();
    } catch (err) {
      const apiErr = toApiError(err);
      setError(apiErr);
      focusFirstError(formRef.current, errorInputs(apiErr, { absence_reason: "reason" }, INPUTS));
    } finally {
      setSaving(false);
    }
  }

  async function end(a: HeadAbsence) {
    try {
      await api.head_absence_end(a.id);
      setEndError(null);
      list.reload();
    } catch (err) {
      setEndError(toApiError(err));
    }
  }

  const columns: Column<HeadAbsence>[] = [
    { key: "period", label: t("subst.period"), render: (a) => formatPeriod(a.starts_on, a.ends_on), sort: (a) => a.starts_on, className: "num" },
    { key: "reason", label: t("subst.reason"), render: (a) => a.reason },
    { key: "substitute", label: t("subst.substitute"), render: (a) => a.substitute_name, sort: (a) => a.substitute_name },
    {
      key: "state",
      label: t("subst.state"),
      render: (a) => {
        const s = absenceState(a, today);
        return <span className={`status subst-${s}`} data-state={s}>{t(`subst.state.${s}`)}</span>;
      },
    },
    {
      key: "end",
      label: "",
      render: (a) =>
        absenceState(a, today) === "ended" ? null : (
          <button type="button" className="danger-link" name="end_absence" onClick={() => void end(a)}>
            {t("subst.end")}
          </button>
        ),
    },
  ];

  return (
    <div data-tab="substitution">
      <p className="note">{t("subst.intro")}</p>
      <ErrorBanner error={list.error ?? accounts.error} />
      <FormErrors error={endError} shown={[]} />
      <Table
        name="head_absences"
        rows={list.data ?? []}
        columns={columns}
        rowKey={(a) => a.id}
        rowClass={(a) => (absenceState(a, today) === "ended" ? "inactive" : "")}
        empty={t("subst.empty")}
      />
      <form ref={formRef} className="side-form inline-form" onSubmit={(e) => void save(e)} noValidate data-form="head_absence">
        <h3>{t("subst.add")}</h3>
        <FormErrors error={error} shown={FIELDS} />
        <Field label={t("subst.startsOn")} name="starts_on" value={form.starts_on} onChange={set("starts_on")} error={errors.starts_on} placeholder={t("staff.datePlaceholder")} size={10} />
        <Field label={t("subst.endsOn")} name="ends_on" value={form.ends_on} onChange={set("ends_on")} error={errors.ends_on} placeholder={t("staff.datePlaceholder")} size={10} />
        <Field label={t("subst.reason")} name="reason" value={form.reason} onChange={set("reason")} error={errors.absence_reason} placeholder={t("subst.reasonHint")} />
        <SelectField
          label={t("subst.substitute")}
          name="substitute_id"
          value={form.substitute_id}
          onChange={set("substitute_id")}
          error={errors.substitute_id}
          hint={accounts.data && deputies.length === 0 ? t("subst.noDeputies") : undefined}
        >
          <option value="">{t("subst.chooseSubstitute")}</option>
          {deputies.map((a) => (
            <option key={a.id} value={a.id}>{a.name}</option>
          ))}
        </SelectField>
        <button type="submit" className="primary" name="save_absence" disabled={saving}>
          {t("subst.save")}
        </button>
      </form>
    </div>
  );
}
