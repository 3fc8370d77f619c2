import { useRef, useState, type SyntheticEvent } from "react";
import type { Duty, JobBody, JobVersion, Position } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { Field } from "../../components/Field";
import { useI18n } from "../../i18n";
import { FormErrors, TextAreaField } from "../contracts/shared";

/** The sections of a draft, written in one form. Duties keep their ids (so the diff pairs a
 *  reworded duty with itself); a new duty is numbered by the core. */
export function JobEditor({
  version,
  positions,
  onCancel,
  onSaved,
}: {
  version: JobVersion;
  positions: Position[];
  onCancel: () => void;
  onSaved: (v: JobVersion) => void;
}) {
  const { t } = useI18n();
  const [body, setBody] = useState<JobBody>(version.body);
  const [note, setNote] = useState(version.note);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const errs = error ? fieldErrors(error) : {};
  const others = positions;

  function setDuty(i: number, d: Partial<Duty>) {
    setBody({ ...body, duties: body.duties.map((x, k) => (k === i ? { ...x, ...d } : x)) });
  }
  function move(i: number) {
    if (i === 0) return;
    const duties = [...body.duties];
    const [d] = duties.splice(i, 1);
    if (d) duties.splice(i - 1, 0, d);
    setBody({ ...body, duties });
  }
  function toggle(list: "substitutes" | "substituted_by", id: number) {
    const has = body[list].includes(id);
    setBody({ ...body, [list]: has ? body[list].filter((x) => x !== id) : [...body[list], id] });
  }
  const req = (k: keyof JobBody["requirements"], v: string) => {
    setBody({ ...body, requirements: { ...body.requirements, [k]: v } });
  };

  async function submit(e: SyntheticEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const next = await api.job_draft_save({ version_id: version.id, body, note });
      setError(null);
      onSaved(next);
    } catch (err) {
      const ae = toApiError(err);
      setError(ae);
      const first = ae.fields[0]?.field;
      if (first) form.current?.querySelector<HTMLElement>(`[name="${first}"], [data-field="${first}"] input, [data-field="${first}"] textarea`)?.focus();
    } finally {
      setBusy(false);
    }
  }

  const picker = (list: "substitutes" | "substituted_by", label: string) => (
    <fieldset className="field checks" data-field={list}>
      <legend>{label}</legend>
      <div className="check-grid">
        {others.map((p) => (
          <label key={p.id} className="check">
            <input
              type="checkbox"
              name={`${list}_${p.code}`}
              checked={body[list].includes(p.id)}
              onChange={() => { toggle(list, p.id); }}
            />{" "}
            {p.code} {p.title}
            {body[list].indexOf(p.id) === 0 && list === "substituted_by" ? " (1.)" : ""}
          </label>
        ))}
      </div>
      {errs[list] ? <div className="field-error" data-field-error={list} role="alert">{errs[list]}</div> : null}
    </fieldset>
  );

  return (
    <form className="job-editor" ref={form} onSubmit={(e) => void submit(e)} data-section="job_editor">
      <FormErrors error={error} shown={["purpose", "duties", "substitutes", "substituted_by", "responsibility", "rights", "education", "knowledge", "skills", "experience", "personal", "note"]} />
      <TextAreaField label={t("jobs.purpose")} name="purpose" value={body.purpose} onChange={(v) => { setBody({ ...body, purpose: v }); }} error={errs.purpose} rows={3} />
      <div className="two-col">
        {picker("substitutes", t("jobs.substitutes"))}
        {picker("substituted_by", t("jobs.substitutedBy"))}
      </div>
      <h3>{t("jobs.duties")}</h3>
      {errs.duties ? <div className="field-error" data-field-error="duties" role="alert">{errs.duties}</div> : null}
      <ol className="duty-edit">
        {body.duties.map((d, i) => (
          <li key={d.id > 0 ? d.id : `new-${i}`} data-duty-row={i + 1}>
            <TextAreaField label={t("jobs.duty")} name={`duty_${i + 1}_text`} value={d.text} onChange={(v) => { setDuty(i, { text: v }); }} />
            <TextAreaField label={t("jobs.result")} name={`duty_${i + 1}_result`} value={d.result} onChange={(v) => { setDuty(i, { result: v }); }} />
            <div className="duty-tools">
              <label className="check">
                <input type="checkbox" name={`duty_${i + 1}_main`} checked={d.main} onChange={(e) => { setDuty(i, { main: e.target.checked }); }} /> {t("jobs.main")}
              </label>
              <button type="button" className="link" disabled={i === 0} onClick={() => { move(i); }}>{t("jobs.moveUp")}</button>
              <button type="button" className="danger-link" name={`duty_${i + 1}_remove`} onClick={() => { setBody({ ...body, duties: body.duties.filter((_, k) => k !== i) }); }}>
                {t("jobs.removeDuty")}
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button type="button" name="duty_add" onClick={() => { setBody({ ...body, duties: [...body.duties, { id: 0, text: "", result: "", main: false }] }); }}>
        {t("jobs.addDuty")}
      </button>
      <TextAreaField label={t("jobs.responsibility")} name="responsibility" value={body.responsibility} onChange={(v) => { setBody({ ...body, responsibility: v }); }} error={errs.responsibility} />
      <TextAreaField label={t("jobs.rights")} name="rights" value={body.rights} onChange={(v) => { setBody({ ...body, rights: v }); }} error={errs.rights} />
      <h3>{t("jobs.requirements")}</h3>
      <div className="two-col">
        <TextAreaField label={t("jobs.education")} name="education" value={body.requirements.education} onChange={(v) => { req("education", v); }} error={errs.education} />
        <TextAreaField label={t("jobs.knowledge")} name="knowledge" value={body.requirements.knowledge} onChange={(v) => { req("knowledge", v); }} error={errs.knowledge} />
        <TextAreaField label={t("jobs.skills")} name="skills" value={body.requirements.skills} onChange={(v) => { req("skills", v); }} error={errs.skills} />
        <TextAreaField label={t("jobs.experience")} name="experience" value={body.requirements.experience} onChange={(v) => { req("experience", v); }} error={errs.experience} />
        <TextAreaField label={t("jobs.personal")} name="personal" value={body.requirements.personal} onChange={(v) => { req("personal", v); }} error={errs.personal} />
      </div>
      <Field label={t("jobs.note")} name="note" value={note} onChange={setNote} error={errs.note} />
      <div className="form-actions">
        <button type="submit" name="job_save" className="primary" disabled={busy}>{t("jobs.save")}</button>
        <button type="button" name="job_cancel" onClick={onCancel}>{t("jobs.cancel")}</button>
      </div>
    </form>
  );
}
