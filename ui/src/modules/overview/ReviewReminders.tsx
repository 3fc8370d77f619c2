import type { Reminder } from "../../api/bindings";
import { api } from "../../api/client";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { formatDate } from "../../i18n/format";

/** ATS § 30 and § 24(7) on the dashboard: development interviews not held this year, probation
 *  interviews due, summaries waiting for the employee's comments — as the core finds them. */
export function ReviewReminders({ onOpen }: { onOpen: () => void }) {
  const { t } = useI18n();
  const reminders = useLoad(() => api.review_reminders(), []);
  const list = reminders.data ?? [];
  const text = (r: Reminder): string => {
    switch (r.kind) {
      case "annual_not_held":
        return t("overview.reviewsNotHeld", { n: r.employees.length, year: r.year, names: r.employees.map((e) => e[1]).join(", ") });
      case "probation_due":
        return r.days < 0
          ? t("overview.probationOverdue", { name: r.employee, date: formatDate(r.due) })
          : t("overview.probationDue", { name: r.employee, date: formatDate(r.due), days: r.days });
      case "awaiting_comments":
        return t("overview.awaitingComments", { name: r.employee, date: formatDate(r.given_on) });
    }
  };
  return (
    <section className="overview-block" data-section="overview_reviews">
      <h3>
        {t("overview.reviews")} <span className="muted">({list.length})</span>
      </h3>
      <ErrorBanner error={reminders.error} />
      {list.length > 0 ? (
        <ul className="warning-list">
          {list.map((r, i) => (
            <li key={i} data-reminder={r.kind}>
              <button type="button" className="warning-open" name="overview_reviews" title={t("overview.openReviews")} onClick={onOpen}>
                <span className="sev" aria-hidden="true">{r.kind === "awaiting_comments" ? "✉" : "○"}</span>
                <span className="section">{r.kind === "probation_due" ? "ATS § 24" : "ATS § 30"}</span>
                <span className="msg">{text(r)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : reminders.data ? (
        <p className="muted">{t("overview.noReviewReminders")}</p>
      ) : null}
    </section>
  );
}
