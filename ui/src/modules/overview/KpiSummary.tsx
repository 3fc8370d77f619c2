import type { KpiDashboard } from "../../api/bindings";
import { ErrorBanner } from "../../components/ErrorBanner";
import type { Loaded } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { kpiName, kpiValue, StatusMark } from "../kpi/shared";

/** The indicators off track this year, each a thing to look at today. */
export function KpiAttention({ dashboard, onOpen }: { dashboard: KpiDashboard; onOpen: () => void }) {
  const { t, lang } = useI18n();
  const off = dashboard.indicators.filter((k) => k.status === "off_track");
  return (
    <section className="overview-block" data-section="overview_kpi_attention" data-count={off.length}>
      <h3>
        {t("overview.kpiAttention")} <span className="muted">({off.length})</span>
      </h3>
      {off.length === 0 ? (
        <p className="muted">{t("overview.kpiNoneOff")}</p>
      ) : (
        <ul className="warning-list">
          {off.map((k) => (
            <li key={k.kpi.code} data-warning="kpi_off_track" data-kpi={k.kpi.code}>
              <button type="button" className="warning-open" name="overview_kpi_off" title={t("overview.openKpi")} onClick={onOpen}>
                <span className="sev" aria-hidden="true">⚠</span>
                <span className="section">§ {k.kpi.code}</span>
                <span className="msg">
                  {t("overview.kpiOff", {
                    name: kpiName(k.kpi, lang),
                    actual: kpiValue(k.actual, k.kpi.unit, 1),
                    target: kpiValue(k.target, k.kpi.unit),
                  })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** MÕÕDIKUD 2026 (eesmärk / tegelik): each indicator's target and year to date, ▲ on / ▼ off track. */
export function KpiSummary({ loaded, year, onOpen }: { loaded: Loaded<KpiDashboard>; year: number; onOpen: () => void }) {
  const { t, lang } = useI18n();
  // A user without the right to see the indicators is not shown an empty block.
  if (loaded.error?.code === "forbidden") return null;
  const d = loaded.data;
  return (
    <section className="overview-block kpi-summary" data-section="overview_kpi">
      <h3>{t("overview.kpi", { year })}</h3>
      <ErrorBanner error={loaded.error} />
      {!d ? (
        loaded.error ? null : <p className="muted">{t("app.loading")}</p>
      ) : d.indicators.length === 0 ? (
        <p className="muted">{t("overview.kpiEmpty")}</p>
      ) : (
        <table className="kpi-summary-table">
          <tbody>
            {d.indicators.map((k) => (
              <tr key={k.kpi.code} data-kpi={k.kpi.code} data-status={k.status}>
                <td className="kpi-code">{k.kpi.code}</td>
                <td className="kpi-summary-name">{kpiName(k.kpi, lang)}</td>
                <td className="num" data-field="target_actual">
                  {k.target === null ? t("overview.kpiNoTarget") : kpiValue(k.target, k.kpi.unit)} / {kpiValue(k.actual, k.kpi.unit, 1)}
                </td>
                <td>
                  <StatusMark status={k.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" className="link" name="overview_kpi" onClick={onOpen}>{t("overview.openKpi")}</button>
    </section>
  );
}
