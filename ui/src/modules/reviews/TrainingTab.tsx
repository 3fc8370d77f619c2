import { useState } from "react";
import type { Training, TrainingStatus } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Field } from "../../components/Field";
import { Table, type Column } from "../../components/Table";
import { useLoad } from "../../components/useLoad";
import { useSubmit } from "../../components/useSubmit";
import { useI18n } from "../../i18n";
import { formatDate, formatMoney } from "../../i18n/format";
import { FormErrors, SelectField, lineLabel } from "../contracts/shared";

/** § 3.7.10: training requests — requested, approved (the cost then counts against its budget
 *  line, which must have it free), rejected, done. */
export function TrainingTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const list = useLoad(() => api.trainings(), []);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function decide(x: Training, status: TrainingStatus) {
    try {
      await api.training_decide({ id: x.id, status, on: "", note: "" });
      setError(null);
      list.reload();
    } catch (e) {
      setError(toApiError(e));
    }
  }

  const columns: Column<Training>[] = [
    { key: "starts", label: t("training.dates"), render: (x) => `${formatDate(x.starts_on)}–${formatDate(x.ends_on)}`, sort: (x) => x.starts_on, className: "nowrap" },
    { key: "employee", label: t("reviews.employee"), render: (x) => x.employee, sort: (x) => x.employee },
    { key: "course", label: t("training.course"), render: (x) => (x.review_id !== null ? `${x.course} · ${t("training.fromNeed")}` : x.course), sort: (x) => x.course },
    { key: "provider", label: t("training.provider"), render: (x) => x.provider },
    { key: "cost", label: t("training.cost"), render: (x) => formatMoney(x.cost_cents), sort: (x) => x.cost_cents, className: "num" },
    { key: "line", label: t("training.line"), render: (x) => x.budget_line ?? "—" },
    { key: "status", label: t("reviews.statusCol"), render: (x) => <span data-training-status={x.status}>{t(`training.status.${x.status}`)}</span>, sort: (x) => x.status },
    {
      key: "actions",
      label: "",
      render: (x) =>
        canEdit ? (
          <span className="row-actions" data-training={x.id}>
            {x.status === "requested" ? (
              <>
                <button type="button" name="training_approve" onClick={() => void decide(x, "approved")}>{t("training.approve")}</button>{" "}
                <button type="button" name="training_reject" onClick={() => void decide(x, "rejected")}>{t("training.reject")}</button>
              </>
            ) : null}
            {x.status === "approved" ? <button type="button" name="training_done" onClick={() => void decide(x, "done")}>{t("training.done")}</button> : null}
          </span>
        ) : null,
    },
  ];
  return (
    <>
      <div className="toolbar">
        {canEdit ? <button type="button" name="training_new" onClick={() => { setAdding(true); }}>{t("training.new")}</button> : null}
        <span className="muted">{t("training.intro")}</span>
      </div>
      <ErrorBanner error={list.error ?? error} />
      {list.data ? <Table name="trainings" rows={list.data} columns={columns} rowKey={(x) => x.id} empty={t("training.empty")} /> : null}
      {adding ? <TrainingDialog employeeId={null} reviewId={null} needId={null} course="" onClose={() => { setAdding(false); }} onDone={() => { setAdding(false); list.reload(); }} /> : null}
    </>
  );
}

/** A new training request: for an employee, or from an interview's training need. */
export function TrainingDialog({
  employeeId,
  reviewId,
  needId,
  course: initialCourse,
  onClose,
  onDone,
}: {
  employeeId: number | null;
  reviewId: number | null;
  needId: number | null;
  course: string;
  onClose: () => void;
  onDone: (x: Training) => void;
}) {
  const { t } = useI18n();
  const staff = useLoad(() => api.staff_list({ include_inactive: false, search: null }), []);
  const lines = useLoad(() => api.budget_lines(null), []);
  const [employee, setEmployee] = useState(employeeId !== null ? String(employeeId) : "");
  const [course, setCourse] = useState(initialCourse);
  const [provider, setProvider] = useState("");
  const [starts, setStarts] = useState("");
  const [ends, setEnds] = useState("");
  const [cost, setCost] = useState("");
  const [line, setLine] = useState("");
  const chosenEmployee = employee || String(staff.data?.[0]?.id ?? "");
  const { error, busy, submit } = useSubmit(
    () =>
      api.training_save({
        id: 0,
        employee_id: Number(chosenEmployee),
        review_id: reviewId,
        need_id: needId,
        course,
        provider,
        starts_on: starts,
        ends_on: ends,
        cost,
        budget_line_id: line ? Number(line) : null,
        note: "",
      }),
    onDone,
  );
  const errs = fieldErrors(error);
  return (
    <Dialog title={t("training.new")} onClose={onClose} name="training">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <FormErrors error={error} shown={["employee_id", "course", "provider", "starts_on", "ends_on", "cost", "budget_line_id"]} />
        {employeeId === null ? (
          <SelectField label={t("reviews.employee")} name="employee_id" value={chosenEmployee} onChange={setEmployee} error={errs.employee_id}>
            {(staff.data ?? []).map((e) => (
              <option key={e.id} value={e.id}>{e.first_name} {e.last_name}</option>
            ))}
          </SelectField>
        ) : null}
        <Field label={t("training.course")} name="course" value={course} onChange={setCourse} error={errs.course} />
        <Field label={t("training.provider")} name="provider" value={provider} onChange={setProvider} error={errs.provider} />
        <div className="grid-form">
          <Field label={t("training.starts")} name="starts_on" value={starts} onChange={setStarts} error={errs.starts_on} placeholder="pp.kk.aaaa" />
          <Field label={t("training.ends")} name="ends_on" value={ends} onChange={setEnds} error={errs.ends_on} placeholder="pp.kk.aaaa" />
          <Field label={t("training.cost")} name="cost" value={cost} onChange={setCost} error={errs.cost} />
        </div>
        <SelectField label={t("training.line")} name="budget_line_id" value={line} onChange={setLine} error={errs.budget_line_id} hint={t("training.lineHint")}>
          <option value="">{t("training.noLine")}</option>
          {(lines.data ?? []).map((l) => (
            <option key={l.id} value={l.id}>{lineLabel(l)}</option>
          ))}
        </SelectField>
        <div className="form-actions">
          <button type="submit" className="primary" name="training_save" disabled={busy}>{t("training.save")}</button>
          <button type="button" onClick={onClose}>{t("common.cancel")}</button>
        </div>
      </form>
    </Dialog>
  );
}
