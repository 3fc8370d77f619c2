import { useRef, useState, type SyntheticEvent } from "react";
import type { BudgetLineInput, BudgetLineStatus } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Field, focusFirstError } from "../../components/Field";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { formatMoney } from "../../i18n/format";
import { currentYear, errorInputs, FormErrors, moneyInput, percentFromPermille } from "./shared";
import { ExportButton } from "../documents/ExportDialog";

const INPUTS: Record<string, string> = { code: "line_code", name: "line_name", approved: "line_approved" };

function toInput(year: number, l: BudgetLineStatus | null): BudgetLineInput {
  return { id: l?.id ?? null, year, code: l?.code ?? "", name: l?.name ?? "", approved: l ? moneyInput(l.approved_cents) : "" };
}

/** Free money is a warning when it runs out: shown in the warning colour and said in words. */
function Free({ cents }: { cents: number }) {
  const { t } = useI18n();
  if (cents >= 0) return <>{formatMoney(cents)}</>;
  return (
    <span className="warn-text" data-over>
      {formatMoney(cents)} {t("budget.over")}
    </span>
  );
}

/** The budget lines of a year: approved, committed by contracts, invoiced, free. */
export function BudgetTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const [year, setYear] = useState(currentYear());
  const status = useLoad(() => api.budget_status(year), [year]);
  const allLines = useLoad(() => api.budget_lines(null), []);
  const [form, setForm] = useState<BudgetLineInput>(() => toInput(year, null));
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(error);
  const set = (key: "code" | "name" | "approved") => (v: string) => { setForm({ ...form, [key]: v }); };

  const now = currentYear();
  const years = [...new Set([...(allLines.data ?? []).map((l) => l.year), now, now + 1])].sort((a, b) => b - a);

  function chooseYear(y: number) {
    setYear(y);
    setForm(toInput(y, null));
    setError(null);
  }

  async function save(e: SyntheticEvent) {
    e.preventDefault();
    setSaving(true);
    try {
      await api.budget_line_save({ ...form, year });
      setForm(toInput(year, null));
      setError(null);
      status.reload();
      allLines.reload();
    } catch (err) {
      const apiErr = toApiError(err);
      setError(apiErr);
      focusFirstError(formRef.current, errorInputs(apiErr, INPUTS, Object.values(INPUTS)));
    } finally {
      setSaving(false);
    }
  }

  const s = status.data;
  return (
    <div data-section="budget">
      <div className="filters">
        <div className="field">
          <label htmlFor="budget-year">{t("budget.year")}</label>
          <select id="budget-year" name="budget_year" value={year} onChange={(e) => { chooseYear(Number(e.target.value)); }}>
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </div>
        <ExportButton summary={{ kind: "budget", year }} title={`${t("docs.kind.budget")} ${String(year)}`} />
        {s ? (
          <p className="muted budget-note" data-includes-vat={s.includes_vat ? "yes" : "no"}>
            {s.includes_vat ? t("budget.includesVat") : t("budget.excludesVat")}
          </p>
        ) : null}
      </div>
      <ErrorBanner error={status.error} />
      {!s ? (
        status.error ? null : <p className="muted">{t("app.loading")}</p>
      ) : s.lines.length === 0 ? (
        <div className="empty" data-empty="budget">{canEdit ? t("budget.empty", { year }) : t("budget.emptyReadOnly", { year })}</div>
      ) : (
        <div className="table-wrap">
          <table className="table" data-table="budget">
            <thead>
              <tr>
                <th>{t("budget.code")}</th>
                <th>{t("budget.name")}</th>
                <th className="num money">{t("budget.approved")}</th>
                <th className="num money">{t("budget.committed")}</th>
                <th className="num money">{t("budget.invoiced")}</th>
                <th className="num money">{t("budget.free")}</th>
                <th>{t("budget.used")}</th>
                <th className="num money">{t("budget.contracts")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {s.lines.map((l) => (
                <tr key={l.id} data-line={l.code} className={l.free_cents < 0 ? "over" : undefined}>
                  <td className="nowrap">{l.code}</td>
                  <td>{l.name}</td>
                  <td className="num money" data-cell="approved">{formatMoney(l.approved_cents)}</td>
                  <td className="num money" data-cell="committed">
                    {formatMoney(l.committed_cents)}
                    {l.training_cents > 0 ? (
                      <div className="muted small" data-cell="training">{t("budget.ofTraining", { amount: formatMoney(l.training_cents) })}</div>
                    ) : null}
                  </td>
                  <td className="num money" data-cell="invoiced">{formatMoney(l.invoiced_cents)}</td>
                  <td className="num money" data-cell="free"><Free cents={l.free_cents} /></td>
                  <td className="num" data-cell="used" data-permille={l.used_permille}>
                    <span className={l.high ? "warn-text" : undefined} data-high={l.high ? "" : undefined}>
                      {l.high ? "⚠ " : ""}
                      {percentFromPermille(l.used_permille)}
                    </span>
                    <span className="bar" aria-hidden="true">
                      <span className={l.high ? "fill over" : "fill"} style={{ width: `${String(Math.min(100, Math.max(0, l.used_permille / 10)))}%` }} />
                    </span>
                  </td>
                  <td className="num money">{l.contracts}</td>
                  <td>
                    {canEdit ? (
                      <button type="button" className="link" name="line_edit" onClick={() => { setForm(toInput(year, l)); setError(null); }}>
                        {t("common.edit")}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="totals" data-row="total">
                <td colSpan={2}>{t("budget.total")}</td>
                <td className="num money" data-cell="total_approved">{formatMoney(s.approved_cents)}</td>
                <td className="num money" data-cell="total_committed">{formatMoney(s.committed_cents)}</td>
                <td className="num money" data-cell="total_invoiced">{formatMoney(s.invoiced_cents)}</td>
                <td className="num money" data-cell="total_free"><Free cents={s.free_cents} /></td>
                <td colSpan={3} />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {canEdit ? (
        <form ref={formRef} className="grid-form side-form" onSubmit={(e) => void save(e)} noValidate data-form="budget_line">
          <h3 className="span-2">{form.id === null ? t("budget.add", { year }) : t("budget.edit", { code: form.code })}</h3>
          <div className="span-2">
            <FormErrors error={error} shown={Object.keys(INPUTS)} />
          </div>
          <Field label={t("budget.code")} name="line_code" value={form.code} onChange={set("code")} error={errors.code} />
          <Field label={t("budget.name")} name="line_name" value={form.name} onChange={set("name")} error={errors.name} />
          <Field label={t("budget.approvedAmount")} name="line_approved" value={form.approved} onChange={set("approved")} error={errors.approved} inputMode="decimal" placeholder="0,00" />
          <div className="actions span-2">
            {form.id !== null ? <button type="button" onClick={() => { setForm(toInput(year, null)); setError(null); }}>{t("common.cancel")}</button> : null}
            <button type="submit" className="primary" name="line_save" disabled={saving}>{t("common.save")}</button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
