import { useRef, useState, type SyntheticEvent } from "react";
import type { HeadAbsence } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { Dialog } from "../../components/Dialog";
import { Field, focusFirstError } from "../../components/Field";
import { Table, type Column } from "../../components/Table";
import { useLoad } from "../../components/useLoad";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useI18n } from "../../i18n";
import { formatDate, formatPeriod, isoToday, tallinnIsoDate } from "../../i18n/format";
import { errorInputs, FormErrors, SelectField } from "../contracts/shared";

type State = "current" | "planned" | "ended" | "cancelled";

/** The core's field names, and the inputs they belong to. */
const FIELDS = ["starts_on", "ends_on", "absence_reason", "substitute_id"];
const INPUTS = ["starts_on", "ends_on", "reason", "substitute_id"];
const FIELD_INPUTS = { absence_reason: "reason" };

interface Form {
  /** The absence being changed; null while adding one. */
  id: number | null;
  starts_on: string;
  ends_on: string;
  reason: string;
  substitute_id: string;
}

const EMPTY: Form = { id: null, starts_on: "", ends_on: "", reason: "", substitute_id: "" };

function toForm(a: HeadAbsence): Form {
  return { id: a.id, starts_on: formatDate(a.starts_on), ends_on: formatDate(a.ends_on), reason: a.reason, substitute_id: String(a.substitute_id) };
}

/** Ended before its first day (a planned absence called off): cancelled; ended early or past its
 *  last day: ended; else in force from its first day; else still ahead. An absence ended on its
 *  first day was in force for part of it (the substitute may have acted), so it counts as ended. */
export function absenceState(a: HeadAbsence, today: string): State {
  if (a.ended_at !== null) return tallinnIsoDate(a.ended_at) < a.starts_on ? "cancelled" : "ended";
  if (a.ends_on < today) return "ended";
  return a.starts_on <= today ? "current" : "planned";
}

/** § 3.6: the head's absences and who substitutes for the head in each. */
export function SubstitutionTab() {
  const { t } = useI18n();
  const list = useLoad(() => api.head_absences(), []);
  const accounts = useLoad(() => api.accounts(), []);
  const [form, setForm] = useState<Form>(EMPTY);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  // The absence whose ending (or cancelling) waits for confirmation.
  const [ending, setEnding] = useState<{ absence: HeadAbsence; planned: boolean } | null>(null);
  const [endBusy, setEndBusy] = useState(false);
  const [endError, setEndError] = useState<ApiError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(error);
  const set = (key: Exclude<keyof Form, "id">) => (v: string) => { setForm((f) => ({ ...f, [key]: v })); };
  const deputies = (accounts.data ?? []).filter((a) => a.active && a.role === "deputy");
  const today = isoToday();
  const editing = form.id === null ? null : (list.data ?? []).find((a) => a.id === form.id) ?? null;
  // The edited absence's substitute, no longer an active deputy: still shown as the choice made.
  const goneSubstitute = editing && !deputies.some((d) => d.id === editing.substitute_id) ? editing : null;

  function startEdit(a: HeadAbsence) {
    setForm(toForm(a));
    setError(null);
    focusFirstError(formRef.current, ["starts_on"]);
  }

  function stopEdit() {
    setForm(EMPTY);
    setError(null);
  }

  async function save(e: SyntheticEvent) {
    e.preventDefault();
    if (saving) return;
    setSaving(true);
    try {
      await api.head_absence_save({
        id: form.id,
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
      focusFirstError(formRef.current, errorInputs(apiErr, FIELD_INPUTS, INPUTS));
    } finally {
      setSaving(false);
    }
  }

  async function end(a: HeadAbsence) {
    if (endBusy) return;
    setEndBusy(true);
    try {
      await api.head_absence_end(a.id);
      setEndError(null);
      // An ended absence can no longer be changed.
      setForm((f) => (f.id === a.id ? EMPTY : f));
      list.reload();
    } catch (err) {
      setEndError(toApiError(err));
    } finally {
      setEndBusy(false);
      setEnding(null);
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
      key: "actions",
      label: "",
      className: "nowrap",
      render: (a) => {
        const s = absenceState(a, today);
        if (s !== "current" && s !== "planned") return null;
        const planned = s === "planned";
        return (
          <>
            <button type="button" className="link" name="edit_absence" onClick={() => { startEdit(a); }}>
              {t("common.edit")}
            </button>
            <button
              type="button"
              className="danger-link"
              name="end_absence"
              disabled={endBusy}
              onClick={() => { setEndError(null); setEnding({ absence: a, planned }); }}
            >
              {planned ? t("subst.cancel") : t("subst.end")}
            </button>
          </>
        );
      },
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
        rowClass={(a) => {
          const s = absenceState(a, today);
          return s === "ended" || s === "cancelled" ? "inactive" : "";
        }}
        empty={t("subst.empty")}
      />
      <form
        ref={formRef}
        className="side-form inline-form"
        onSubmit={(e) => void save(e)}
        noValidate
        data-form="head_absence"
        data-editing={form.id ?? undefined}
      >
        <h3>{form.id === null ? t("subst.add") : t("subst.editTitle")}</h3>
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
          {goneSubstitute ? <option value={goneSubstitute.substitute_id}>{goneSubstitute.substitute_name}</option> : null}
          {deputies.map((a) => (
            <option key={a.id} value={a.id}>{a.name}</option>
          ))}
        </SelectField>
        {form.id !== null ? (
          <button type="button" name="cancel_edit" onClick={stopEdit}>
            {t("common.cancel")}
          </button>
        ) : null}
        <button type="submit" className="primary" name="save_absence" disabled={saving}>
          {form.id === null ? t("subst.save") : t("common.save")}
        </button>
      </form>
      {ending ? (
        <Dialog
          title={ending.planned ? t("subst.cancelTitle") : t("subst.endTitle")}
          name="end_absence"
          onClose={() => { if (!endBusy) setEnding(null); }}
        >
          <p>
            {t(ending.planned ? "subst.cancelText" : "subst.endText", {
              period: formatPeriod(ending.absence.starts_on, ending.absence.ends_on),
              name: ending.absence.substitute_name,
            })}
          </p>
          <div className="actions">
            <button type="button" onClick={() => { setEnding(null); }} disabled={endBusy}>{t("common.cancel")}</button>
            <button type="button" className="danger" name="confirm_end_absence" disabled={endBusy} onClick={() => void end(ending.absence)}>
              {ending.planned ? t("subst.cancel") : t("subst.end")}
            </button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}
