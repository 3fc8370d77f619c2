import type { RosterView } from "../../api/bindings";
import { api } from "../../api/client";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { today } from "../../i18n/format";
import { WarningList } from "../contracts/ContractRegister";
import { currentYear } from "../contracts/shared";
import { KpiAttention, KpiSummary } from "./KpiSummary";
import { currentMonth, monthTitle, shiftMonth } from "../roster/month";
import { ReviewReminders } from "./ReviewReminders";
import { SubstitutionCard } from "./SubstitutionCard";

interface Props {
  /** Interviews are confidential: reminded only to whom may see them. */
  canSeeReviews: boolean;
  onOpenReviews: () => void;
  onOpenRoster: () => void;
  onOpenContract: (id: number) => void;
  onOpenBudget: () => void;
  onOpenKpi: () => void;
}

/** What needs the head today: the roster's problems this month, next month unpublished, the
 *  contracts' and budget's warnings and the indicators off track — each as the core found it,
 *  with a way to it; then the year's indicators against their targets. */
export function OverviewPage({ canSeeReviews, onOpenReviews, onOpenRoster, onOpenContract, onOpenBudget, onOpenKpi }: Props) {
  const { t } = useI18n();
  const month = currentMonth();
  const next = shiftMonth(month, 1);
  const roster = useLoad(() => Promise.all([api.roster(month), api.roster(next)]), [month]);
  const warnings = useLoad(() => api.contract_warnings(), []);
  const substitution = useLoad(() => api.substitution(), []);
  const year = currentYear();
  const kpi = useLoad(() => api.kpi_dashboard(year), [year]);
  const contractWarnings = (warnings.data ?? []).filter((w) => w.kind !== "budget_high");
  const budgetWarnings = (warnings.data ?? []).filter((w) => w.kind === "budget_high");

  return (
    <section className="page" data-page="overview">
      <header className="page-header">
        <h1>{t("overview.title")}</h1>
        <span className="muted">{today()}</span>
      </header>
      <ErrorBanner error={roster.error ?? warnings.error ?? substitution.error} />
      <h2 className="overview-heading">{t("overview.attention")}</h2>
      {roster.data ? (
        <RosterSummary views={roster.data} onOpen={onOpenRoster} />
      ) : null}
      <section className="overview-block" data-section="overview_contracts">
        <h3>
          {t("overview.contracts")} <span className="muted">({contractWarnings.length})</span>
        </h3>
        {contractWarnings.length > 0 ? (
          <WarningList warnings={contractWarnings} onOpen={onOpenContract} />
        ) : (
          <p className="muted">{t("overview.noContractWarnings")}</p>
        )}
      </section>
      <section className="overview-block" data-section="overview_budget">
        <h3>
          {t("overview.budget")} <span className="muted">({budgetWarnings.length})</span>
        </h3>
        {budgetWarnings.length > 0 ? (
          <>
            <WarningList warnings={budgetWarnings} />
            <button type="button" className="link" name="overview_budget" onClick={onOpenBudget}>{t("overview.openBudget")}</button>
          </>
        ) : (
          <p className="muted">{t("overview.noBudgetWarnings")}</p>
        )}
      </section>
      {kpi.data ? <KpiAttention dashboard={kpi.data} onOpen={onOpenKpi} /> : null}
      {canSeeReviews ? <ReviewReminders onOpen={onOpenReviews} /> : null}
      <KpiSummary loaded={kpi} year={year} onOpen={onOpenKpi} />
      {substitution.data ? <SubstitutionCard substitution={substitution.data} /> : null}
    </section>
  );
}

function RosterSummary({ views, onOpen }: { views: [RosterView, RosterView]; onOpen: () => void }) {
  const { t } = useI18n();
  const [now, next] = views;
  const gaps = now.findings.filter((f) => f.rule === "coverage_gap");
  const law = now.findings.filter((f) => f.rule !== "coverage_gap" && f.severity === "error");
  const title = monthTitle(now.month, t("roster.months"));
  return (
    <section className="overview-block" data-section="overview_roster">
      <h3>{t("overview.roster", { month: title })}</h3>
      <ul className="overview-list">
        <li data-overview="gaps" className={gaps.length > 0 ? "warn-text" : undefined}>
          {gaps.length > 0 ? "⚠ " : "✔ "}
          {t("overview.gaps", { n: gaps.length })}
        </li>
        <li data-overview="law" className={law.length > 0 ? "warn-text" : undefined}>
          {law.length > 0 ? "⚠ " : "✔ "}
          {t("overview.law", { n: law.length })}
        </li>
        {[...gaps, ...law].slice(0, 5).map((f, i) => (
          <li key={i} className="muted small">{f.message}</li>
        ))}
        {!next.published ? (
          <li data-overview="unpublished">○ {t("overview.unpublished", { month: monthTitle(next.month, t("roster.months")) })}</li>
        ) : null}
      </ul>
      <button type="button" className="link" name="overview_roster" onClick={onOpen}>{t("overview.openRoster")}</button>
    </section>
  );
}
