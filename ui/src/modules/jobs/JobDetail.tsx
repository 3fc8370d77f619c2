import { useState } from "react";
import type { JobVersion, PositionRef } from "../../api/bindings";
import { api, toApiError, type ApiError } from "../../api/client";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useLoad } from "../../components/useLoad";
import { useI18n, type Translate } from "../../i18n";
import { formatDate, formatDateTime } from "../../i18n/format";
import { AckDialog, ApprovalDialog, KeptFile, NewDraftDialog, TemplateDialog } from "./JobDialogs";
import { ExportButton } from "../documents/ExportDialog";
import { DiffDialog } from "./DiffView";
import { JobEditor } from "./JobEditor";

type Dialog = "new" | "approve" | "ack" | "template" | "diff" | null;

export function consentText(t: Translate, v: { consent: JobVersion["consent"] }): string {
  return t("jobs.consent", { what: v.consent.map((c) => t(`jobs.consent.${c}`)).join(", ") });
}

/** Positions named in a description; the position itself means a colleague in it. */
function refs(list: PositionRef[], none: string, own?: { id: number; label: string }): string {
  return list.length > 0 ? list.map((p) => (p.id === own?.id ? `${p.code} ${p.title} (${own.label})` : `${p.code} ${p.title}`)).join("; ") : none;
}

/** One position's job description: its versions, the selected one's sections, the workflow
 *  (draft → submitted → approved → in force; the holders' acknowledgements) and the diff. */
