import { useState } from "react";
import type { RosterView, ShiftRequest } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Field } from "../../components/Field";
import { useLoad } from "../../components/useLoad";
import { useSubmit } from "../../components/useSubmit";
import { useI18n } from "../../i18n";
import { formatDate } from "../../i18n/format";

type Wish = "off_day" | "off_shift" | "on_shift";

interface Props {
  month: string;
  view: RosterView;
  /** The employee and day under the cursor, the form's first values. */
  employeeId: number | null;
  date: string | null;
  canEdit: boolean;
  onClose: (changed: boolean) => void;
}

/** The month's wishes (a day off, a shift wanted or not wanted), which proposals weigh. */
export function RequestsDialog({ month, view, employeeId, date, canEdit, onClose }: Props) {
  const { t } = useI18n();
  const list = useLoad(() => api.roster_requests(month), [month]);
  const [changed, setChanged] = useState(false);
  const [form, setForm] = useState({
    employee: employeeId !== null ? String(employeeId) : String(view.rows[0]?.employee_id ?? ""),
    date: date ? formatDate(date) : "",
    wish: "off_day" as Wish,
    shift: String(view.shift_types.find((s) => s.active)?.id ?? ""),
    note: "",
  });
  const [deleteError, setDeleteError] = useState<ApiError | null>(null);
  const add = useSubmit(
    () =>
      api.roster_request_add({
        employee_id: Number(form.employee),
        date: form.date,
        kind: form.wish === "on_shift" ? "on" : "off",
        shift_type_id: form.wish === "off_day" ? null : Number(form.shift),
        note: form.note,
      }),
    () => {
      setChanged(true);
      setForm({ ...form, note: "" });
      list.reload();
    },
  );
  const errors = fieldErrors(add.error);
  const name = (id: number) => view.rows.find((r) => r.employee_id === id)?.name ?? String(id);
  const code = (id: number | null) => view.shift_types.find((s) => s.id === id)?.code ?? "";
  const wishText = (r: ShiftRequest) =>
    r.kind === "on" ? t("requests.on", { code: code(r.shift_type_id) }) : r.shift_type_id === null ? t("requests.offDay") : t("requests.offShift", { code: code(r.shift_type_id) });

  async function remove(id: number) {
    try {
      await api.roster_request_delete(id);
      setChanged(true);
      setDeleteError(null);
      list.reload();
    } catch (e) {
      setDeleteError(toApiError(e));
    }
  }

  return (
    <Dialog title={t("requests.title")} onClose={() => { onClose(changed); }} name="requests">
      <p className="muted">{t("requests.intro")}</p>
      <ErrorBanner error={list.error ?? deleteError} />
      {(list.data ?? []).length === 0 ? (
        <p className="muted">{t("requests.none")}</p>
      ) : (
        <table className="table compact" data-table="requests">
          <thead>
            <tr>
              <th>{t("roster.employee")}</th>
              <th>{t("requests.date")}</th>
              <th>{t("requests.wish")}</th>
              <th>{t("requests.note")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(list.data ?? []).map((r) => (
              <tr key={r.id} data-request={r.id}>
                <td>{name(r.employee_id)}</td>
                <td>{formatDate(r.date)}</td>
                <td>{wishText(r)}</td>
                <td>{r.note}</td>
                <td>
                  {canEdit ? (
                    <button type="button" className="link" name={`request_delete_${r.id}`} onClick={() => void remove(r.id)}>{t("common.delete")}</button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit ? (
        <form className="inline-form" onSubmit={(e) => void add.submit(e)} noValidate data-form="request">
          <ErrorBanner error={add.error && Object.keys(errors).length === 0 ? add.error : null} />
          <select name="request_employee" value={form.employee} onChange={(e) => { setForm({ ...form, employee: e.target.value }); }} aria-label={t("roster.employee")}>
            {view.rows.map((r) => <option key={r.employee_id} value={r.employee_id}>{r.name}</option>)}
          </select>
          <Field label={t("requests.date")} name="request_date" value={form.date} onChange={(v) => { setForm({ ...form, date: v }); }} error={errors.date} placeholder="pp.kk.aaaa" />
          <select name="request_kind" value={form.wish} onChange={(e) => { setForm({ ...form, wish: e.target.value as Wish }); }} aria-label={t("requests.wish")}>
            <option value="off_day">{t("requests.offDay")}</option>
            <option value="off_shift">{t("requests.offShiftPick")}</option>
            <option value="on_shift">{t("requests.onPick")}</option>
          </select>
          {form.wish !== "off_day" ? (
            <select name="request_shift" value={form.shift} onChange={(e) => { setForm({ ...form, shift: e.target.value }); }} aria-label={t("shifts.shift")}>
              {view.shift_types.filter((s) => s.active).map((s) => <option key={s.id} value={s.id}>{s.code} · {s.name}</option>)}
            </select>
          ) : null}
          <Field label={t("requests.note")} name="request_note" value={form.note} onChange={(v) => { setForm({ ...form, note: v }); }} error={errors.note} />
          <button type="submit" className="primary" name="request_add" disabled={add.busy}>{t("requests.add")}</button>
        </form>
      ) : null}
      <div className="actions">
        <button type="button" name="requests_close" onClick={() => { onClose(changed); }}>{t("common.close")}</button>
      </div>
    </Dialog>
  );
}
