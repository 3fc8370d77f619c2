import { useRef, useState, type SyntheticEvent } from "react";
import type { Contract, SignAs } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { Dialog } from "../../components/Dialog";
import { Field, focusFirstError } from "../../components/Field";
import { useI18n } from "../../i18n";
import { formatDate, formatMoney, today } from "../../i18n/format";
import { AuthorityLine, errorInputs, FormErrors, moneyInput, percentFromBp, SelectField, TextAreaField } from "./shared";
import { WarningList } from "./ContractRegister";

interface Props {
  contract: Contract;
  onDone: (c: Contract) => void;
  onClose: () => void;
}

/** The contract in one line and its money, as the signer sees it. */
function Summary({ contract }: { contract: Contract }) {
  const { t } = useI18n();
  const r = contract.row;
  return (
    <div className="dialog-summary">
      <div>
        <strong>{r.number}</strong> · {r.title} · {r.supplier_name}
      </div>
      <div>
        {t("contracts.cost")} {formatMoney(r.value_cents)} + {t("contracts.vatShort")} {percentFromBp(r.vat_rate_bp)} = {formatMoney(r.gross_cents)}
        <span className="muted"> · {formatDate(r.start_date)}–{formatDate(r.end_date)}</span>
      </div>
    </div>
  );
}

/** The refusal of the core (§ 3.8.2) and the way on: the director signs. */
function Refusal({ error, onDirector }: { error: ApiError | null; onDirector: () => void }) {
  const { t } = useI18n();
  if (error?.code !== "signing_refused") return null;
  return (
    <div className="refusal">
      <p className="muted">{t("sign.refusedHint")}</p>
      <button type="button" name="sign_use_director" onClick={onDirector}>{t("sign.useDirector")}</button>
    </div>
  );
}

function useSubmit(onDone: (c: Contract) => void, map: Record<string, string>) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  async function submit(action: () => Promise<Contract>) {
    setBusy(true);
    try {
      const c = await action();
      setError(null);
      onDone(c);
    } catch (err) {
      const e = toApiError(err);
      setError(e);
      focusFirstError(formRef.current, errorInputs(e, map, Object.values(map)));
    } finally {
      setBusy(false);
    }
  }
  return { error, setError, busy, formRef, submit };
}

function SignAsSelect({ name, value, onChange }: { name: string; value: SignAs; onChange: (v: SignAs) => void }) {
  const { t } = useI18n();
  return (
    <SelectField label={t("sign.as")} name={name} value={value} onChange={(v) => { onChange(v as SignAs); }}>
      <option value="head">{t("sign.asHead")}</option>
      <option value="director">{t("sign.asDirector")}</option>
    </SelectField>
  );
}

const SIGN_INPUTS: Record<string, string> = { date: "sign_date", director_name: "director_name", reference: "sign_reference" };

