import { useState, type ChangeEvent } from "react";
import type { DraftStart, FileInput, HolderSaved, JobFile, JobVersion, PositionRef, SavedFile } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { useLoad } from "../../components/useLoad";
import { useSubmit } from "../../components/useSubmit";
import { useI18n } from "../../i18n";
import { today } from "../../i18n/format";
import { FormErrors, SelectField } from "../contracts/shared";
import { KEY_ERRORS } from "../documents/ExportDialog";
import { NO_SIGNING, SigningFields, signingInput, type SigningState } from "../documents/SigningFields";
import { VerificationView } from "../documents/VerificationView";

async function readPdf(e: ChangeEvent<HTMLInputElement>): Promise<FileInput | null> {
  const f = e.target.files?.[0];
  if (!f) return null;
  return { file_name: f.name, content: Array.from(new Uint8Array(await f.arrayBuffer())) };
}

type StartKind = DraftStart["kind"];

/** A new draft: empty, the latest version, a template, or another position's description. */
export function NewDraftDialog({
  position,
  hasVersions,
  onClose,
  onCreated,
}: {
  position: PositionRef;
  hasVersions: boolean;
  onClose: () => void;
  onCreated: (v: JobVersion) => void;
}) {
  const { t } = useI18n();
  const templates = useLoad(() => api.job_templates(), []);
  const list = useLoad(() => api.jobs_list(), []);
  const [kind, setKind] = useState<StartKind>(hasVersions ? "latest" : "template");
  const [template, setTemplate] = useState("");
  const [other, setOther] = useState("");
  const withDescription = (list.data ?? []).filter((j) => j.versions > 0 && j.position.id !== position.id);
  const chosenTemplate = template || templates.data?.[0]?.name || "";
  const chosenOther = other || String(withDescription[0]?.position.id ?? "");
  const { error, busy, submit } = useSubmit(
    async () => {
      let start: DraftStart;
      if (kind === "template") start = { kind: "template", name: chosenTemplate };
      else if (kind === "version") {
        const latest = await api.job_version(Number(chosenOther), null);
        start = { kind: "version", id: latest.id };
      } else if (kind === "latest") start = { kind: "latest" };
      else start = { kind: "empty" };
      return api.job_draft_new({ position_id: position.id, start });
    },
    onCreated,
  );
  const [deleteError, setDeleteError] = useState<ApiError | null>(null);
  const [confirming, setConfirming] = useState(false);
  async function deleteTemplate() {
    try {
      await api.job_template_delete(chosenTemplate);
      setDeleteError(null);
      setConfirming(false);
      setTemplate("");
      templates.reload();
    } catch (e) {
      setDeleteError(toApiError(e));
    }
  }
  const kinds: StartKind[] = hasVersions ? ["latest", "template", "version", "empty"] : ["template", "version", "empty"];
  return (
    <Dialog title={t("jobs.newTitle", { position: `${position.code} ${position.title}` })} onClose={onClose} name="job_new">
      <form onSubmit={(e) => void submit(e)}>
        <FormErrors error={error ?? deleteError} shown={[]} />
        <SelectField label={t("jobs.start")} name="start" value={kind} onChange={(v) => { setKind(v as StartKind); }}>
          {kinds.map((k) => (
            <option key={k} value={k}>{t(`jobs.start.${k}`)}</option>
          ))}
        </SelectField>
        {kind === "template" ? (
          <div className="field-row">
            <SelectField label={t("jobs.template")} name="template" value={chosenTemplate} onChange={(x) => { setTemplate(x); setConfirming(false); }}>
              {(templates.data ?? []).map((x) => (
                <option key={x.name} value={x.name}>{x.name}{x.builtin ? ` (${t("jobs.builtin")})` : ""}</option>
              ))}
            </SelectField>
            {templates.data?.find((x) => x.name === chosenTemplate && !x.builtin) && !confirming ? (
              <button type="button" className="danger-link" name="job_template_delete" onClick={() => { setConfirming(true); }}>
                {t("jobs.deleteTemplate")}
              </button>
            ) : null}
          </div>
        ) : null}
        {kind === "template" && confirming ? (
          <div className="banner warn" role="alert" data-confirm="job_template_delete">
            {t("jobs.deleteTemplateConfirm", { name: chosenTemplate })}{" "}
            <button type="button" className="danger" name="job_template_delete_yes" onClick={() => void deleteTemplate()}>{t("jobs.deleteTemplate")}</button>{" "}
            <button type="button" name="job_template_delete_no" onClick={() => { setConfirming(false); }}>{t("jobs.cancel")}</button>
          </div>
        ) : null}
        {kind === "version" ? (
          <SelectField label={t("jobs.otherPosition")} name="other_position" value={chosenOther} onChange={setOther}>
            {withDescription.map((j) => (
              <option key={j.position.id} value={j.position.id}>{j.position.code} {j.position.title}</option>
            ))}
          </SelectField>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="primary" name="job_create" disabled={busy}>{t("jobs.create")}</button>
          <button type="button" onClick={onClose}>{t("jobs.cancel")}</button>
        </div>
      </form>
    </Dialog>
  );
}

/** § 3.4: the deputy director's approval as recorded — who, when, the reference or the signed
 *  PDF, and the day the version takes force. */
export function ApprovalDialog({ version, onClose, onDone }: { version: JobVersion; onClose: () => void; onDone: (v: JobVersion) => void }) {
  const { t } = useI18n();
  const [approvedBy, setApprovedBy] = useState(t("jobs.approvedByDefault"));
  const [approvedOn, setApprovedOn] = useState(today());
  const [reference, setReference] = useState("");
  const [from, setFrom] = useState(today());
  const [file, setFile] = useState<FileInput | null>(null);
  const { error, busy, submit } = useSubmit(
    () => api.job_approve({ version_id: version.id, approved_by: approvedBy, approved_on: approvedOn, reference, file, in_force_from: from }),
    onDone,
  );
  const errs = fieldErrors(error);
  return (
    <Dialog title={t("jobs.approvalTitle")} onClose={onClose} name="job_approve">
      <form onSubmit={(e) => void submit(e)}>
        <FormErrors error={error} shown={["approved_by", "approved_on", "reference", "file", "in_force_from"]} />
        <Field label={t("jobs.approvedBy")} name="approved_by" value={approvedBy} onChange={setApprovedBy} error={errs.approved_by} />
        <Field label={t("jobs.approvedOn")} name="approved_on" value={approvedOn} onChange={setApprovedOn} error={errs.approved_on} />
        <Field label={t("jobs.reference")} name="reference" value={reference} onChange={setReference} error={errs.reference} />
        <div className={errs.file ? "field has-error" : "field"}>
          <label>
            {t("jobs.approvalFile")}
            <input type="file" name="approval_file" accept="application/pdf,.pdf" onChange={(e) => void readPdf(e).then(setFile)} />
          </label>
          {errs.file ? <div className="field-error" data-field-error="file" role="alert">{errs.file}</div> : null}
        </div>
        <Field label={t("jobs.inForceFrom")} name="in_force_from" value={from} onChange={setFrom} error={errs.in_force_from} />
        <div className="form-actions">
          <button type="submit" className="primary" name="job_approve_save" disabled={busy}>{t("jobs.recordApproval")}</button>
          <button type="button" onClick={onClose}>{t("jobs.cancel")}</button>
        </div>
      </form>
    </Dialog>
  );
}

type AckHow = "date" | "file" | "sign";

/** A holder's acknowledgement: a date; the description the employee signed elsewhere (the core
 *  checks it is this version, signed intact by the holder); or the employee signs it here with
 *  their ID card or key file, and the signed copy is kept and saved. */
export function AckDialog({ version, onClose, onDone }: { version: JobVersion; onClose: () => void; onDone: (v: JobVersion) => void }) {
  const { t } = useI18n();
  const done = new Set(version.acknowledgements.map((a) => a.employee_id));
  const waiting = version.holders.filter((h) => !done.has(h[0]));
  const [employee, setEmployee] = useState(String(waiting[0]?.[0] ?? version.holders[0]?.[0] ?? ""));
  const [how, setHow] = useState<AckHow>("date");
  const [on, setOn] = useState(today());
  const [file, setFile] = useState<FileInput | null>(null);
  const [signing, setSigning] = useState<SigningState>({ ...NO_SIGNING, choice: "pkcs11" });
  const [signed, setSigned] = useState<HolderSaved | null>(null);
  const { error, busy, submit } = useSubmit<JobVersion | HolderSaved>(
    async () => {
      if (how === "sign") {
        const sign = await signingInput(signing);
        if (!sign) throw new Error(t("jobs.chooseKeyFile"));
        return api.job_sign_as_holder({ version_id: version.id, employee_id: Number(employee), sign });
      }
      return api.job_acknowledge({ version_id: version.id, employee_id: Number(employee), acknowledged_on: on, file: how === "file" ? file : null });
    },
    (x) => {
      if ("saved" in x) setSigned(x);
      else onDone(x);
    },
  );
  const errs = fieldErrors(error);
  const keyError = error && KEY_ERRORS.includes(error.code) ? error.message : undefined;
  if (signed) {
    return (
      <Dialog title={t("jobs.ackTitle")} onClose={() => { onDone(signed.version); }} name="job_ack">
        <p role="status" data-holder-signed>{t("jobs.holderSigned", { name: version.holders.find((h) => h[0] === Number(employee))?.[1] ?? "" })}</p>
        {signed.saved.verification ? <VerificationView report={signed.saved.verification} document={signed.saved.record} path={signed.saved.path} /> : null}
        <div className="form-actions">
          <button type="button" className="primary" name="job_ack_close" onClick={() => { onDone(signed.version); }}>{t("common.close")}</button>
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog title={t("jobs.ackTitle")} onClose={onClose} name="job_ack">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <FormErrors error={keyError ? null : error} shown={["employee_id", "acknowledged_on", "file"]} />
        <SelectField label={t("jobs.employee")} name="employee_id" value={employee} onChange={setEmployee} error={errs.employee_id}>
          {version.holders.map((h) => (
            <option key={h[0]} value={h[0]}>{h[1]}</option>
          ))}
        </SelectField>
        <fieldset className="choices" data-ack-how={how}>
          <legend>{t("jobs.ackHow")}</legend>
          {(["date", "file", "sign"] as const).map((h) => (
            <label key={h} className="check">
              <input type="radio" name="ack_how" value={h} checked={how === h} onChange={() => { setHow(h); }} /> {t(`jobs.ackHow.${h}`)}
            </label>
          ))}
        </fieldset>
        {how !== "sign" ? <Field label={t("jobs.ackOn")} name="acknowledged_on" value={on} onChange={setOn} error={errs.acknowledged_on} /> : null}
        {how === "file" ? (
          <div className={errs.file ? "field has-error" : "field"}>
            <label>
              {t("jobs.ackFile")}
              <input type="file" name="ack_file" accept="application/pdf,.pdf" onChange={(e) => void readPdf(e).then(setFile)} />
            </label>
            {errs.file ? <div className="field-error" data-field-error="file" role="alert">{errs.file}</div> : <div className="field-hint">{t("jobs.ackFileHint")}</div>}
          </div>
        ) : null}
        {how === "sign" ? (
          <>
            <p className="muted">{t("jobs.holderSignHint")}</p>
            <SigningFields value={signing} onChange={setSigning} optional={false} role={t("jobs.holderRole")} keyError={keyError} />
          </>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="primary" name="job_ack_save" disabled={busy}>{t(how === "sign" ? "jobs.holderSign" : "jobs.acknowledge")}</button>
          <button type="button" onClick={onClose}>{t("jobs.cancel")}</button>
        </div>
      </form>
    </Dialog>
  );
}

/** A PDF kept with a version: saved into the downloads on a click, with its signatures checked. */
export function KeptFile({ file }: { file: JobFile }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState<SavedFile | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  async function save() {
    try {
      setSaved(await api.job_file_save(file.id));
      setError(null);
    } catch (e) {
      setError(toApiError(e));
    }
  }
  const v = saved?.verification;
  return (
    <span className="kept-file" data-kept-file={file.id}>
      <button type="button" className="link" name="job_file_save" title={t("jobs.saveFile")} onClick={() => void save()}>
        {file.file_name}
      </button>
      {saved ? (
        <span className="muted" data-saved-path={saved.path}>
          {" "}
          → <code>{saved.path}</code>
          {v ? ` · ${v.signatures.length === 0 ? t("docs.noSignatures") : v.all_intact ? `✔ ${t("docs.allIntact", { n: v.signatures.length })}` : `⚠ ${t("docs.notAllIntact")}`}` : null}
        </span>
      ) : null}
      {error ? <span className="warn-text"> {error.message}</span> : null}
    </span>
  );
}

/** Saves the version's sections (without its substitution arrangement) as a named template. */
export function TemplateDialog({ version, onClose, onDone }: { version: JobVersion; onClose: () => void; onDone: (name: string) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState(version.position.title);
  const { error, busy, submit } = useSubmit(() => api.job_template_save(name, version.id), (x) => { onDone(x.name); });
  const errs = fieldErrors(error);
  return (
    <Dialog title={t("jobs.saveTemplate")} onClose={onClose} name="job_template">
      <form onSubmit={(e) => void submit(e)}>
        <FormErrors error={error} shown={["name"]} />
        <Field label={t("jobs.templateName")} name="template_name" value={name} onChange={setName} error={errs.name} />
        <div className="form-actions">
          <button type="submit" className="primary" name="job_template_save" disabled={busy}>{t("jobs.saveTemplate")}</button>
          <button type="button" onClick={onClose}>{t("jobs.cancel")}</button>
        </div>
      </form>
    </Dialog>
  );
}
