import { useState } from "react";
import type { KpiDashboard, KpiYear } from "../../api/bindings";
import { api } from "../../api/client";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { formatCount, formatDateTime } from "../../i18n/format";
import { ExportButton } from "../documents/ExportDialog";
import { DrillDialog } from "./DrillDialog";
import { countsText, kpiName, kpiParts, kpiValue, shortMonths, sourceLabel, StatusMark, YearBar } from "./shared";
import { TrendChart } from "./TrendChart";

interface Props {
  year: number;
  setYear: (y: number) => void;
  canEdit: boolean;
  onGo: (tab: "targets" | "import") => void;
}

/** The year of every indicator: target, year to date, the months as a chart and a table; a
 *  month's figure opens the records behind it. */
export function Dashboard({ year, setYear, canEdit, onGo }: Props) {
  const { t } = useI18n();
  const dash = useLoad(() => api.kpi_dashboard(year), [year]);
  const [drill, setDrill] = useState<{ code: string; month: string } | null>(null);
  const d = dash.data?.year === year ? dash.data : null;
  const drilled = drill ? d?.indicators.find((k) => k.kpi.code === drill.code) : undefined;

  return (
    <div data-section="kpi_dashboard">
      <YearBar year={year} onChange={setYear}>
        <span className="spacer" />
        <ExportButton summary={{ kind: "kpi", year }} title={`${t("docs.kind.kpi")} ${String(year)}`} />
      </YearBar>
      <ErrorBanner error={dash.error} />
      {!d ? (
        dash.error ? null : <p className="muted">{t("app.loading")}</p>
      ) : (
        <>
          <Sources dash={d} />
          {d.indicators.length === 0 ? (
            <div className="empty" data-empty="kpi_indicators">{t(canEdit ? "kpi.noIndicators" : "kpi.noIndicatorsReadOnly")}</div>
          ) : isEmpty(d) ? (
            <div className="empty" data-empty="kpi_dashboard">
              <p>{t("kpi.emptyYear", { year })}</p>
              {canEdit ? (
                <p className="kpi-next-steps">
                  <button type="button" className="link" name="kpi_go_targets" onClick={() => { onGo("targets"); }}>{t("kpi.goTargets")}</button>
                  <button type="button" className="link" name="kpi_go_import" onClick={() => { onGo("import"); }}>{t("kpi.goImport")}</button>
                </p>
              ) : null}
            </div>
          ) : null}
          <div className="kpi-cards">
            {d.indicators.map((k) => (
              <KpiCard key={k.kpi.code} indicator={k} onOpen={(month) => { setDrill({ code: k.kpi.code, month }); }} />
            ))}
          </div>
        </>
      )}
      {drill && drilled ? <DrillDialog indicator={drilled} month={drill.month} onClose={() => { setDrill(null); }} /> : null}
    </div>
  );
}

/** Nothing to show yet: no target and no figure for any indicator. */
function isEmpty(d: KpiDashboard): boolean {
  return d.indicators.every((k) => k.target === null && k.months.every((m) => m.source === "none"));
}

/** What the computed figures rest on: the imported records and the last import. */
function Sources({ dash }: { dash: KpiDashboard }) {
  const { t } = useI18n();
  const last = dash.last_import;
  return (
    <p className="muted kpi-sources" data-tickets={dash.tickets} data-calls={dash.calls}>
      {t("kpi.sources", { tickets: formatCount(dash.tickets), calls: formatCount(dash.calls) })}
      {last ? ` · ${t("kpi.lastImport", { at: formatDateTime(last.imported_at), file: last.file_name, by: last.imported_by })}` : ""}
    </p>
  );
}

function KpiCard({ indicator, onOpen }: { indicator: KpiYear; onOpen: (month: string) => void }) {
  const { t, lang } = useI18n();
  const { kpi } = indicator;
  const parts = kpiParts(kpi, lang);
  const names = shortMonths(t);
  return (
    <section className="kpi-card" data-kpi={kpi.code} data-status={indicator.status}>
      <header className="card-head">
        <h3>
          <span className="kpi-code">{kpi.code}</span> {kpiName(kpi, lang)}
        </h3>
        <StatusMark status={indicator.status} />
      </header>
      <div className="kpi-card-body">
        <TrendChart
          code={kpi.code}
          unit={kpi.unit}
          higherIsBetter={kpi.higher_is_better}
          months={indicator.months}
          target={indicator.target}
          onOpen={onOpen}
        />
        <dl className="kpi-facts">
          <dt>{t("kpi.target")}</dt>
          <dd data-field="target">{indicator.target === null ? t("kpi.noTarget") : kpiValue(indicator.target, kpi.unit)}</dd>
          <dt>{t("kpi.ytd")}</dt>
          <dd data-field="actual">
            <strong>{kpiValue(indicator.actual, kpi.unit, 1)}</strong>
            {indicator.denominator > 0 ? <span className="muted"> ({formatCount(indicator.numerator)} / {formatCount(indicator.denominator)})</span> : null}
          </dd>
          <dt>{t("kpi.direction")}</dt>
          <dd>{t(kpi.higher_is_better ? "kpi.higherBetter" : "kpi.lowerBetter")}</dd>
        </dl>
      </div>
      <div className="table-wrap kpi-months">
        <table className="table compact" data-table="kpi_months" data-kpi={kpi.code}>
          <thead>
            <tr>
              <th scope="row">{t("kpi.month")}</th>
              {names.map((n) => <th key={n} className="num">{n}</th>)}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t("kpi.value")}</th>
              {indicator.months.map((m) => (
                <td key={m.month} className="num">
                  {m.source === "none" ? (
                    <span className="muted" data-month={m.month}>—</span>
                  ) : (
                    <button
                      type="button"
                      className="link kpi-figure"
                      name="kpi_figure"
                      data-kpi={kpi.code}
                      data-month={m.month}
                      data-source={m.source}
                      title={t("kpi.openDrill")}
                      onClick={() => { onOpen(m.month); }}
                    >
                      {kpiValue(m.value, kpi.unit, 1)}
                    </button>
                  )}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">{t("kpi.counts")}</th>
              {indicator.months.map((m) => <td key={m.month} className="num small" data-counts={m.month}>{countsText(m)}</td>)}
            </tr>
            <tr>
              <th scope="row">{t("kpi.source")}</th>
              {indicator.months.map((m) => (
                <td key={m.month} className="small" title={m.source_note || sourceLabel(t, m.source)} data-source-of={m.month}>
                  {m.source === "none" ? "—" : t(`kpi.sourceShort.${m.source}`)}
                  {m.source === "manual" && m.computed ? <span aria-hidden="true"> *</span> : null}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      {indicator.months.some((m) => m.source === "manual" && m.computed) ? <p className="muted small kpi-manual-note">* {t("kpi.manualMark")}</p> : null}
      <details className="kpi-definition">
        <summary>{t("kpi.definition")}</summary>
        <dl>
          <dt>{t("kpi.numerator")}</dt>
          <dd>{parts.numerator || "—"}</dd>
          <dt>{t("kpi.denominator")}</dt>
          <dd>{parts.denominator || "—"}</dd>
          {indicator.definition ? (
            <>
              <dt>{t("kpi.howComputed")}</dt>
              <dd className="kpi-definition-text">{indicator.definition}</dd>
            </>
          ) : null}
        </dl>
      </details>
    </section>
  );
}
