import { useState } from "react";
import type { ReviewKind, ReviewLine } from "../../api/bindings";
import { api } from "../../api/client";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Field } from "../../components/Field";
import { Table, type Column } from "../../components/Table";
import { Tabs } from "../../components/Tabs";
import { useLoad } from "../../components/useLoad";
import { useSubmit } from "../../components/useSubmit";
import { useI18n } from "../../i18n";
import { formatDate } from "../../i18n/format";
import { currentYear, FormErrors } from "../contracts/shared";
import { fieldErrors } from "../../api/client";
import { ProposalsTab } from "./ProposalsTab";
import { ReviewDetail } from "./ReviewDetail";
import { TrainingTab } from "./TrainingTab";

type Tab = "interviews" | "training" | "proposals";

/** § 3.7.5, § 3.7.10, § 3.7.11: the year's development interviews and the probation interviews
 *  owed (confidential), training requests against the budget, personnel proposals. */
export function ReviewsPage({ canSee, canEdit, canEditStaff }: { canSee: boolean; canEdit: boolean; canEditStaff: boolean }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>(canSee ? "interviews" : "training");
  const [open, setOpen] = useState<number | null>(null);
  const tabs = [
    ...(canSee ? [{ id: "interviews" as const, name: "tab_interviews", label: t("reviews.tab.interviews") }] : []),
    { id: "training" as const, name: "tab_training", label: t("reviews.tab.training") },
    ...(canSee ? [{ id: "proposals" as const, name: "tab_proposals", label: t("reviews.tab.proposals") }] : []),
  ];
  if (open !== null) {
    return (
      <section className="page reviews-page" data-page="reviews">
        <ReviewDetail id={open} canEdit={canEdit} canEditStaff={canEditStaff} onBack={() => { setOpen(null); }} />
      </section>
    );
  }
  return (
    <section className="page reviews-page" data-page="reviews">
      <header className="page-header">
        <h1>{t("reviews.title")}</h1>
      </header>
      <Tabs tabs={tabs} value={tab} onChange={setTab} />
      {tab === "interviews" && canSee ? <Interviews canEdit={canEdit} onOpen={setOpen} /> : null}
      {tab === "training" ? <TrainingTab canEdit={canEditStaff} /> : null}
      {tab === "proposals" && canSee ? <ProposalsTab canEdit={canEdit} /> : null}
    </section>
  );
}

