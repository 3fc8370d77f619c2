import { useEffect, useState } from "react";
import type { Contract } from "../../api/bindings";
import { api } from "../../api/client";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { formatDate, formatMoney } from "../../i18n/format";
import { AmendDialog, SignDialog, TerminateDialog } from "./ContractActions";
import { ContractDialog } from "./ContractDialog";
import { WarningList } from "./ContractRegister";
import { Amendments, Deliverables, Documents, History, Invoices } from "./CardTabs";
import { AuthorityLine, capacityLabel, percentFromBp, statusLabel } from "./shared";
import { ExportButton } from "../documents/ExportDialog";

type CardTab = "deliverables" | "invoices" | "amendments" | "documents" | "history";
type Open = "edit" | "sign" | "amend" | "terminate" | null;

interface Props {
  id: number;
  canEdit: boolean;
  canSign: boolean;
  /** From the contract settings: whether budget costs include VAT (null while loading). */
  budgetIncludesVat: boolean | null;
  onBack: () => void;
}

/** One contract: its terms, the § 3.8.2 decision, the signature, and what happened under it. */
export function ContractCard({ id, canEdit, canSign, budgetIncludesVat, onBack }: Props) {
  const { t } = useI18n();
  const loaded = useLoad(() => api.contract(id), [id]);
  const [changed, setChanged] = useState<Contract | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const [tab, setTab] = useState<CardTab>("deliverables");
  const c = changed ?? loaded.data;

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key !== "Escape" || open !== null) return;
      const target = e.target as HTMLElement;
      if (["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)) {
        target.blur();
        return;
      }
      e.preventDefault();
      onBack();
    }
    window.addEventListener("keydown", onKey);
    return () => { window.removeEventListener("keydown", onKey); };
  }, [open, onBack]);

  function done(next: Contract) {
    setChanged(next);
    setOpen(null);
  }

  const back = (
    <button type="button" name="contract_back" onClick={onBack} title="Esc" autoFocus>
      ← {t("contracts.back")}
    </button>
  );

  if (!c) {
    return (
      <div className="contract-card">
        <div className="card-bar">{back}</div>
        <ErrorBanner error={loaded.error} />
        {loaded.error ? null : <p className="muted">{t("app.loading")}</p>}
      </div>
    );
  }

  const r = c.row;
  const draft = r.status === "draft";
  const live = !draft && r.status !== "terminated";
  const tabs: { id: CardTab; label: string; n?: number }[] = [
    { id: "deliverables", label: t("contracts.tabDeliverables"), n: c.deliverables.length },
    { id: "invoices", label: t("contracts.tabInvoices"), n: c.invoices.length },
    { id: "amendments", label: t("contracts.tabAmendments"), n: c.amendments.length },
    { id: "documents", label: t("contracts.tabDocuments"), n: c.documents.length },
    { id: "history", label: t("contracts.tabHistory") },
  ];

  return (
    <div className="contract-card" data-section="contract_card" data-contract={r.number} data-status={r.status}>
      <div className="card-bar">
        {back}
        <span className="spacer" />
        {draft && canEdit ? (
          <button type="button" name="contract_edit" onClick={() => { setOpen("edit"); }}>{t("common.edit")}</button>
        ) : null}
        {draft && canSign ? (
          <button type="button" className="primary" name="contract_sign" onClick={() => { setOpen("sign"); }}>{t("contracts.sign")}</button>
        ) : null}
        {live && canSign ? (
          <>
            <button type="button" name="contract_amend" onClick={() => { setOpen("amend"); }}>{t("contracts.amend")}</button>
            <button type="button" className="danger-link" name="contract_terminate" onClick={() => { setOpen("terminate"); }}>{t("contracts.terminate")}</button>
          </>
        ) : null}
      </div>
      <header className="card-head">
        <h2>
          {t("contracts.cardTitle", { number: r.number })} · {r.title} · {r.supplier_name}{" "}
          <span className="muted">({t("contracts.regCode", { code: r.supplier_reg_code })})</span>
        </h2>
        <span className={`status status-${r.status}`} data-field="status" data-status={r.status}>{statusLabel(t, r.status)}</span>
        <ExportButton summary={{ kind: "contract", id: r.id }} title={t("contracts.cardTitle", { number: r.number })} />
      </header>
      <div className="card-facts">
        <div className="money-line">
          {t("contracts.cost")} <strong data-field="value">{formatMoney(r.value_cents)}</strong> + {t("contracts.vatShort")}{" "}
          <span data-field="vat_rate" data-vat={r.vat_cents} title={`${t("contracts.vatShort")} ${formatMoney(r.vat_cents)}`}>{percentFromBp(r.vat_rate_bp)}</span> = <strong data-field="gross">{formatMoney(r.gross_cents)}</strong>
          {r.original_value_cents !== r.value_cents ? (
            <span className="muted"> · {t("contracts.originalValue", { value: formatMoney(r.original_value_cents) })}</span>
          ) : null}
        </div>
        <div>
          {t("contracts.invoiced")} <span data-field="invoiced">{formatMoney(r.invoiced_cents)}</span> · {t("contracts.remaining")}{" "}
          <span data-field="remaining" className={r.remaining_cents < 0 ? "warn-text" : undefined}>{formatMoney(r.remaining_cents)}</span>
          <span className="muted"> ({t("contracts.exclVat")})</span>
        </div>
        <div data-field="budget">
          {t("contracts.budget")}
          {budgetIncludesVat !== null ? <span className="muted"> ({budgetIncludesVat ? t("contracts.inclVat") : t("contracts.exclVat")})</span> : null}:{" "}
          {c.shares.map((s, i) => (
            <span key={s.budget_line_id} data-share={s.line_code} data-year={s.year}>
              {i > 0 ? "; " : ""}
              {s.year} · {s.line_code} {formatMoney(s.cost_cents)}
            </span>
          ))}
        </div>
        <div>
          {t("contracts.period")} <span data-field="period">{formatDate(r.start_date)}–{formatDate(r.end_date)}</span> · {t(`contracts.kind.${r.kind}`)}
          {r.cpv ? <> · CPV {r.cpv}</> : null}
        </div>
        {c.subject ? <p className="subject" data-field="subject">{c.subject}</p> : null}
        {draft ? <AuthorityLine authority={c.authority} /> : null}
        {r.signer_name ? (
          <div className="signature" data-section="signature">
            {t("contracts.signedBy", {
              name: r.signer_name,
              capacity: r.signer_capacity ? capacityLabel(t, r.signer_capacity) : "",
              date: formatDate(r.signed_on),
            })}
            {c.signed_ref ? ` · ${t("contracts.reference", { ref: c.signed_ref })}` : ""}
          </div>
        ) : null}
        {r.status === "terminated" ? (
          <div className="warn-text" data-section="termination">
            {t("contracts.terminatedOn", { date: formatDate(c.terminated_on), reason: c.termination_reason })}
          </div>
        ) : null}
      </div>
      {c.warnings.length > 0 ? (
        <section className="contract-warnings" data-section="card_warnings">
          <WarningList warnings={c.warnings} />
        </section>
      ) : null}
      <div className="tabs card-tabs" role="tablist">
        {tabs.map((x) => (
          <button
            key={x.id}
            type="button"
            role="tab"
            name={`card_tab_${x.id}`}
            aria-selected={tab === x.id}
            className={tab === x.id ? "on" : undefined}
            onClick={() => { setTab(x.id); }}
          >
            {x.label}
            {x.n ? ` (${x.n})` : ""}
          </button>
        ))}
      </div>
      <div className="card-panel" role="tabpanel">
        {tab === "deliverables" ? <Deliverables contract={c} canEdit={canEdit} onChange={setChanged} /> : null}
        {tab === "invoices" ? <Invoices contract={c} canEdit={canEdit} onChange={setChanged} /> : null}
        {tab === "amendments" ? <Amendments contract={c} /> : null}
        {tab === "documents" ? <Documents contract={c} canEdit={canEdit} onChange={setChanged} /> : null}
        {tab === "history" ? <History contract={c} /> : null}
      </div>
      {open === "edit" ? <ContractDialog contract={c} onSaved={done} onClose={() => { setOpen(null); }} /> : null}
      {open === "sign" ? <SignDialog contract={c} onDone={done} onClose={() => { setOpen(null); }} /> : null}
      {open === "amend" ? <AmendDialog contract={c} onDone={done} onClose={() => { setOpen(null); }} /> : null}
      {open === "terminate" ? <TerminateDialog contract={c} onDone={done} onClose={() => { setOpen(null); }} /> : null}
    </div>
  );
}
