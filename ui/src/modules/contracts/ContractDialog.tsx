import { useRef, useState, type SyntheticEvent } from "react";
import type { Contract, ContractInput, ContractKind, ShareInput } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { Dialog } from "../../components/Dialog";
import { Field, focusFirstError } from "../../components/Field";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { formatDate } from "../../i18n/format";
import { errorInputs, FormErrors, lineLabel, moneyInput, percentFromBp, SelectField, TextAreaField } from "./shared";

const KINDS: ContractKind[] = ["goods", "services"];

/** The core's field keys → this form's inputs. */
const INPUTS: Record<string, string> = {
  number: "contract_number",
  contract_title: "contract_title",
  subject: "contract_subject",
  kind: "contract_kind",
  cpv: "contract_cpv",
  supplier_id: "contract_supplier",
  budget_line_id: "contract_line",
  value: "contract_value",
  vat_rate: "contract_vat_rate",
  contract_start: "contract_start",
  contract_end: "contract_end",
  shares: "share_line_0",
};
const ORDER = Object.values(INPUTS);

interface ShareRow {
  key: number;
  budget_line_id: number | null;
  amount: string;
}

function toInput(c: Contract | null): ContractInput {
  const r = c?.row;
  return {
    id: r?.id ?? null,
    number: r?.number ?? "",
    title: r?.title ?? "",
    subject: c?.subject ?? "",
    kind: r?.kind ?? "services",
    cpv: r?.cpv ?? "",
    supplier_id: r?.supplier_id ?? null,
    budget_line_id: r?.budget_line_id ?? null,
    value: r ? moneyInput(r.value_cents) : "",
    vat_rate: c?.vat_overridden ? percentFromBp(c.row.vat_rate_bp).replace(/\u00a0%$/, "") : "",
    start_date: r ? formatDate(r.start_date) : "",
    end_date: r ? formatDate(r.end_date) : "",
    shares: [],
  };
}

function toShares(c: Contract | null): ShareRow[] {
  if (!c || c.shares.length < 2) return [];
  return c.shares.map((s, i) => ({ key: i, budget_line_id: s.budget_line_id, amount: moneyInput(s.value_cents) }));
}

