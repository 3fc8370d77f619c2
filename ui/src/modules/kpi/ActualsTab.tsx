import { useRef, useState, type SyntheticEvent } from "react";
import type { KpiYear, MonthFigure } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Field, focusFirstError } from "../../components/Field";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { errorInputs, FormErrors } from "../contracts/shared";
import { monthTitle } from "../roster/month";
import { countsText, kpiName, kpiValue, localFieldError, parseWhole, shortMonths, sourceLabel, YearBar } from "./shared";

interface Props {
  year: number;
  setYear: (y: number) => void;
  canEdit: boolean;
}

/** The monthly actuals of a year, indicators × months, each with where it comes from; a cell
 *  takes a figure entered by hand, which overrides the computed one. */
export function ActualsTab({ year, setYear, canEdit }: Props) {
  const { t, lang } = useI18n();
  const dash = useLoad(() => api.kpi_dashboard(year), [year]);
  const [open, setOpen] = useState<{ indicator: KpiYear; figure: MonthFigure } | null>(null);
  const names = shortMonths(t);
  const d = dash.data?.year === year ? dash.data : null;

  return (
    <div data-section="kpi_actuals">
      <YearBar year={year} onChange={setYear} />
      <p className="note">{t(canEdit ? "kpi.actualsIntro" : "kpi.actualsIntroReadOnly")}</p>
      <ErrorBanner error={dash.error} />
      {!d ? (
        dash.error ? null : <p className="muted">{t("app.loading")}</p>
      ) : d.indicators.length === 0 ? (
        <div className="empty" data-empty="kpi_actuals">{t(canEdit ? "kpi.noIndicators" : "kpi.noIndicatorsReadOnly")}</div>
      ) : (
        <div className="table-wrap">
          <table className="table compact kpi-actuals" data-table="kpi_actuals">
            <thead>
              <tr>
                <th>{t("kpi.indicator")}</th>
                {names.map((n) => <th key={n} className="num">{n}</th>)}
                <th className="num">{t("kpi.ytdShort")}</th>
              </tr>
            </thead>
            <tbody>
              {d.indicators.map((k) => (
                <tr key={k.kpi.code} data-kpi={k.kpi.code}>
                  <th scope="row" className="kpi-actuals-name">
                    <span className="kpi-code">{k.kpi.code}</span> <span className="clip" title={kpiName(k.kpi, lang)}>{kpiName(k.kpi, lang)}</span>
                  </th>
                  {k.months.map((m) => (
                    <td key={m.month} className={`num kpi-cell src-${m.source}`} data-month={m.month} data-source={m.source}>
                      {canEdit ? (
                        <button
                          type="button"
                          className="kpi-cell-button"
                          name="actual_cell"
                          data-kpi={k.kpi.code}
                          data-month={m.month}
                          title={m.source_note || sourceLabel(t, m.source)}
                          onClick={() => { setOpen({ indicator: k, figure: m }); }}
                        >
                          <CellText figure={m} unit={k.kpi.unit} />
                        </button>
                      ) : (
                        <span title={m.source_note || sourceLabel(t, m.source)}>
                          <CellText figure={m} unit={k.kpi.unit} />
                        </span>
                      )}
                    </td>
                  ))}
                  <td className="num" data-cell="ytd">
                    <strong>{kpiValue(k.actual, k.kpi.unit, 1)}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted keys">{t("kpi.actualsLegend")}</p>
      {open ? (
        <ActualDialog
          indicator={open.indicator}
          figure={open.figure}
          onClose={() => { setOpen(null); }}
          onDone={() => {
            setOpen(null);
            dash.reload();
          }}
        />
      ) : null}
    </div>
  );
}

function CellText({ figure, unit }: { figure: MonthFigure; unit: string }) {
  const { t } = useI18n();
  return (
    <>
      <span className="kpi-cell-value">{kpiValue(figure.value, unit, 1)}</span>
      <span className="kpi-cell-source">{figure.source === "none" ? "" : t(`kpi.sourceShort.${figure.source}`)}</span>
    </>
  );
}

const INPUTS: Record<string, string> = { numerator: "actual_numerator", denominator: "actual_denominator", note: "actual_note" };

/** A month's figure entered by hand (counts, not a percentage), or the hand-entered one removed. */
function ActualDialog({ indicator, figure, onClose, onDone }: { indicator: KpiYear; figure: MonthFigure; onClose: () => void; onDone: () => void }) {
  const { t, lang } = useI18n();
  const { kpi } = indicator;
  const manual = figure.source === "manual";
  const [numerator, setNumerator] = useState(manual ? String(figure.numerator) : "");
  const [denominator, setDenominator] = useState(manual ? String(figure.denominator) : "");
  const [note, setNote] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmClear, setConfirmClear] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(error);

  function refuse(err: ApiError) {
    setError(err);
    focusFirstError(formRef.current, errorInputs(err, INPUTS, Object.values(INPUTS)));
  }

  async function save(e: SyntheticEvent) {
    e.preventDefault();
    if (busy) return;
    const num = parseWhole(numerator);
    const den = parseWhole(denominator);
    if (num === null) {
      refuse(localFieldError("numerator", t("kpi.wholeNumber")));
      return;
    }
    if (den === null) {
      refuse(localFieldError("denominator", t("kpi.wholeNumber")));
      return;
    }
    setBusy(true);
    try {
      await api.kpi_actual_set({ kpi_code: kpi.code, month: figure.month, numerator: num, denominator: den, note });
      onDone();
    } catch (err) {
      refuse(toApiError(err));
    } finally {
      setBusy(false);
    }
  }

  async function clear() {
    if (busy) return;
    setBusy(true);
    try {
      await api.kpi_actual_clear(kpi.code, figure.month);
      onDone();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }

  const title = `${kpi.code} ${kpiName(kpi, lang)} · ${monthTitle(figure.month, t("roster.months"))}`;
  return (
    <Dialog title={title} onClose={onClose} name="kpi_actual">
      <p className="dialog-summary" data-source={figure.source}>
        {t("kpi.currentFigure")}: <strong>{kpiValue(figure.value, kpi.unit, 2)}</strong> ({countsText(figure)}) · {sourceLabel(t, figure.source)}
        {figure.source_note ? <span className="muted"> · {figure.source_note}</span> : null}
        {figure.computed ? (
          <span className="muted"> · {t("kpi.manualOverrides", { n: figure.computed[0], d: figure.computed[1] })}</span>
        ) : null}
      </p>
      <FormErrors error={error} shown={Object.keys(INPUTS)} />
      <form ref={formRef} onSubmit={(e) => void save(e)} noValidate className="grid-form" data-form="kpi_actual">
        <Field label={t("kpi.numeratorCount")} name="actual_numerator" value={numerator} onChange={setNumerator} error={errors.numerator} inputMode="numeric" autoFocus />
        <Field label={t("kpi.denominatorCount")} name="actual_denominator" value={denominator} onChange={setDenominator} error={errors.denominator} inputMode="numeric" />
        <div className="span-2">
          <Field label={t("kpi.note")} name="actual_note" value={note} onChange={setNote} error={errors.note} placeholder={t("kpi.noteHint")} />
        </div>
        <p className="note span-2">{t("kpi.manualHint")}</p>
        {confirmClear ? (
          <div className="refusal span-2" data-confirm="actual_clear">
            <p>{t("kpi.clearConfirm")}</p>
            <button type="button" onClick={() => { setConfirmClear(false); }}>{t("common.cancel")}</button>
            <button type="button" className="danger" name="actual_clear_confirm" disabled={busy} onClick={() => void clear()}>
              {t("kpi.clearManual")}
            </button>
          </div>
        ) : null}
        <div className="actions span-2">
          {manual && !confirmClear ? (
            <button type="button" className="danger-link" name="actual_clear" disabled={busy} onClick={() => { setConfirmClear(true); }}>
              {t("kpi.clearManual")}
            </button>
          ) : null}
          <span className="spacer" />
          <button type="button" onClick={onClose}>{t("common.cancel")}</button>
          <button type="submit" className="primary" name="actual_save" disabled={busy}>{t("common.save")}</button>
        </div>
      </form>
    </Dialog>
  );
}
