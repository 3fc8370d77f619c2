import { useState } from "react";
import type { Decision, Proposal, ProposalKind } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Field } from "../../components/Field";
import { Table, type Column } from "../../components/Table";
import { useLoad } from "../../components/useLoad";
import { useSubmit } from "../../components/useSubmit";
import { useI18n } from "../../i18n";
import { formatDate, formatMoney } from "../../i18n/format";
import { FormErrors, SelectField, TextAreaField } from "../contracts/shared";

const KINDS: ProposalKind[] = ["hire", "release", "promotion", "pay_change", "allowance", "reward"];

/** § 3.7.11: proposals on hiring, release, promotion, pay, allowances and rewards — drafted,
 *  submitted to management, decided. */
export function ProposalsTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const list = useLoad(() => api.proposals(), []);
  const [adding, setAdding] = useState(false);
  const [deciding, setDeciding] = useState<Proposal | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function submitOne(p: Proposal) {
    try {
      await api.proposal_submit(p.id, "");
      setError(null);
      list.reload();
    } catch (e) {
      setError(toApiError(e));
    }
  }

  const columns: Column<Proposal>[] = [
    { key: "kind", label: t("proposals.kind"), render: (p) => t(`proposals.kind.${p.kind}`), sort: (p) => p.kind },
    { key: "whom", label: t("proposals.whom"), render: (p) => p.employee ?? p.position ?? "—", sort: (p) => p.employee ?? p.position ?? "" },
    { key: "amount", label: t("proposals.amount"), render: (p) => (p.amount_cents !== null ? formatMoney(p.amount_cents) : "—"), className: "num" },
    { key: "why", label: t("proposals.justification"), render: (p) => p.justification },
    {
      key: "status",
      label: t("reviews.statusCol"),
      render: (p) => (
        <span data-proposal-status={p.status}>
          {t(`proposals.status.${p.status}`)}
          {p.submitted_on && p.status === "submitted" ? ` ${formatDate(p.submitted_on)}` : null}
          {p.decision ? ` · ${t(`proposals.decision.${p.decision}`)} ${formatDate(p.decided_on)}` : null}
        </span>
      ),
      sort: (p) => p.status,
    },
    {
      key: "actions",
      label: "",
      render: (p) =>
        canEdit ? (
          <span className="row-actions" data-proposal={p.id}>
            {p.status === "draft" ? <button type="button" name="proposal_submit" onClick={() => void submitOne(p)}>{t("proposals.submit")}</button> : null}
            {p.status === "submitted" ? <button type="button" name="proposal_decide" onClick={() => { setDeciding(p); }}>{t("proposals.recordDecision")}</button> : null}
          </span>
        ) : null,
    },
  ];
  return (
    <>
      <div className="toolbar">
        {canEdit ? <button type="button" name="proposal_new" onClick={() => { setAdding(true); }}>{t("proposals.new")}</button> : null}
        <span className="muted">{t("proposals.intro")}</span>
      </div>
      <ErrorBanner error={list.error ?? error} />
      {list.data ? <Table name="proposals" rows={list.data} columns={columns} rowKey={(p) => p.id} empty={t("proposals.empty")} /> : null}
      {adding ? <ProposalDialog onClose={() => { setAdding(false); }} onDone={() => { setAdding(false); list.reload(); }} /> : null}
      {deciding ? <DecisionDialog proposal={deciding} onClose={() => { setDeciding(null); }} onDone={() => { setDeciding(null); list.reload(); }} /> : null}
    </>
  );
}

function ProposalDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const staff = useLoad(() => api.staff_list({ include_inactive: false, search: null }), []);
  const positions = useLoad(() => api.positions(), []);
  const [kind, setKind] = useState<ProposalKind>("reward");
  const [employee, setEmployee] = useState("");
  const [position, setPosition] = useState("");
  const [why, setWhy] = useState("");
  const [amount, setAmount] = useState("");
  const chosenEmployee = employee || String(staff.data?.[0]?.id ?? "");
  const chosenPosition = position || String(positions.data?.[0]?.id ?? "");
  const hire = kind === "hire";
  const { error, busy, submit } = useSubmit(
    () =>
      api.proposal_save({
        id: 0,
        kind,
        employee_id: hire ? null : Number(chosenEmployee),
        position_id: hire || (kind === "promotion" && position) ? Number(chosenPosition) : null,
        justification: why,
        amount,
      }),
    onDone,
  );
  const errs = fieldErrors(error);
  return (
    <Dialog title={t("proposals.new")} onClose={onClose} name="proposal">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <FormErrors error={error} shown={["employee_id", "position_id", "justification", "proposal_amount"]} />
        <SelectField label={t("proposals.kind")} name="proposal_kind" value={kind} onChange={(v) => { setKind(v as ProposalKind); }}>
          {KINDS.map((k) => (
            <option key={k} value={k}>{t(`proposals.kind.${k}`)}</option>
          ))}
        </SelectField>
        {hire ? null : (
          <SelectField label={t("reviews.employee")} name="employee_id" value={chosenEmployee} onChange={setEmployee} error={errs.employee_id}>
            {(staff.data ?? []).map((e) => (
              <option key={e.id} value={e.id}>{e.first_name} {e.last_name}</option>
            ))}
          </SelectField>
        )}
        {hire || kind === "promotion" ? (
          <SelectField label={t(hire ? "proposals.vacancy" : "proposals.newPosition")} name="position_id" value={hire ? chosenPosition : position} onChange={setPosition} error={errs.position_id}>
            {hire ? null : <option value="">—</option>}
            {(positions.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>{p.code} {p.title}</option>
            ))}
          </SelectField>
        ) : null}
        <TextAreaField label={t("proposals.justification")} name="justification" value={why} onChange={setWhy} error={errs.justification} rows={4} />
        <Field label={t("proposals.amount")} name="proposal_amount" value={amount} onChange={setAmount} error={errs.proposal_amount} hint={t("proposals.amountHint")} />
        <div className="form-actions">
          <button type="submit" className="primary" name="proposal_save" disabled={busy}>{t("proposals.save")}</button>
          <button type="button" onClick={onClose}>{t("common.cancel")}</button>
        </div>
      </form>
    </Dialog>
  );
}

function DecisionDialog({ proposal, onClose, onDone }: { proposal: Proposal; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [decision, setDecision] = useState<Decision>("approved");
  const [on, setOn] = useState("");
  const [note, setNote] = useState("");
  const { error, busy, submit } = useSubmit(() => api.proposal_decide({ id: proposal.id, decision, on, note }), onDone);
  const errs = fieldErrors(error);
  return (
    <Dialog title={t("proposals.recordDecision")} onClose={onClose} name="proposal_decision">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <FormErrors error={error} shown={["on", "note"]} />
        <SelectField label={t("proposals.decision")} name="decision" value={decision} onChange={(v) => { setDecision(v as Decision); }}>
          {(["approved", "partly", "rejected"] as const).map((d) => (
            <option key={d} value={d}>{t(`proposals.decision.${d}`)}</option>
          ))}
        </SelectField>
        <Field label={t("proposals.decidedOn")} name="on" value={on} onChange={setOn} error={errs.on} hint={t("reviews.todayHint")} />
        <TextAreaField label={t("proposals.note")} name="note" value={note} onChange={setNote} rows={3} />
        <div className="form-actions">
          <button type="submit" className="primary" name="proposal_decision_save" disabled={busy}>{t("common.save")}</button>
          <button type="button" onClick={onClose}>{t("common.cancel")}</button>
        </div>
      </form>
    </Dialog>
  );
}
