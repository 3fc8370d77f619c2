import { useState, type ChangeEvent, type SyntheticEvent } from "react";
import type { AuditEntry, Contract, ContractStatus, SignerCapacity } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { Field } from "../../components/Field";
import { Table, type Column } from "../../components/Table";
import { hasKey, useI18n, type MessageKey, type Translate } from "../../i18n";
import { formatDate, formatDateTime, formatMoney, today } from "../../i18n/format";
import { capacityLabel, fileSize, FormErrors, percentFromBp, STATUSES, statusLabel } from "./shared";

interface TabProps {
  contract: Contract;
  canEdit: boolean;
  onChange: (c: Contract) => void;
}

/** Runs a change of the contract; keeps the core's error for the form that made it. */
function useChange(onChange: (c: Contract) => void) {
  const [error, setError] = useState<ApiError | null>(null);
  async function run(action: () => Promise<Contract>): Promise<boolean> {
    try {
      onChange(await action());
      setError(null);
      return true;
    } catch (err) {
      setError(toApiError(err));
      return false;
    }
  }
  return { error, run };
}

/** Due dates and hand-overs of the contract's deliverables; accepting one. */
export function Deliverables({ contract, canEdit, onChange }: TabProps) {
  const { t } = useI18n();
  const add = useChange(onChange);
  const accept = useChange(onChange);
  const [title, setTitle] = useState("");
  const [due, setDue] = useState("");
  const errors = fieldErrors(add.error);
  const id = contract.row.id;

  async function submit(e: SyntheticEvent) {
    e.preventDefault();
    if (await add.run(() => api.deliverable_add({ contract_id: id, title, due_date: due }))) {
      setTitle("");
      setDue("");
    }
  }

  return (
    <div data-section="deliverables">
      <FormErrors error={accept.error} shown={[]} />
      {contract.deliverables.length === 0 ? (
        <div className="empty">{canEdit ? t("deliverables.empty") : t("deliverables.emptyReadOnly")}</div>
      ) : (
        <div className="table-wrap">
          <table className="table" data-table="deliverables">
            <thead>
              <tr>
                <th>{t("deliverables.title")}</th>
                <th>{t("deliverables.due")}</th>
                <th>{t("deliverables.accepted")}</th>
              </tr>
            </thead>
            <tbody>
              {contract.deliverables.map((d) => (
                <tr key={d.id} data-deliverable={d.id} data-accepted={d.accepted_on ? "yes" : "no"}>
                  <td>{d.title}</td>
                  <td className="num">
                    {formatDate(d.due_date)}
                    {d.overdue ? <span className="warn-text" data-overdue> ⚠ {t("deliverables.overdue")}</span> : null}
                  </td>
                  <td>
                    {d.accepted_on ? (
                      t("deliverables.acceptedBy", { date: formatDate(d.accepted_on), by: d.accepted_by })
                    ) : canEdit ? (
                      <button
                        type="button"
                        name="deliverable_accept"
                        onClick={() => void accept.run(() => api.deliverable_accept({ deliverable_id: d.id, date: today(), accepted_by: "" }))}
                      >
                        {t("deliverables.accept")}
                      </button>
                    ) : (
                      <span className="muted">{t("deliverables.notAccepted")}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit ? (
        <form className="inline-form tab-form" onSubmit={(e) => void submit(e)} noValidate data-form="deliverable">
          <FormErrors error={add.error} shown={["deliverable_title", "due_date"]} />
          <Field label={t("deliverables.title")} name="deliverable_title" value={title} onChange={setTitle} error={errors.deliverable_title} size={36} />
          <Field label={t("deliverables.due")} name="deliverable_due" value={due} onChange={setDue} error={errors.due_date} placeholder={t("staff.datePlaceholder")} size={10} />
          <button type="submit" name="deliverable_add">{t("deliverables.add")}</button>
        </form>
      ) : null}
    </div>
  );
}

const INVOICE_FIELDS = ["invoice_number", "date", "amount", "vat", "paid_on"];

/** The invoices under the contract, their payment, and a new invoice. */
export function Invoices({ contract, canEdit, onChange }: TabProps) {
  const { t } = useI18n();
  const add = useChange(onChange);
  const pay = useChange(onChange);
  const empty = { number: "", date: today(), amount: "", vat: "", paid_on: "" };
  const [form, setForm] = useState(empty);
  const errors = fieldErrors(add.error);
  const set = (key: keyof typeof form) => (v: string) => { setForm({ ...form, [key]: v }); };
  const list = contract.invoices;
  const sum = (f: (i: (typeof list)[number]) => number) => list.reduce((n, i) => n + f(i), 0);

  async function submit(e: SyntheticEvent) {
    e.preventDefault();
    if (await add.run(() => api.invoice_add({ contract_id: contract.row.id, ...form }))) setForm(empty);
  }

  return (
    <div data-section="invoices">
      <FormErrors error={pay.error} shown={[]} />
      {list.length === 0 ? (
        <div className="empty">{canEdit ? t("invoices.empty") : t("invoices.emptyReadOnly")}</div>
      ) : (
        <div className="table-wrap">
          <table className="table" data-table="invoices">
            <thead>
              <tr>
                <th>{t("invoices.number")}</th>
                <th>{t("invoices.date")}</th>
                <th className="num money">{t("invoices.amount")}</th>
                <th className="num money">{t("invoices.vat")}</th>
                <th className="num money">{t("invoices.total")}</th>
                <th>{t("invoices.line")}</th>
                <th>{t("invoices.paidOn")}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((i) => (
                <tr key={i.id} data-invoice={i.number} data-paid={i.paid_on ? "yes" : "no"}>
                  <td className="nowrap">{i.number}</td>
                  <td className="num">{formatDate(i.date)}</td>
                  <td className="num money">{formatMoney(i.amount_cents)}</td>
                  <td className="num money">{formatMoney(i.vat_cents)}</td>
                  <td className="num money">{formatMoney(i.total_cents)}</td>
                  <td className="nowrap">{i.budget_line_code}</td>
                  <td className="num">
                    {i.paid_on ? (
                      formatDate(i.paid_on)
                    ) : canEdit ? (
                      <button type="button" name="invoice_pay" onClick={() => void pay.run(() => api.invoice_paid(i.id, today()))}>
                        {t("invoices.pay")}
                      </button>
                    ) : (
                      <span className="muted">{t("invoices.unpaid")}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="totals" data-row="total">
                <td colSpan={2}>{t("invoices.totalRow", { n: list.length })}</td>
                <td className="num money" data-cell="total_amount">{formatMoney(sum((i) => i.amount_cents))}</td>
                <td className="num money" data-cell="total_vat">{formatMoney(sum((i) => i.vat_cents))}</td>
                <td className="num money" data-cell="total_total">{formatMoney(sum((i) => i.total_cents))}</td>
                <td colSpan={2} />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {canEdit ? (
        <form className="inline-form tab-form" onSubmit={(e) => void submit(e)} noValidate data-form="invoice">
          <FormErrors error={add.error} shown={INVOICE_FIELDS} />
          <Field label={t("invoices.number")} name="invoice_number" value={form.number} onChange={set("number")} error={errors.invoice_number} size={12} />
          <Field label={t("invoices.date")} name="invoice_date" value={form.date} onChange={set("date")} error={errors.date} placeholder={t("staff.datePlaceholder")} size={10} />
          <Field label={t("invoices.amount")} name="invoice_amount" value={form.amount} onChange={set("amount")} error={errors.amount} inputMode="decimal" size={12} />
          <Field label={t("invoices.vat")} name="invoice_vat" value={form.vat} onChange={set("vat")} error={errors.vat} hint={t("invoices.vatHint")} inputMode="decimal" size={10} />
          <Field label={t("invoices.paidOn")} name="invoice_paid_on" value={form.paid_on} onChange={set("paid_on")} error={errors.paid_on} hint={t("invoices.paidHint")} placeholder={t("staff.datePlaceholder")} size={10} />
          <button type="submit" name="invoice_add">{t("invoices.add")}</button>
        </form>
      ) : null}
    </div>
  );
}

/** The amendments, each with what it changed and who signed it. */
export function Amendments({ contract }: { contract: Contract }) {
  const { t } = useI18n();
  if (contract.amendments.length === 0) return <div className="empty">{t("amendments.empty")}</div>;
  return (
    <ol className="amendments" data-section="amendments">
      {contract.amendments.map((a) => (
        <li key={a.id} data-amendment={a.seq}>
          <div>
            <strong>{t("amendments.item", { seq: a.seq, date: formatDate(a.date) })}</strong> · {a.reason}
          </div>
          <div className="num">
            {t("amendments.value")}: {formatMoney(a.value_before_cents)} → {formatMoney(a.value_after_cents)}
            {" · "}
            {t("amendments.end")}: {formatDate(a.end_before)} → {formatDate(a.end_after)}
            {a.start_before !== a.start_after ? ` · ${t("amendments.start")}: ${formatDate(a.start_before)} → ${formatDate(a.start_after)}` : ""}
          </div>
          {a.subject_before !== a.subject_after ? (
            <div className="muted">
              {t("amendments.subject")}: {a.subject_after}
            </div>
          ) : null}
          <div className="muted">
            {t("amendments.signer", { name: a.signer_name, capacity: capacityLabel(t, a.signer_capacity) })}
            {a.signed_ref ? ` · ${t("contracts.reference", { ref: a.signed_ref })}` : ""}
          </div>
        </li>
      ))}
    </ol>
  );
}

/** The contract's files, each with its SHA-256 fingerprint; a picked file is added at once. */
export function Documents({ contract, canEdit, onChange }: TabProps) {
  const { t } = useI18n();
  const upload = useChange(onChange);
  const [busy, setBusy] = useState(false);

  async function pick(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    setBusy(true);
    try {
      await upload.run(async () => {
        const buf = await file.arrayBuffer();
        return api.document_add({ contract_id: contract.row.id, name: file.name, content: Array.from(new Uint8Array(buf)) });
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-section="documents">
      <FormErrors error={upload.error} shown={[]} />
      {contract.documents.length === 0 ? (
        <div className="empty">{canEdit ? t("documents.empty") : t("documents.emptyReadOnly")}</div>
      ) : (
        <div className="table-wrap">
          <table className="table" data-table="documents">
            <thead>
              <tr>
                <th>{t("documents.name")}</th>
                <th className="num money">{t("documents.size")}</th>
                <th>SHA-256</th>
                <th>{t("documents.added")}</th>
              </tr>
            </thead>
            <tbody>
              {contract.documents.map((d) => (
                <tr key={d.id} data-document={d.name}>
                  <td>{d.name}</td>
                  <td className="num money">{fileSize(d.size)}</td>
                  <td>
                    <code title={d.sha256} data-sha256={d.sha256}>{d.sha256.slice(0, 12)}…</code>
                  </td>
                  <td className="nowrap">{t("documents.addedBy", { at: formatDateTime(d.added_at), by: d.added_by })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit ? (
        <div className="tab-form">
          <label className="button-like">
            {busy ? t("documents.uploading") : t("documents.add")}
            <input type="file" name="document_file" className="visually-hidden" disabled={busy} onChange={(e) => void pick(e)} />
          </label>
        </div>
      ) : null}
    </div>
  );
}

/** Labels of the recorded fields worth showing; others stay in the record for machines. */
const FIELD_LABELS: Record<string, MessageKey> = {
  number: "history.f.number",
  title: "history.f.title",
  kind: "history.f.kind",
  supplier_name: "history.f.supplier",
  budget_line_code: "history.f.line",
  value_cents: "history.f.value",
  vat_rate_bp: "history.f.vatRate",
  start_date: "history.f.start",
  end_date: "history.f.end",
  subject: "history.f.subject",
  status: "history.f.status",
  state: "history.f.status",
  signed_on: "history.f.signedOn",
  signer_name: "history.f.signer",
  signer_capacity: "history.f.capacity",
  reference: "history.f.reference",
  signed_ref: "history.f.reference",
  terminated_on: "history.f.terminatedOn",
  reason: "history.f.reason",
  due_date: "history.f.due",
  accepted_on: "history.f.acceptedOn",
  accepted_by: "history.f.acceptedBy",
  date: "history.f.date",
  amount_cents: "history.f.amount",
  vat_cents: "history.f.vat",
  paid_on: "history.f.paidOn",
  name: "history.f.file",
  size: "history.f.size",
  value_before_cents: "history.f.valueBefore",
  value_after_cents: "history.f.valueAfter",
  end_before: "history.f.endBefore",
  end_after: "history.f.endAfter",
};

/** A record's fields, with the contract row nested in it lifted to the top. */
function flat(v: unknown): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return {};
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (typeof x === "object" && x !== null && !Array.isArray(x)) Object.assign(out, x);
    else out[k] = x;
  }
  return out;
}

function show(t: Translate, key: string, v: unknown): string {
  if (v === null || v === undefined || v === "") return "∅";
  if (typeof v === "number") {
    if (key.endsWith("_cents")) return formatMoney(v);
    if (key === "vat_rate_bp") return percentFromBp(v);
    if (key === "size") return fileSize(v);
    return String(v);
  }
  if (typeof v === "string") {
    if ((key === "status" || key === "state") && (STATUSES as string[]).includes(v)) return statusLabel(t, v as ContractStatus);
    if (key === "signer_capacity" && ["head", "acting_head", "director"].includes(v)) return capacityLabel(t, v as SignerCapacity);
    if (key === "kind" && (v === "goods" || v === "services")) return t(`contracts.kind.${v}`);
    return /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : v;
  }
  if (typeof v === "boolean") return v ? t("common.yes") : t("common.no");
  return JSON.stringify(v);
}

function changes(t: Translate, entry: AuditEntry): string {
  const after = flat(entry.after);
  const before = flat(entry.before);
  const keys = Object.keys(after).filter((k) => k in FIELD_LABELS);
  const label = (k: string) => {
    const key = FIELD_LABELS[k];
    return key ? t(key) : k;
  };
  if (entry.before === null || entry.before === undefined) {
    return keys
      .filter((k) => after[k] !== null && after[k] !== "")
      .map((k) => `${label(k)}: ${show(t, k, after[k])}`)
      .join("; ");
  }
  return keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => (k in before ? `${label(k)}: ${show(t, k, before[k])} → ${show(t, k, after[k])}` : `${label(k)}: ${show(t, k, after[k])}`))
    .join("; ");
}

/** The audit trail of the contract: who did what and when. */
export function History({ contract }: { contract: Contract }) {
  const { t } = useI18n();
  const action = (a: string) => {
    const key = `audit.action.${a}`;
    return hasKey(key) ? t(key) : a;
  };
  const columns: Column<AuditEntry>[] = [
    { key: "at", label: t("audit.at"), render: (a) => formatDateTime(a.at), sort: (a) => a.at, className: "nowrap" },
    { key: "user", label: t("audit.user"), render: (a) => a.user_name, sort: (a) => a.user_name, className: "nowrap" },
    { key: "acting", label: t("audit.actingAs"), render: (a) => (a.acting_as ? t(`role.${a.acting_as}`) : "") },
    { key: "action", label: t("audit.action"), render: (a) => action(a.action), sort: (a) => a.action },
    { key: "changes", label: t("audit.changes"), render: (a) => changes(t, a), className: "wrap" },
  ];
  return (
    <div data-section="history">
      <Table name="history" rows={contract.history} columns={columns} rowKey={(a) => a.id} empty={t("audit.empty")} />
    </div>
  );
}
