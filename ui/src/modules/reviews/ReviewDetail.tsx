import { useState } from "react";
import type { Goal, Review, ReviewBody, ReviewSaved, ReviewStatus, Signer } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useLoad } from "../../components/useLoad";
import { useSubmit } from "../../components/useSubmit";
import { useI18n } from "../../i18n";
import { formatDate } from "../../i18n/format";
import { FormErrors, SelectField, TextAreaField } from "../contracts/shared";
import { ExportButton, KEY_ERRORS } from "../documents/ExportDialog";
import { NO_SIGNING, SigningFields, signingInput, type SigningState } from "../documents/SigningFields";
import { VerificationView } from "../documents/VerificationView";
import { TrainingDialog } from "./TrainingTab";

const NEXT: Partial<Record<ReviewStatus, ReviewStatus>> = {
  planned: "held",
  held: "summary_given",
  summary_given: "commented",
};

/** One interview: the topics of ATS § 30 — last year's goals rated, professional development,
 *  training needs, next year's goals, the employee's feedback — the summary and the comments;
 *  the status flow and the two signatures. */
export function ReviewDetail({ id, canEdit, canEditStaff, onBack }: { id: number; canEdit: boolean; canEditStaff: boolean; onBack: () => void }) {
  const { t } = useI18n();
  const review = useLoad(() => api.review(id), [id]);
  const settings = useLoad(() => api.review_settings(), []);
  const [dialog, setDialog] = useState<"comments" | "sign" | { need: number; text: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const r = review.data;
  const scale = settings.data?.scale ?? [];
  const editable = canEdit && r !== null && (r.status === "planned" || r.status === "held");

  async function advance(to: ReviewStatus, employeeComments = "") {
    if (!r) return;
    try {
      await api.review_advance({ id: r.id, to, on: "", employee_comments: employeeComments });
      setError(null);
      setNotice(t(`reviews.advanced.${to}`));
      review.reload();
    } catch (e) {
      setNotice(null);
      setError(toApiError(e));
    }
  }

  return (
    <div data-section="review_detail">
      <header className="page-header">
        <button type="button" className="link" name="reviews_back" onClick={onBack}>{t("reviews.back")}</button>
        <h1>{r ? `${r.employee} · ${t(`reviews.kind.${r.kind}`)} ${r.kind === "annual" ? String(r.year) : ""}` : ""}</h1>
      </header>
      <ErrorBanner error={review.error ?? settings.error} />
      <FormErrors error={error} shown={[]} />
      {notice ? <div className="banner info" role="status">{notice}</div> : null}
      {r ? (
        <>
          <p className="meta" data-review-status={r.status}>
            <span className={`badge review-${r.status}`}>{t(`reviews.status.${r.status}`)}</span>
            {r.position ? ` · ${r.position}` : null}
            {r.planned_on ? ` · ${t("reviews.plannedFor", { date: formatDate(r.planned_on) })}` : null}
            {r.held_on ? ` · ${t("reviews.heldOn", { date: formatDate(r.held_on) })}` : null}
            {r.probation_end ? ` · ${t("reviews.probationTo", { date: formatDate(r.probation_end) })}` : null}
            {r.file ? ` · ${t("reviews.fileKept", { name: r.file.file_name })}` : null}
          </p>
          {canEdit ? (
            <div className="toolbar" data-section="review_actions">
              {NEXT[r.status] === "held" ? <button type="button" name="review_held" onClick={() => void advance("held")}>{t("reviews.markHeld")}</button> : null}
              {NEXT[r.status] === "summary_given" ? <button type="button" name="review_give_summary" onClick={() => void advance("summary_given")}>{t("reviews.giveSummary")}</button> : null}
              {r.status === "summary_given" ? <button type="button" name="review_comments" onClick={() => { setDialog("comments"); }}>{t("reviews.recordComments")}</button> : null}
              {r.status === "commented" ? <button type="button" className="primary" name="review_sign" onClick={() => { setDialog("sign"); }}>{t("reviews.sign")}</button> : null}
              <ExportButton summary={{ kind: "review", id: r.id }} title={t("reviews.summaryTitle", { name: r.employee })} />
            </div>
          ) : null}
          {editable && settings.data ? (
            <ReviewEditor key={`${String(r.id)}-${r.updated_at}`} review={r} scale={scale} onSaved={() => { setNotice(t("reviews.saved")); review.reload(); }} />
          ) : (
            <ReviewView review={r} scale={scale} canTrain={canEditStaff} onTrain={(need, text) => { setDialog({ need, text }); }} />
          )}
          {editable ? (
            <NeedsTraining review={r} canTrain={canEditStaff} onTrain={(need, text) => { setDialog({ need, text }); }} />
          ) : null}
          {dialog === "comments" ? (
            <CommentsDialog onClose={() => { setDialog(null); }} onSave={async (text) => { await advance("commented", text); setDialog(null); }} />
          ) : null}
          {dialog === "sign" ? <SignDialog review={r} onClose={() => { setDialog(null); review.reload(); }} /> : null}
          {dialog !== null && typeof dialog === "object" ? (
            <TrainingDialog
              employeeId={r.employee_id}
              reviewId={r.id}
              needId={dialog.need}
              course={dialog.text}
              onClose={() => { setDialog(null); }}
              onDone={() => { setDialog(null); setNotice(t("reviews.trainingRequested")); review.reload(); }}
            />
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function GoalsView({ goals, scale, rated }: { goals: Goal[]; scale: string[]; rated: boolean }) {
  const { t } = useI18n();
  if (goals.length === 0) return <p className="muted">{t("reviews.noGoals")}</p>;
  return (
    <ol className="goals">
      {goals.map((g) => (
        <li key={g.id} data-goal={g.id}>
          {g.text}
          {g.kpi_code ? <span className="badge"> {t("reviews.kpiLink", { code: g.kpi_code })}</span> : null}
          {g.duty_id !== null ? <span className="badge"> {t("reviews.dutyLink")}</span> : null}
          {rated ? (
            <div className="result" data-rating={g.rating ?? ""}>
              {g.rating !== null ? `${String(g.rating)} – ${scale[g.rating - 1] ?? ""}` : t("reviews.unrated")}
              {g.comment ? ` · ${g.comment}` : null}
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function ReviewView({ review: r, scale, canTrain, onTrain }: { review: Review; scale: string[]; canTrain: boolean; onTrain: (need: number, text: string) => void }) {
  const { t } = useI18n();
  const b = r.body;
  const none = t("jobs.none");
  return (
    <article className="review-view">
      <h3>{t("reviews.goals")}</h3>
      <GoalsView goals={b.goals} scale={scale} rated />
      <h3>{t("reviews.development")}</h3>
      <p data-review-section="development">{b.development || none}</p>
      <h3>{t("reviews.needs")}</h3>
      <NeedList review={r} canTrain={canTrain} onTrain={onTrain} />
      <h3>{t("reviews.nextGoals")}</h3>
      <GoalsView goals={b.next_goals} scale={scale} rated={false} />
      <h3>{t("reviews.feedback")}</h3>
      <p>{b.feedback || none}</p>
      <h3>{t("reviews.summary")}</h3>
      <p data-review-section="summary">{b.summary || none}</p>
      <h3>{t("reviews.comments")}</h3>
      <p data-review-section="comments">{b.employee_comments || none}</p>
    </article>
  );
}

function NeedList({ review: r, canTrain, onTrain }: { review: Review; canTrain: boolean; onTrain: (need: number, text: string) => void }) {
  const { t } = useI18n();
  if (r.body.needs.length === 0) return <p className="muted">{t("jobs.none")}</p>;
  return (
    <ul className="plain" data-section="needs">
      {r.body.needs.map((n) => {
        const made = r.trainings.find((x) => x[0] === n.id);
        return (
          <li key={n.id} data-need={n.id}>
            {n.text}{" "}
            {made ? (
              <span className="badge" data-training={made[1]}>{t("reviews.trainingMade", { status: t(`training.status.${made[2]}`) })}</span>
            ) : canTrain && r.body.needs.length > 0 ? (
              <button type="button" className="link" name="training_from_need" data-need={n.id} onClick={() => { onTrain(n.id, n.text); }}>
                {t("reviews.requestTraining")}
              </button>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** While the interview is planned or held: the needs already saved can become training requests. */
function NeedsTraining({ review, canTrain, onTrain }: { review: Review; canTrain: boolean; onTrain: (need: number, text: string) => void }) {
  const { t } = useI18n();
  if (review.body.needs.length === 0) return null;
  return (
    <section data-section="saved_needs">
      <h3>{t("reviews.savedNeeds")}</h3>
      <NeedList review={review} canTrain={canTrain} onTrain={onTrain} />
    </section>
  );
}

const emptyGoal = (): Goal => ({ id: 0, text: "", rating: null, comment: "", duty_id: null, kpi_code: null, carried: false });

function ReviewEditor({ review, scale, onSaved }: { review: Review; scale: string[]; onSaved: () => void }) {
  const { t } = useI18n();
  const [body, setBody] = useState<ReviewBody>(review.body);
  const kpis = useLoad(() => api.kpi_indicators(), []);
  const duties = useLoad(async () => {
    if (review.position_id === null) return [];
    const line = (await api.jobs_list()).find((j) => j.position.id === review.position_id);
    if (!line?.in_force) return [];
    return (await api.job_version(line.position.id, line.in_force[0])).body.duties;
  }, [review.position_id]);
  const { error, busy, submit } = useSubmit(() => api.review_save({ id: review.id, body, planned_on: review.planned_on ?? "" }), onSaved);
  const errs = fieldErrors(error);
  const set = (patch: Partial<ReviewBody>) => { setBody({ ...body, ...patch }); };
  const setGoal = (which: "goals" | "next_goals", i: number, patch: Partial<Goal>) => {
    set({ [which]: body[which].map((g, k) => (k === i ? { ...g, ...patch } : g)) });
  };

  const goalRows = (which: "goals" | "next_goals", rated: boolean) => (
    <div className="goal-rows" data-goals={which}>
      {body[which].map((g, i) => (
        <div key={`${which}-${String(i)}`} className="goal-row" data-goal-row={i}>
          <input name={`${which}_${String(i)}_text`} aria-label={t("reviews.goal")} value={g.text} onChange={(e) => { setGoal(which, i, { text: e.target.value }); }} />
          {rated ? (
            <>
              <select name={`${which}_${String(i)}_rating`} aria-label={t("reviews.rating")} value={g.rating ?? ""} onChange={(e) => { setGoal(which, i, { rating: e.target.value === "" ? null : Number(e.target.value) }); }}>
                <option value="">{t("reviews.unrated")}</option>
                {scale.map((label, k) => (
                  <option key={label} value={k + 1}>{`${String(k + 1)} – ${label}`}</option>
                ))}
              </select>
              <input name={`${which}_${String(i)}_comment`} aria-label={t("reviews.comment")} placeholder={t("reviews.comment")} value={g.comment} onChange={(e) => { setGoal(which, i, { comment: e.target.value }); }} />
            </>
          ) : null}
          <select name={`${which}_${String(i)}_kpi`} aria-label={t("reviews.kpi")} value={g.kpi_code ?? ""} onChange={(e) => { setGoal(which, i, { kpi_code: e.target.value || null }); }}>
            <option value="">{t("reviews.noKpi")}</option>
            {(kpis.data ?? []).map((k) => (
              <option key={k.code} value={k.code}>{k.code}</option>
            ))}
          </select>
          <select name={`${which}_${String(i)}_duty`} aria-label={t("reviews.duty")} value={g.duty_id ?? ""} onChange={(e) => { setGoal(which, i, { duty_id: e.target.value === "" ? null : Number(e.target.value) }); }}>
            <option value="">{t("reviews.noDuty")}</option>
            {(duties.data ?? []).map((d, k) => (
              <option key={d.id} value={d.id}>{`${String(k + 1)}. ${d.text.slice(0, 50)}`}</option>
            ))}
          </select>
          <button type="button" className="danger-link" name={`${which}_${String(i)}_remove`} onClick={() => { set({ [which]: body[which].filter((_, k) => k !== i) }); }}>
            {t("jobs.removeDuty")}
          </button>
        </div>
      ))}
      <button type="button" name={`${which}_add`} onClick={() => { set({ [which]: [...body[which], emptyGoal()] }); }}>{t("reviews.addGoal")}</button>
      {errs[which] ? <div className="field-error" data-field-error={which} role="alert">{errs[which]}</div> : null}
    </div>
  );

  return (
    <form className="review-editor" data-section="review_editor" onSubmit={(e) => void submit(e)} noValidate>
      <FormErrors error={error} shown={["goals", "next_goals", "needs", "development", "feedback", "summary"]} />
      <h3>{t("reviews.goals")}</h3>
      <p className="muted small">{t("reviews.goalsHint")}</p>
      {goalRows("goals", true)}
      <TextAreaField label={t("reviews.development")} name="development" value={body.development} onChange={(v) => { set({ development: v }); }} error={errs.development} rows={3} />
      <h3>{t("reviews.needs")}</h3>
      <div className="goal-rows" data-needs="true">
        {body.needs.map((n, i) => (
          <div key={`need-${String(i)}`} className="goal-row">
            <input name={`need_${String(i)}`} aria-label={t("reviews.need")} value={n.text} onChange={(e) => { set({ needs: body.needs.map((x, k) => (k === i ? { ...x, text: e.target.value } : x)) }); }} />
            <button type="button" className="danger-link" onClick={() => { set({ needs: body.needs.filter((_, k) => k !== i) }); }}>{t("jobs.removeDuty")}</button>
          </div>
        ))}
        <button type="button" name="need_add" onClick={() => { set({ needs: [...body.needs, { id: 0, text: "" }] }); }}>{t("reviews.addNeed")}</button>
      </div>
      <h3>{t("reviews.nextGoals")}</h3>
      {goalRows("next_goals", false)}
      <TextAreaField label={t("reviews.feedback")} name="feedback" value={body.feedback} onChange={(v) => { set({ feedback: v }); }} error={errs.feedback} rows={3} />
      <TextAreaField label={t("reviews.summary")} name="summary" value={body.summary} onChange={(v) => { set({ summary: v }); }} error={errs.summary} rows={4} />
      <div className="form-actions">
        <button type="submit" className="primary" name="review_save" disabled={busy}>{t("common.save")}</button>
      </div>
    </form>
  );
}

function CommentsDialog({ onClose, onSave }: { onClose: () => void; onSave: (text: string) => Promise<void> }) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  return (
    <Dialog title={t("reviews.recordComments")} onClose={onClose} name="review_comments">
      <form onSubmit={(e) => { e.preventDefault(); void onSave(text); }}>
        <TextAreaField label={t("reviews.comments")} name="employee_comments" value={text} onChange={setText} rows={4} />
        <p className="muted small">{t("reviews.commentsHint")}</p>
        <div className="form-actions">
          <button type="submit" className="primary" name="review_comments_save">{t("common.save")}</button>
          <button type="button" onClick={onClose}>{t("common.cancel")}</button>
        </div>
      </form>
    </Dialog>
  );
}

/** The head signs the summary first, then the employee (their certificate must name them). */
function SignDialog({ review, onClose }: { review: Review; onClose: () => void }) {
  const { t } = useI18n();
  const [signer, setSigner] = useState<Signer>(review.file ? "employee" : "head");
  const [signing, setSigning] = useState<SigningState>({ ...NO_SIGNING, choice: "pkcs11" });
  const [saved, setSaved] = useState<ReviewSaved | null>(null);
  const headRole = useLoad(() => api.signing_role().catch(() => null), []);
  const { error, busy, submit } = useSubmit(
    async () => {
      const sign = await signingInput(signing);
      if (!sign) throw new Error(t("jobs.chooseKeyFile"));
      return api.review_sign({ review_id: review.id, signer, sign });
    },
    setSaved,
  );
  const keyError = error && KEY_ERRORS.includes(error.code) ? error.message : undefined;
  const errs = fieldErrors(error);
  return (
    <Dialog title={t("reviews.signTitle", { name: review.employee })} onClose={onClose} name="review_sign">
      {saved ? (
        <>
          <p role="status" data-review-signed={saved.review.status}>{t(saved.review.status === "signed" ? "reviews.signedBoth" : "reviews.signedHead")}</p>
          {saved.saved.verification ? <VerificationView report={saved.saved.verification} document={saved.saved.record} path={saved.saved.path} /> : null}
          <div className="form-actions">
            <button type="button" className="primary" name="review_sign_close" onClick={onClose}>{t("common.close")}</button>
          </div>
        </>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <FormErrors error={keyError ? null : error} shown={["signer"]} />
          <SelectField label={t("reviews.signer")} name="signer" value={signer} onChange={(v) => { setSigner(v as Signer); }} error={errs.signer}>
            <option value="head">{t("reviews.signer.head")}</option>
            <option value="employee" disabled={!review.file}>{t("reviews.signer.employee", { name: review.employee })}</option>
          </SelectField>
          <SigningFields value={signing} onChange={setSigning} optional={false} role={signer === "employee" ? t("reviews.employeeRole") : (headRole.data ?? null)} keyError={keyError} />
          <div className="form-actions">
            <button type="submit" className="primary" name="review_sign_submit" disabled={busy}>{t("reviews.sign")}</button>
            <button type="button" onClick={onClose}>{t("common.cancel")}</button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
