import { useState, type ChangeEvent, type SyntheticEvent } from "react";
import type { DraftStart, FileInput, JobVersion, PositionRef } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { today } from "../../i18n/format";
import { FormErrors, SelectField } from "../contracts/shared";

async function readPdf(e: ChangeEvent<HTMLInputElement>): Promise<FileInput | null> {
  const f = e.target.files?.[0];
  if (!f) return null;
  return { file_name: f.name, content: Array.from(new Uint8Array(await f.arrayBuffer())) };
}

/** Runs a dialog's submit: busy while it runs, the core's refusal kept for the fields. */
function useSubmit<T>(run: () => Promise<T>, done: (v: T) => void) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: SyntheticEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const v = await run();
      setError(null);
      done(v);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }
  return { error, busy, submit };
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
  const kinds: StartKind[] = hasVersions ? ["latest", "template", "version", "empty"] : ["template", "version", "empty"];
  return (
    <Dialog title={t("jobs.newTitle", { position: `${position.code} ${position.title}` })} onClose={onClose} name="job_new">
      <form onSubmit={(e) => void submit(e)}>
        <FormErrors error={error} shown={[]} />
        <SelectField label={t("jobs.start")} name="start" value={kind} onChange={(v) => { setKind(v as StartKind); }}>
          {kinds.map((k) => (
            <option key={k} value={k}>{t(`jobs.start.${k}`)}</option>
          ))}
        </SelectField>
        {kind === "template" ? (
          <SelectField label={t("jobs.template")} name="template" value={chosenTemplate} onChange={setTemplate}>
            {(templates.data ?? []).map((x) => (
              <option key={x.name} value={x.name}>{x.name}</option>
            ))}
          </SelectField>
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

/** A holder's acknowledgement: a date, or the description the employee signed. */
export function AckDialog({ version, onClose, onDone }: { version: JobVersion; onClose: () => void; onDone: (v: JobVersion) => void }) {
  const { t } = useI18n();
  const done = new Set(version.acknowledgements.map((a) => a.employee_id));
  const waiting = version.holders.filter((h) => !done.has(h[0]));
  const [employee, setEmployee] = useState(String(waiting[0]?.[0] ?? version.holders[0]?.[0] ?? ""));
  const [on, setOn] = useState(today());
  const [file, setFile] = useState<FileInput | null>(null);
  const { error, busy, submit } = useSubmit(
    () => api.job_acknowledge({ version_id: version.id, employee_id: Number(employee), acknowledged_on: on, file }),
    onDone,
  );
  const errs = fieldErrors(error);
  return (
    <Dialog title={t("jobs.ackTitle")} onClose={onClose} name="job_ack">
      <form onSubmit={(e) => void submit(e)}>
        <FormErrors error={error} shown={["employee_id", "acknowledged_on", "file"]} />
        <SelectField label={t("jobs.employee")} name="employee_id" value={employee} onChange={setEmployee} error={errs.employee_id}>
          {version.holders.map((h) => (
            <option key={h[0]} value={h[0]}>{h[1]}</option>
          ))}
        </SelectField>
        <Field label={t("jobs.ackOn")} name="acknowledged_on" value={on} onChange={setOn} error={errs.acknowledged_on} />
        <div className={errs.file ? "field has-error" : "field"}>
          <label>
            {t("jobs.ackFile")}
            <input type="file" name="ack_file" accept="application/pdf,.pdf" onChange={(e) => void readPdf(e).then(setFile)} />
          </label>
          {errs.file ? <div className="field-error" data-field-error="file" role="alert">{errs.file}</div> : null}
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" name="job_ack_save" disabled={busy}>{t("jobs.acknowledge")}</button>
          <button type="button" onClick={onClose}>{t("jobs.cancel")}</button>
        </div>
      </form>
    </Dialog>
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
