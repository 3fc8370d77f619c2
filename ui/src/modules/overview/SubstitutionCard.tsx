import type { Substitution } from "../../api/bindings";
import { useI18n } from "../../i18n";
import { formatPeriod } from "../../i18n/format";

/** § 3.6: who substitutes for the head now, and the next planned absence. */
export function SubstitutionCard({ substitution }: { substitution: Substitution }) {
  const { t } = useI18n();
  const { current, next } = substitution;
  return (
    <section className="overview-block substitution-card" data-section="overview_substitution">
      <h3>{t("overview.substitution")}</h3>
      <ul className="overview-list">
        {current ? (
          <li data-substitution="current">
            {t("overview.subNow", { name: current.substitute_name, period: formatPeriod(current.starts_on, current.ends_on) })}
            {current.reason ? <span className="muted"> · {current.reason}</span> : null}
          </li>
        ) : (
          <li data-substitution="none">{t("overview.headPresent")}</li>
        )}
        {next ? (
          <li data-substitution="next">
            {t("overview.subNext", { name: next.substitute_name, period: formatPeriod(next.starts_on, next.ends_on) })}
            {next.reason ? <span className="muted"> · {next.reason}</span> : null}
          </li>
        ) : (
          <li className="muted" data-substitution="no_next">{t("overview.subNoNext")}</li>
        )}
      </ul>
    </section>
  );
}