/** A contract draft: a new one or a draft being corrected before signing. */
export function ContractDialog({ contract, onSaved, onClose }: { contract: Contract | null; onSaved: (c: Contract) => void; onClose: () => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState<ContractInput>(() => toInput(contract));
  const [shares, setShares] = useState<ShareRow[]>(() => toShares(contract));
  const [nextKey, setNextKey] = useState(100);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const suppliers = useLoad(() => api.suppliers(), []);
  const lines = useLoad(() => api.budget_lines(null), []);
  const errors = fieldErrors(error);
  const set = (key: "number" | "title" | "subject" | "cpv" | "value" | "vat_rate" | "start_date" | "end_date") => (value: string) => {
    setForm({ ...form, [key]: value });
  };
  const allLines = [...(lines.data ?? [])].sort((a, b) => a.year - b.year || a.code.localeCompare(b.code));

  async function save(e: SyntheticEvent) {
    e.preventDefault();
    setSaving(true);
    const input: ContractInput = {
      ...form,
      shares: shares.map((s): ShareInput => ({ budget_line_id: s.budget_line_id ?? 0, amount: s.amount })),
    };
    try {
      const saved = await api.contract_save(input);
      setError(null);
      onSaved(saved);
    } catch (err) {
      const apiErr = toApiError(err);
      setError(apiErr);
      focusFirstError(formRef.current, errorInputs(apiErr, INPUTS, ORDER));
    } finally {
      setSaving(false);
    }
  }

  function addShare() {
    const rows = shares.length === 0
      ? [
          { key: nextKey, budget_line_id: form.budget_line_id, amount: form.value },
          { key: nextKey + 1, budget_line_id: null, amount: "" },
        ]
      : [...shares, { key: nextKey, budget_line_id: null, amount: "" }];
    setNextKey(nextKey + 2);
    setShares(rows);
  }

  function setShare(key: number, patch: Partial<ShareRow>) {
    setShares(shares.map((s) => (s.key === key ? { ...s, ...patch } : s)));
  }

  const title = contract ? t("contracts.editTitle", { number: contract.row.number }) : t("contracts.newTitle");
  return (
    <Dialog title={title} onClose={onClose} name="contract">
      <FormErrors error={error} shown={Object.keys(INPUTS)} />
      <form ref={formRef} onSubmit={(e) => void save(e)} noValidate className="grid-form" data-form="contract">
        <Field label={t("contracts.fieldNumber")} name="contract_number" value={form.number} onChange={set("number")} error={errors.number} />
        <SelectField label={t("contracts.fieldKind")} name="contract_kind" value={form.kind} onChange={(v) => { setForm({ ...form, kind: v as ContractKind }); }} error={errors.kind}>
          {KINDS.map((k) => <option key={k} value={k}>{t(`contracts.kind.${k}`)}</option>)}
        </SelectField>
        <div className="span-2">
          <Field label={t("contracts.fieldTitle")} name="contract_title" value={form.title} onChange={set("title")} error={errors.contract_title} />
        </div>
        <TextAreaField label={t("contracts.fieldSubject")} name="contract_subject" value={form.subject} onChange={set("subject")} error={errors.subject} className="span-2" />
        <SelectField
          label={t("contracts.fieldSupplier")}
          name="contract_supplier"
          value={form.supplier_id === null ? "" : String(form.supplier_id)}
          onChange={(v) => { setForm({ ...form, supplier_id: v ? Number(v) : null }); }}
          error={errors.supplier_id}
          hint={suppliers.data && suppliers.data.length === 0 ? t("contracts.noSuppliers") : undefined}
        >
          <option value="">{t("contracts.chooseSupplier")}</option>
          {(suppliers.data ?? []).map((s) => <option key={s.id} value={s.id}>{s.name} ({s.reg_code})</option>)}
        </SelectField>
        <SelectField
          label={t("contracts.fieldLine")}
          name="contract_line"
          value={form.budget_line_id === null ? "" : String(form.budget_line_id)}
          onChange={(v) => { setForm({ ...form, budget_line_id: v ? Number(v) : null }); }}
          error={errors.budget_line_id}
          disabled={shares.length > 0}
          hint={shares.length > 0 ? t("contracts.lineBySplit") : lines.data && lines.data.length === 0 ? t("contracts.noLines") : undefined}
        >
          <option value="">{t("contracts.chooseLine")}</option>
          {allLines.map((l) => <option key={l.id} value={l.id}>{lineLabel(l)}</option>)}
        </SelectField>
        <Field label={t("contracts.fieldValue")} name="contract_value" value={form.value} onChange={set("value")} error={errors.value} inputMode="decimal" placeholder="0,00" />
        <Field label={t("contracts.fieldVatRate")} name="contract_vat_rate" value={form.vat_rate} onChange={set("vat_rate")} error={errors.vat_rate} hint={t("contracts.vatRateHint")} inputMode="decimal" />
        <Field label={t("contracts.fieldStart")} name="contract_start" value={form.start_date} onChange={set("start_date")} error={errors.contract_start} placeholder={t("staff.datePlaceholder")} />
        <Field label={t("contracts.fieldEnd")} name="contract_end" value={form.end_date} onChange={set("end_date")} error={errors.contract_end} placeholder={t("staff.datePlaceholder")} />
        <Field label={t("contracts.fieldCpv")} name="contract_cpv" value={form.cpv} onChange={set("cpv")} error={errors.cpv} hint={t("contracts.cpvHint")} />
        <fieldset className={errors.shares ? "split span-2 has-error" : "split span-2"} data-section="shares">
          <legend>{t("contracts.split")}</legend>
          <p className="field-hint">{t("contracts.splitHint")}</p>
          {shares.map((s, i) => (
            <div key={s.key} className="split-row" data-share={i}>
              <select
                name={`share_line_${i}`}
                aria-label={t("contracts.fieldLine")}
                value={s.budget_line_id === null ? "" : String(s.budget_line_id)}
                onChange={(e) => { setShare(s.key, { budget_line_id: e.target.value ? Number(e.target.value) : null }); }}
              >
                <option value="">{t("contracts.chooseLine")}</option>
                {allLines.map((l) => <option key={l.id} value={l.id}>{lineLabel(l)}</option>)}
              </select>
              <input
                name={`share_amount_${i}`}
                aria-label={t("contracts.splitAmount")}
                placeholder={t("contracts.splitAmount")}
                inputMode="decimal"
                value={s.amount}
                onChange={(e) => { setShare(s.key, { amount: e.target.value }); }}
              />
              <button type="button" className="link" name={`share_remove_${i}`} onClick={() => { setShares(shares.filter((x) => x.key !== s.key)); }}>
                {t("contracts.splitRemove")}
              </button>
            </div>
          ))}
          {errors.shares ? <div className="field-error" data-field-error="shares" role="alert">{errors.shares}</div> : null}
          <button type="button" name="share_add" onClick={addShare}>{t("contracts.splitAdd")}</button>
        </fieldset>
        <div className="actions span-2">
          <button type="button" onClick={onClose}>{t("common.cancel")}</button>
          <button type="submit" className="primary" name="contract_save" disabled={saving}>
            {saving ? t("common.saving") : t("contracts.saveDraft")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