/** Signing a draft: as the head within § 3.8.2, or recording the director's signature. */
export function SignDialog({ contract, onDone, onClose }: Props) {
  const { t } = useI18n();
  const [signAs, setSignAs] = useState<SignAs>("head");
  const [date, setDate] = useState(today());
  const [director, setDirector] = useState("");
  const [reference, setReference] = useState("");
  const { error, setError, busy, formRef, submit } = useSubmit(onDone, SIGN_INPUTS);
  const errors = fieldErrors(error);

  function save(e: SyntheticEvent) {
    e.preventDefault();
    void submit(() =>
      api.contract_sign({ contract_id: contract.row.id, sign_as: signAs, date, director_name: signAs === "director" ? director : "", reference }),
    );
  }

  function toDirector() {
    setSignAs("director");
    setError(null);
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>('[name="director_name"]')?.focus());
  }

  return (
    <Dialog title={t("sign.title", { number: contract.row.number })} onClose={onClose} name="sign">
      <Summary contract={contract} />
      <AuthorityLine authority={contract.authority} />
      {contract.warnings.length > 0 ? <WarningList warnings={contract.warnings} /> : null}
      <FormErrors error={error} shown={Object.keys(SIGN_INPUTS)} />
      <Refusal error={error} onDirector={toDirector} />
      <form ref={formRef} onSubmit={save} noValidate className="grid-form" data-form="sign">
        <div className="span-2">
          <SignAsSelect name="sign_as" value={signAs} onChange={(v) => { setSignAs(v); setError(null); }} />
        </div>
        <Field label={t("sign.date")} name="sign_date" value={date} onChange={setDate} error={errors.date} placeholder={t("staff.datePlaceholder")} />
        {signAs === "director" ? (
          <Field label={t("sign.directorName")} name="director_name" value={director} onChange={setDirector} error={errors.director_name} />
        ) : (
          <div />
        )}
        <Field
          label={t("sign.reference")}
          name="sign_reference"
          value={reference}
          onChange={setReference}
          error={errors.reference}
          hint={signAs === "director" ? t("sign.referenceHint") : t("sign.referenceOptional")}
        />
        <div className="actions span-2">
          <button type="button" onClick={onClose}>{t("common.cancel")}</button>
          <button type="submit" className="primary" name="sign_submit" disabled={busy}>
            {signAs === "head" ? t("sign.submitHead") : t("sign.submitDirector")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

const AMEND_INPUTS: Record<string, string> = {
  date: "amend_date",
  reason: "amend_reason",
  value: "amend_value",
  contract_start: "amend_start",
  contract_end: "amend_end",
  subject: "amend_subject",
  director_name: "amend_director_name",
  reference: "amend_reference",
};

/** An amendment of a signed contract; empty fields keep the current terms. */
export function AmendDialog({ contract, onDone, onClose }: Props) {
  const { t } = useI18n();
  const r = contract.row;
  const [form, setForm] = useState({ date: today(), reason: "", value: "", start_date: "", end_date: "", subject: "", director_name: "", reference: "" });
  const [signAs, setSignAs] = useState<SignAs>("head");
  const { error, setError, busy, formRef, submit } = useSubmit(onDone, AMEND_INPUTS);
  const errors = fieldErrors(error);
  const set = (key: keyof typeof form) => (v: string) => { setForm({ ...form, [key]: v }); };

  function save(e: SyntheticEvent) {
    e.preventDefault();
    void submit(() =>
      api.contract_amend({
        contract_id: r.id,
        ...form,
        director_name: signAs === "director" ? form.director_name : "",
        sign_as: signAs,
      }),
    );
  }

  function toDirector() {
    setSignAs("director");
    setError(null);
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>('[name="amend_director_name"]')?.focus());
  }

  return (
    <Dialog title={t("amend.title", { number: r.number })} onClose={onClose} name="amend">
      <Summary contract={contract} />
      <FormErrors error={error} shown={Object.keys(AMEND_INPUTS)} />
      <Refusal error={error} onDirector={toDirector} />
      <form ref={formRef} onSubmit={save} noValidate className="grid-form" data-form="amend">
        <Field label={t("amend.date")} name="amend_date" value={form.date} onChange={set("date")} error={errors.date} placeholder={t("staff.datePlaceholder")} />
        <Field label={t("amend.value")} name="amend_value" value={form.value} onChange={set("value")} error={errors.value} placeholder={moneyInput(r.value_cents)} hint={t("amend.unchanged")} inputMode="decimal" />
        <div className="span-2">
          <Field label={t("amend.reason")} name="amend_reason" value={form.reason} onChange={set("reason")} error={errors.reason} />
        </div>
        <Field label={t("amend.start")} name="amend_start" value={form.start_date} onChange={set("start_date")} error={errors.contract_start} placeholder={formatDate(r.start_date)} hint={t("amend.unchanged")} />
        <Field label={t("amend.end")} name="amend_end" value={form.end_date} onChange={set("end_date")} error={errors.contract_end} placeholder={formatDate(r.end_date)} hint={t("amend.unchanged")} />
        <TextAreaField label={t("amend.subject")} name="amend_subject" value={form.subject} onChange={set("subject")} error={errors.subject} placeholder={contract.subject} className="span-2" />
        <SignAsSelect name="amend_sign_as" value={signAs} onChange={(v) => { setSignAs(v); setError(null); }} />
        {signAs === "director" ? (
          <Field label={t("sign.directorName")} name="amend_director_name" value={form.director_name} onChange={set("director_name")} error={errors.director_name} />
        ) : (
          <div />
        )}
        <Field
          label={t("sign.reference")}
          name="amend_reference"
          value={form.reference}
          onChange={set("reference")}
          error={errors.reference}
          hint={signAs === "director" ? t("sign.referenceHint") : t("sign.referenceOptional")}
        />
        <div className="actions span-2">
          <button type="button" onClick={onClose}>{t("common.cancel")}</button>
          <button type="submit" className="primary" name="amend_submit" disabled={busy}>{t("amend.submit")}</button>
        </div>
      </form>
    </Dialog>
  );
}

const TERMINATE_INPUTS: Record<string, string> = { date: "terminate_date", termination_reason: "terminate_reason" };

/** Ending a signed contract before its term. */
export function TerminateDialog({ contract, onDone, onClose }: Props) {
  const { t } = useI18n();
  const [date, setDate] = useState(today());
  const [reason, setReason] = useState("");
  const { error, busy, formRef, submit } = useSubmit(onDone, TERMINATE_INPUTS);
  const errors = fieldErrors(error);

  function save(e: SyntheticEvent) {
    e.preventDefault();
    void submit(() => api.contract_terminate({ contract_id: contract.row.id, date, reason }));
  }

  return (
    <Dialog title={t("terminate.title", { number: contract.row.number })} onClose={onClose} name="terminate">
      <Summary contract={contract} />
      <p>{t("terminate.text")}</p>
      <FormErrors error={error} shown={Object.keys(TERMINATE_INPUTS)} />
      <form ref={formRef} onSubmit={save} noValidate className="grid-form" data-form="terminate">
        <Field label={t("terminate.date")} name="terminate_date" value={date} onChange={setDate} error={errors.date} placeholder={t("staff.datePlaceholder")} />
        <Field label={t("terminate.reason")} name="terminate_reason" value={reason} onChange={setReason} error={errors.termination_reason} />
        <div className="actions span-2">
          <button type="button" onClick={onClose}>{t("common.cancel")}</button>
          <button type="submit" className="danger" name="terminate_submit" disabled={busy}>{t("terminate.submit")}</button>
        </div>
      </form>
    </Dialog>
  );
}