function Interviews({ canEdit, onOpen }: { canEdit: boolean; onOpen: (id: number) => void }) {
  const { t } = useI18n();
  const [year, setYear] = useState(currentYear());
  const list = useLoad(() => api.reviews_list(year), [year]);
  const [planning, setPlanning] = useState<{ line: ReviewLine; kind: ReviewKind } | null>(null);
  const columns: Column<ReviewLine>[] = [
    { key: "employee", label: t("reviews.employee"), render: (r) => r.employee, sort: (r) => r.employee },
    { key: "position", label: t("reviews.position"), render: (r) => r.position ?? "—", sort: (r) => r.position ?? "" },
    {
      key: "annual",
      label: t("reviews.annual", { year }),
      render: (r) =>
        r.annual ? (
          <button type="button" className="link" name="review_open" data-review={r.annual[0]} onClick={() => { if (r.annual) onOpen(r.annual[0]); }}>
            <span className={`badge review-${r.annual[1]}`} data-status={r.annual[1]}>{t(`reviews.status.${r.annual[1]}`)}</span>
          </button>
        ) : canEdit ? (
          <button type="button" name="review_plan" data-employee={r.employee_id} onClick={() => { setPlanning({ line: r, kind: "annual" }); }}>
            {t("reviews.plan")}
          </button>
        ) : (
          <span className="muted">{t("reviews.notPlanned")}</span>
        ),
      sort: (r) => (r.annual ? ["planned", "held", "summary_given", "commented", "signed"].indexOf(r.annual[1]) : -1),
    },
    { key: "date", label: t("reviews.date"), render: (r) => formatDate(r.held_on ?? r.planned_on), sort: (r) => r.held_on ?? r.planned_on ?? "", className: "nowrap" },
    { key: "goals", label: t("reviews.goalsRated"), render: (r) => (r.goals > 0 ? `${String(r.goals_rated)}/${String(r.goals)}` : "—"), className: "num" },
    {
      key: "probation",
      label: t("reviews.probation"),
      render: (r) => {
        const p = r.probation;
        if (!p) return null;
        const [id, status, end] = p;
        if (id !== null) {
          return (
            <button type="button" className="link" name="review_open" data-review={id} onClick={() => { onOpen(id); }}>
              {t("reviews.probationTo", { date: formatDate(end) })} · {status ? t(`reviews.status.${status}`) : ""}
            </button>
          );
        }
        return canEdit ? (
          <button type="button" name="review_plan_probation" data-employee={r.employee_id} onClick={() => { setPlanning({ line: r, kind: "probation" }); }}>
            {t("reviews.planProbation", { date: formatDate(end) })}
          </button>
        ) : (
          t("reviews.probationTo", { date: formatDate(end) })
        );
      },
    },
  ];
  return (
    <>
      <div className="toolbar">
        <label className="inline">
          {t("reviews.year")}{" "}
          <select name="review_year" value={year} onChange={(e) => { setYear(Number(e.target.value)); }}>
            {[currentYear() - 2, currentYear() - 1, currentYear(), currentYear() + 1].map((y) => (
              <option key={y} value={y}>{y}</option>
            ))}
          </select>
        </label>
        <span className="muted">{t("reviews.intro")}</span>
      </div>
      <ErrorBanner error={list.error} />
      {list.data ? (
        <Table
          name="reviews"
          rows={list.data}
          columns={columns}
          rowKey={(r) => r.employee_id}
          rowClass={(r) => `review-row-${String(r.employee_id)}`}
          onOpen={(r) => { if (r.annual) onOpen(r.annual[0]); }}
          empty={t("reviews.empty")}
          autoFocus
        />
      ) : null}
      {planning ? (
        <PlanDialog
          line={planning.line}
          kind={planning.kind}
          year={year}
          onClose={() => { setPlanning(null); }}
          onDone={(id) => { setPlanning(null); list.reload(); onOpen(id); }}
        />
      ) : null}
    </>
  );
}

function PlanDialog({ line, kind, year, onClose, onDone }: { line: ReviewLine; kind: ReviewKind; year: number; onClose: () => void; onDone: (id: number) => void }) {
  const { t } = useI18n();
  const [on, setOn] = useState("");
  const [months, setMonths] = useState("");
  const { error, busy, submit } = useSubmit(
    () => api.review_plan({ employee_id: line.employee_id, kind, year, planned_on: on, probation_months: months }),
    (r) => { onDone(r.id); },
  );
  const errs = fieldErrors(error);
  return (
    <Dialog title={t(kind === "annual" ? "reviews.planTitle" : "reviews.planProbationTitle", { name: line.employee, year })} onClose={onClose} name="review_plan">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <FormErrors error={error} shown={["planned_on", "probation_months"]} />
        <Field label={t("reviews.plannedOn")} name="planned_on" value={on} onChange={setOn} error={errs.planned_on} hint={t("reviews.plannedOnHint")} />
        {kind === "probation" ? (
          <Field label={t("reviews.probationMonths")} name="probation_months" value={months} onChange={setMonths} error={errs.probation_months} hint={t("reviews.probationMonthsHint")} />
        ) : (
          <p className="muted">{t("reviews.carryHint")}</p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" name="review_plan_save" disabled={busy}>{t("reviews.plan")}</button>
          <button type="button" onClick={onClose}>{t("common.cancel")}</button>
        </div>
      </form>
    </Dialog>
  );
}
