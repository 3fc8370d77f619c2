import { useState, type SyntheticEvent } from "react";
import type { AbsenceKind } from "../../api/bindings";
import { api, fieldErrors, type ApiError } from "../../api/client";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Field } from "../../components/Field";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { formatDate, today } from "../../i18n/format";

const KINDS: AbsenceKind[] = ["annual_leave", "sick_leave", "training", "business_trip", "other"];

/** An employee's absences: leave, sick leave, training, trips. The roster shades these days. */
export function Absences({ employeeId, canEdit }: { employeeId: number; canEdit: boolean }) {
  const { t } = useI18n();
  const list = useLoad(() => api.employee_absences(employeeId), [employeeId]);
  const [form, setForm] = useState({ kind: "annual_leave" as AbsenceKind, start_date: today(), end_date: today(), note: "" });
  const [error, setError] = useState<ApiError | null>(null);
  const errors = fieldErrors(error);

  async function add(e: SyntheticEvent) {
    e.preventDefault();
    try {
      await api.absence_add({ employee_id: employeeId, ...form });
      setError(null);
      list.reload();
    } catch (err) {
      setError(err as ApiError);
    }
  }

  async function remove(id: number) {
    try {
      await api.absence_delete(id);
      list.reload();
    } catch (err) {
      setError(err as ApiError);
    }
  }

  return (
    <div className="subsection" data-section="absences">
      <h3>{t("staff.absences")}</h3>
      <ErrorBanner error={error} />
      {list.data && list.data.length > 0 ? (
        <ul className="absences">
          {list.data.map((a) => (
            <li key={a.id} data-absence={a.id}>
              {formatDate(a.start_date)}–{formatDate(a.end_date)} {t(`absence.${a.kind}`)}
              {a.note ? ` · ${a.note}` : ""}
              {canEdit ? (
                <button type="button" className="link" onClick={() => void remove(a.id)}>
                  {t("staff.absenceDelete")}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("staff.noAbsences")}</p>
      )}
      {canEdit ? (
        <form className="inline-form" onSubmit={(e) => void add(e)} noValidate>
          <div className="field">
            <label htmlFor="absence-kind">{t("staff.absenceKind")}</label>
            <select id="absence-kind" name="absence_kind" value={form.kind} onChange={(e) => { setForm({ ...form, kind: e.target.value as AbsenceKind }); }}>
              {KINDS.map((k) => (
                <option key={k} value={k}>{t(`absence.${k}`)}</option>
              ))}
            </select>
          </div>
          <Field label={t("staff.absenceFrom")} name="absence_start" value={form.start_date} onChange={(v) => { setForm({ ...form, start_date: v }); }} error={errors.start_date} size={10} />
          <Field label={t("staff.absenceTo")} name="absence_end" value={form.end_date} onChange={(v) => { setForm({ ...form, end_date: v }); }} error={errors.end_date} size={10} />
          <Field label={t("staff.absenceNote")} name="absence_note" value={form.note} onChange={(v) => { setForm({ ...form, note: v }); }} error={errors.note} />
          <button type="submit" name="absence_add">{t("staff.absenceAdd")}</button>
        </form>
      ) : null}
    </div>
  );
}
