import { useState, type SyntheticEvent } from "react";
import type { Position, PositionInput } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Field } from "../../components/Field";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { formatDate } from "../../i18n/format";
import { ExportButton } from "../documents/ExportDialog";

function fte(milli: number): string {
  const v = milli / 1000;
  return Number.isInteger(v) ? String(v) : String(v).replace(".", ",");
}

function toInput(p: Position | null): PositionInput {
  return {
    id: p?.id ?? null,
    code: p?.code ?? "",
    title: p?.title ?? "",
    classification: p?.classification ?? "",
    fte: p ? fte(p.fte_milli) : "1",
    reports_to: p?.reports_to ?? null,
    approved_on: p?.approved_on ? formatDate(p.approved_on) : "",
    directive_no: p?.directive_no ?? "",
  };
}

/** The staffing table (§ 3.1): positions, their posts, line of report, approval and holders. */
export function PositionsTable({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const list = useLoad(() => api.positions(), []);
  const [form, setForm] = useState<PositionInput>(toInput(null));
  const [error, setError] = useState<ApiError | null>(null);
  const errors = fieldErrors(error);
  const set = (key: keyof PositionInput) => (value: string) => { setForm({ ...form, [key]: value }); };

  async function save(e: SyntheticEvent) {
    e.preventDefault();
    try {
      await api.position_save(form);
      setForm(toInput(null));
      setError(null);
      list.reload();
    } catch (err) {
      setError(toApiError(err));
    }
  }

  const rows = list.data ?? [];
  const posts = rows.reduce((n, p) => n + p.fte_milli, 0);
  const filled = rows.reduce((n, p) => n + p.holders.length, 0);
  return (
    <div data-section="positions">
      <div className="filters">
        <p className="muted">{t("positions.intro")}</p>
        <ExportButton summary={{ kind: "staffing" }} title={t("docs.kind.staffing")} />
      </div>
      <ErrorBanner error={list.error} />
      {rows.length === 0 ? (
        <div className="empty">{t("positions.empty")}</div>
      ) : (
        <div className="table-wrap">
          <table className="table" data-table="positions">
            <thead>
              <tr>
                <th>{t("positions.code")}</th>
                <th>{t("positions.title")}</th>
                <th>{t("positions.classification")}</th>
                <th className="num">{t("positions.fte")}</th>
                <th>{t("positions.reportsTo")}</th>
                <th>{t("positions.approved")}</th>
                <th>{t("positions.filled")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => {
                const vacant = Math.max(0, Math.round(p.fte_milli / 1000) - p.holders.length);
                return (
                  <tr key={p.id} data-position={p.code}>
                    <td className="nowrap">{p.code}</td>
                    <td>{p.title}</td>
                    <td>{p.classification}</td>
                    <td className="num">{fte(p.fte_milli)}</td>
                    <td>{p.reports_to_title ?? ""}</td>
                    <td className="nowrap">
                      {p.approved_on ? `${formatDate(p.approved_on)} nr ${p.directive_no}` : <span className="warn-text">{t("positions.notApproved")}</span>}
                    </td>
                    <td className="wrap">
                      {p.holders.join(", ")}
                      {vacant > 0 ? <span className="warn-text" data-vacant={vacant}> {t("positions.vacant", { n: vacant })}</span> : null}
                    </td>
                    <td>
                      {canEdit ? (
                        <button type="button" className="link" onClick={() => { setForm(toInput(p)); setError(null); }}>{t("common.edit")}</button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <td colSpan={8}>{t("positions.total", { fte: fte(posts), filled })}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {canEdit ? (
        <form className="grid-form position-form" onSubmit={(e) => void save(e)} noValidate data-form="position">
          <h3 className="span-2">{form.id === null ? t("positions.add") : t("positions.edit")}</h3>
          <Field label={t("positions.code")} name="position_code" value={form.code} onChange={set("code")} error={errors.code} />
          <Field label={t("positions.title")} name="position_title" value={form.title} onChange={set("title")} error={errors.title} />
          <Field label={t("positions.classification")} name="position_classification" value={form.classification} onChange={set("classification")} error={errors.classification} />
          <Field label={t("positions.fte")} name="position_fte" value={form.fte} onChange={set("fte")} error={errors.fte} />
          <div className={errors.reports_to ? "field has-error" : "field"}>
            <label htmlFor="position-reports-to">{t("positions.reportsTo")}</label>
            <select
              id="position-reports-to"
              name="position_reports_to"
              value={form.reports_to ?? ""}
              onChange={(e) => { setForm({ ...form, reports_to: e.target.value ? Number(e.target.value) : null }); }}
            >
              <option value="">{t("positions.none")}</option>
              {rows.map((p) => <option key={p.id} value={p.id}>{p.title} ({p.code})</option>)}
            </select>
            {errors.reports_to ? <div className="field-error" data-field-error="position_reports_to" role="alert">{errors.reports_to}</div> : null}
          </div>
          <Field label={t("positions.approved")} name="position_approved_on" value={form.approved_on} onChange={set("approved_on")} error={errors.approved_on} placeholder={t("staff.datePlaceholder")} />
          <Field label={t("positions.directive")} name="position_directive_no" value={form.directive_no} onChange={set("directive_no")} error={errors.directive_no} />
          <div className="actions span-2">
            {form.id !== null ? <button type="button" onClick={() => { setForm(toInput(null)); setError(null); }}>{t("common.cancel")}</button> : null}
            <button type="submit" className="primary" name="position_save">{t("common.save")}</button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