export function JobDetail({ positionId, canEdit, onBack }: { positionId: number; canEdit: boolean; onBack: () => void }) {
  const { t } = useI18n();
  const [selected, setSelected] = useState<number | null>(null);
  const versions = useLoad(() => api.job_versions(positionId), [positionId]);
  const version = useLoad(
    () => (versions.data && versions.data.length > 0 ? api.job_version(positionId, selected) : Promise.resolve(null)),
    [positionId, selected, versions.data],
  );
  const positions = useLoad(() => api.positions(), []);
  const [editing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const v = version.data;
  const position = positions.data?.find((p) => p.id === positionId);
  const hasOpen = versions.data?.some((x) => x.status !== "approved") ?? false;

  function show(next: JobVersion) {
    setSelected(next.version);
    versions.reload();
    version.reload();
  }

  async function act(run: () => Promise<JobVersion | null>) {
    setBusy(true);
    setNotice(null);
    try {
      const next = await run();
      setError(null);
      if (next) show(next);
      else {
        setSelected(null);
        versions.reload();
      }
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-section="job_detail">
      <header className="page-header">
        <button type="button" className="link" name="jobs_back" onClick={onBack}>
          {t("jobs.back")}
        </button>
        <h1>
          {position ? `${position.code} ${position.title}` : ""}
        </h1>
        {versions.data && versions.data.length > 0 ? (
          <label className="inline">
            {t("jobs.version")}{" "}
            <select
              name="job_version"
              value={v?.version ?? ""}
              onChange={(e) => {
                setEditing(false);
                setSelected(Number(e.target.value));
              }}
            >
              {versions.data.map((h) => (
                <option key={h.id} value={h.version}>
                  {t("jobs.versionN", { n: h.version })} — {t(`jobs.state.${h.state}`)}
                  {h.consent.length > 0 ? ` ⚠ ${t("jobs.consentShort")}` : ""}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </header>
      <ErrorBanner error={versions.error ?? version.error ?? error} />
      {notice ? <div className="banner info" role="status">{notice}</div> : null}

      {canEdit ? (
        <div className="toolbar" data-section="job_actions">
          {!hasOpen ? (
            <button type="button" name="job_new" onClick={() => { setDialog("new"); }}>
              {versions.data && versions.data.length > 0 ? t("jobs.newVersion") : t("jobs.newDraft")}
            </button>
          ) : null}
          {v?.status === "draft" && !editing ? (
            <>
              <button type="button" name="job_edit" onClick={() => { setEditing(true); }}>{t("jobs.edit")}</button>
              <button type="button" name="job_submit" disabled={busy} onClick={() => void act(() => api.job_submit(v.id))}>
                {t("jobs.submit")}
              </button>
              <button
                type="button"
                name="job_discard"
                className="danger-link"
                disabled={busy}
                onClick={() => {
                  if (window.confirm(t("jobs.discardConfirm", { n: v.version }))) void act(async () => { await api.job_draft_discard(v.id); return null; });
                }}
              >
                {t("jobs.discard")}
              </button>
            </>
          ) : null}
          {v?.status === "submitted" ? (
            <>
              <button type="button" name="job_record_approval" onClick={() => { setDialog("approve"); }}>{t("jobs.recordApproval")}</button>
              <button type="button" name="job_return" disabled={busy} onClick={() => void act(() => api.job_return_to_draft(v.id))}>
                {t("jobs.returnToDraft")}
              </button>
            </>
          ) : null}
          {v?.status === "approved" && v.holders.length > 0 ? (
            <button type="button" name="job_acknowledge" onClick={() => { setDialog("ack"); }}>{t("jobs.acknowledge")}</button>
          ) : null}
          {v ? (
            <button type="button" name="job_save_template" onClick={() => { setDialog("template"); }}>{t("jobs.saveTemplate")}</button>
          ) : null}
          {versions.data && versions.data.length > 1 ? (
            <button type="button" name="job_compare" onClick={() => { setDialog("diff"); }}>{t("jobs.compare")}</button>
          ) : null}
          {v ? <ExportButton summary={{ kind: "job", position_id: positionId, version: v.version }} title={`${t("docs.kind.job")} ${v.position.code} v${String(v.version)}`} /> : null}
        </div>
      ) : (
        <div className="toolbar">
          {versions.data && versions.data.length > 1 ? (
            <button type="button" name="job_compare" onClick={() => { setDialog("diff"); }}>{t("jobs.compare")}</button>
          ) : null}
          {v ? <ExportButton summary={{ kind: "job", position_id: positionId, version: v.version }} title={`${t("docs.kind.job")} ${v.position.code} v${String(v.version)}`} /> : null}
        </div>
      )}

      {versions.data && versions.data.length === 0 ? <p className="note">{t("jobs.noVersions")}</p> : null}
      {v && editing && v.status === "draft" ? (
        <JobEditor
          key={v.id}
          version={v}
          positions={positions.data ?? []}
          onCancel={() => { setEditing(false); }}
          onSaved={(next) => {
            setEditing(false);
            setNotice(t("jobs.saved"));
            show(next);
          }}
        />
      ) : null}
      {v && !(editing && v.status === "draft") ? <JobView v={v} /> : null}

      {dialog === "new" && position ? (
        <NewDraftDialog
          position={{ id: position.id, code: position.code, title: position.title }}
          hasVersions={(versions.data?.length ?? 0) > 0}
          onClose={() => { setDialog(null); }}
          onCreated={(next) => {
            setDialog(null);
            setEditing(true);
            show(next);
          }}
        />
      ) : null}
      {dialog === "approve" && v ? (
        <ApprovalDialog version={v} onClose={() => { setDialog(null); }} onDone={(next) => { setDialog(null); show(next); }} />
      ) : null}
      {dialog === "ack" && v ? (
        <AckDialog version={v} onClose={() => { setDialog(null); }} onDone={(next) => { setDialog(null); show(next); }} />
      ) : null}
      {dialog === "template" && v ? (
        <TemplateDialog
          version={v}
          onClose={() => { setDialog(null); }}
          onDone={(name) => {
            setDialog(null);
            setNotice(t("jobs.templateSaved", { name }));
          }}
        />
      ) : null}
      {dialog === "diff" && versions.data ? (
        <DiffDialog positionId={positionId} versions={versions.data} current={v?.version ?? null} onClose={() => { setDialog(null); }} />
      ) : null}
    </div>
  );
}

/** A version's sections as the employee reads them. */
function JobView({ v }: { v: JobVersion }) {
  const { t } = useI18n();
  const none = t("jobs.none");
  const r = v.body.requirements;
  const a = v.approval;
  const holders = v.holders.map((h) => h[1]);
  const acknowledged = new Set(v.acknowledgements.map((x) => x.employee_id));
  const missing = v.holders.filter((h) => !acknowledged.has(h[0])).map((h) => h[1]);
  const own = { id: v.position.id, label: t("jobs.colleague") };
  return (
    <article className="job-view" data-version={v.version} data-state={v.state}>
      <p className="meta">
        <span className={`badge state-${v.state}`} data-job-state={v.state}>{t(`jobs.state.${v.state}`)}</span>{" "}
        {v.based_on ? t("jobs.basedOn", { what: v.based_on }) : null}
        {v.submitted_at ? ` · ${t("jobs.submitted", { date: formatDateTime(v.submitted_at) })}` : null}
        {v.note ? ` · ${v.note}` : null}
      </p>
      {v.consent.length > 0 ? (
        <div className="banner warn" data-consent="true" role="note">
          {consentText(t, v)} ({t("jobs.comparedWith", { n: v.compared_with ?? 0 })})
        </div>
      ) : null}
      {a ? (
        <p className="meta" data-approval="true">
          {t("jobs.approved", { who: a.approved_by, date: formatDate(a.approved_on), ref: a.reference || t("jobs.signedPdf"), from: formatDate(a.in_force_from) })}
          {a.file ? <> · {t("jobs.fileLabel")} <KeptFile file={a.file} /></> : null}
        </p>
      ) : null}

      <h3>{t("jobs.purpose")}</h3>
      <p data-job-section="purpose">{v.body.purpose || none}</p>

      <h3>{t("jobs.structure")}</h3>
      <dl className="pairs">
        <dt>{t("jobs.reportsTo")}</dt>
        <dd>{v.reports_to ? `${v.reports_to.code} ${v.reports_to.title}` : none}</dd>
        <dt>{t("jobs.subordinates")}</dt>
        <dd>{refs(v.subordinates, none)}</dd>
        <dt>{t("jobs.holders")}</dt>
        <dd>{holders.join(", ") || none}</dd>
      </dl>

      <h3>{t("jobs.substitution")}</h3>
      <dl className="pairs">
        <dt>{t("jobs.substitutes")}</dt>
        <dd data-job-section="substitutes">{refs(v.substitutes, none, own)}</dd>
        <dt>{t("jobs.substitutedBy")}</dt>
        <dd data-job-section="substituted_by">{refs(v.substituted_by, none, own)}</dd>
      </dl>

      <h3>{t("jobs.duties")}</h3>
      <ol className="duties" data-job-section="duties">
        {v.body.duties.map((d) => (
          <li key={d.id} data-duty={d.id}>
            <div>
              {d.text}
              {d.main ? <span className="badge"> {t("jobs.mainShort")}</span> : null}
            </div>
            <div className="result">
              {t("jobs.result")}: {d.result || none}
            </div>
          </li>
        ))}
      </ol>

      <h3>{t("jobs.responsibility")}</h3>
      <p>{v.body.responsibility || none}</p>
      <h3>{t("jobs.rights")}</h3>
      <p>{v.body.rights || none}</p>
      <h3>{t("jobs.requirements")}</h3>
      <dl className="pairs" data-job-section="requirements">
        <dt>{t("jobs.education")}</dt>
        <dd>{r.education || none}</dd>
        <dt>{t("jobs.knowledge")}</dt>
        <dd>{r.knowledge || none}</dd>
        <dt>{t("jobs.skills")}</dt>
        <dd>{r.skills || none}</dd>
        <dt>{t("jobs.experience")}</dt>
        <dd>{r.experience || none}</dd>
        <dt>{t("jobs.personal")}</dt>
        <dd>{r.personal || none}</dd>
      </dl>

      {v.status === "approved" ? (
        <>
          <h3>{t("jobs.acknowledged")}</h3>
          <ul className="plain" data-section="acknowledgements">
            {v.acknowledgements.map((x) => (
              <li key={x.employee_id} data-ack={x.employee_id}>
                {x.employee} {formatDate(x.acknowledged_on)}
                {x.file ? <> · {t("jobs.fileLabel")} <KeptFile file={x.file} /></> : null}
              </li>
            ))}
          </ul>
          {missing.length > 0 ? <p className="warn-text">{t("jobs.notAcknowledged", { names: missing.join(", ") })}</p> : null}
        </>
      ) : null}
    </article>
  );
}
