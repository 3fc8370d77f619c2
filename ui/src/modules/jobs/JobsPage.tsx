import { useState } from "react";
import type { JobSummary } from "../../api/bindings";
import { api } from "../../api/client";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Table, type Column } from "../../components/Table";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { formatDate } from "../../i18n/format";
import { JobDetail } from "./JobDetail";

/** § 3.4–3.5: every position's job description — the version in force, the open one, who has
 *  not acknowledged it — and the checks of the whole; a position opens its description. */
export function JobsPage({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const list = useLoad(() => api.jobs_list(), []);
  const checks = useLoad(() => api.job_checks(), []);
  const [open, setOpen] = useState<number | null>(null);

  if (open !== null) {
    return (
      <section className="page jobs-page" data-page="jobs">
        <JobDetail
          positionId={open}
          canEdit={canEdit}
          onBack={() => {
            setOpen(null);
            list.reload();
            checks.reload();
          }}
        />
      </section>
    );
  }

  const columns: Column<JobSummary>[] = [
    {
      key: "code",
      label: t("jobs.position"),
      render: (j) => (
        <button type="button" className="link" name="job_open" data-code={j.position.code} onClick={() => { setOpen(j.position.id); }}>
          {j.position.code}
        </button>
      ),
      sort: (j) => j.position.code,
      className: "nowrap",
    },
    { key: "title", label: "", render: (j) => j.position.title, sort: (j) => j.position.title },
    { key: "holders", label: t("jobs.holders"), render: (j) => j.holders.join(", ") || t("jobs.none") },
    {
      key: "in_force",
      label: t("jobs.inForce"),
      render: (j) =>
        j.in_force ? (
          t("jobs.versionFrom", { n: j.in_force[0], date: formatDate(j.in_force[1]) })
        ) : (
          <span className="warn-text">{t("jobs.noneInForce")}</span>
        ),
      sort: (j) => j.in_force?.[1] ?? "",
      className: "nowrap",
    },
    {
      key: "open",
      label: t("jobs.open"),
      render: (j) =>
        j.open ? (
          <span data-open-status={j.open[1]}>
            {t("jobs.versionN", { n: j.open[0] })} {t(`jobs.state.${j.open[1]}`)}
            {j.open_consent ? (
              <span className="badge warn" data-consent="true" title={t("jobs.needsConsent")}>
                {" "}
                ⚠ {t("jobs.consentShort")}
              </span>
            ) : null}
          </span>
        ) : null,
    },
    {
      key: "ack",
      label: t("jobs.unacknowledged"),
      render: (j) => (j.unacknowledged.length > 0 ? j.unacknowledged.join(", ") : null),
      sort: (j) => j.unacknowledged.length,
    },
  ];

  return (
    <section className="page jobs-page" data-page="jobs">
      <header className="page-header">
        <h1>{t("jobs.title")}</h1>
      </header>
      <p className="note">{t("jobs.intro")}</p>
      <ErrorBanner error={list.error ?? checks.error} />
      {list.data ? (
        <Table
          name="jobs"
          rowClass={(j) => `job-${j.position.code}`}
          rows={list.data}
          columns={columns}
          rowKey={(j) => j.position.id}
          onOpen={(j) => { setOpen(j.position.id); }}
          empty={t("jobs.empty")}
          autoFocus
        />
      ) : null}
      <h2>{t("jobs.checks")}</h2>
      {checks.data && checks.data.length === 0 ? <p className="note">{t("jobs.checksNone")}</p> : null}
      {checks.data && checks.data.length > 0 ? (
        <div className="findings" data-section="job_checks"><ul>
          {checks.data.map((i, k) => (
            <li key={k} data-issue={i.kind} data-position={i.position.code}>
              <button type="button" className="link" onClick={() => { setOpen(i.position.id); }}>
                {i.position.code} {i.position.title}
              </button>
              <span className="msg">{i.message}</span>
            </li>
          ))}
        </ul></div>
      ) : null}
    </section>
  );
}
