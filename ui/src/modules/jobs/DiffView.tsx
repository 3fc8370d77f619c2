import { useState } from "react";
import type { DiffOp, JobVersionHead } from "../../api/bindings";
import { api } from "../../api/client";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { SelectField } from "../contracts/shared";

/** Words kept, removed (struck through) and added (underlined), inline. */
function Ops({ ops }: { ops: DiffOp[] }) {
  return (
    <>
      {ops.map((o, i) =>
        o.kind === "insert" ? (
          <ins key={i}>{o.text}</ins>
        ) : o.kind === "delete" ? (
          <del key={i}>{o.text}</del>
        ) : (
          <span key={i}>{o.text}</span>
        ),
      )}
    </>
  );
}

/** Two versions compared section by section; a change that needs the holder's consent
 *  (Civil Service Act § 59(1¹)) is marked on its section and above the whole. */
export function DiffDialog({
  positionId,
  versions,
  current,
  onClose,
}: {
  positionId: number;
  versions: JobVersionHead[];
  current: number | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const numbers = versions.map((v) => v.version).sort((a, b) => a - b);
  const newest = current ?? numbers[numbers.length - 1] ?? 1;
  const older = numbers.filter((n) => n < newest);
  const [from, setFrom] = useState(older[older.length - 1] ?? numbers[0] ?? 1);
  const [to, setTo] = useState(newest);
  const diff = useLoad(() => api.job_diff(positionId, from, to), [positionId, from, to]);
  const d = diff.data;
  const changed = d ? d.sections.filter((s) => s.kind !== "same") : [];
  const unchanged = d ? d.sections.length - changed.length : 0;
  return (
    <Dialog title={d ? t("jobs.diffTitle", { code: d.position_code, a: from, b: to }) : t("jobs.compare")} onClose={onClose} name="job_diff">
      <div className="toolbar">
        <SelectField label={t("jobs.diffFrom")} name="diff_from" value={String(from)} onChange={(v) => { setFrom(Number(v)); }}>
          {numbers.map((n) => (
            <option key={n} value={n}>{t("jobs.versionN", { n })}</option>
          ))}
        </SelectField>
        <SelectField label={t("jobs.diffTo")} name="diff_to" value={String(to)} onChange={(v) => { setTo(Number(v)); }}>
          {numbers.map((n) => (
            <option key={n} value={n}>{t("jobs.versionN", { n })}</option>
          ))}
        </SelectField>
      </div>
      <ErrorBanner error={diff.error} />
      {d && d.consent.length > 0 ? (
        <div className="banner warn" data-consent="true" role="note">
          {t("jobs.consent", { what: d.consent.map((c) => t(`jobs.consent.${c}`)).join(", ") })}
        </div>
      ) : null}
      {d && changed.length === 0 ? <p className="note">{t("jobs.diffSame")}</p> : null}
      <div className="job-diff" data-section="job_diff">
        {changed.map((s, i) => (
          <section key={i} className={s.consent ? "diff-section consent" : "diff-section"} data-diff-section={s.section} data-diff-kind={s.kind} data-consent={s.consent ? "true" : undefined}>
            <h4>
              {s.label} <span className="badge">{t(`jobs.kind.${s.kind === "added" ? "added" : s.kind === "removed" ? "removed" : "changed"}`)}</span>
              {s.consent ? <span className="badge warn"> ⚠ {t("jobs.needsConsent")}</span> : null}
            </h4>
            <p>
              <Ops ops={s.ops} />
            </p>
            {s.result_ops.length > 0 ? (
              <p className="result">
                {t("jobs.result")}: <Ops ops={s.result_ops} />
              </p>
            ) : null}
            {s.main && s.main[0] !== s.main[1] ? (
              <p className="meta">
                {t("jobs.mainChange", { from: s.main[0] ? t("jobs.yes") : t("jobs.no"), to: s.main[1] ? t("jobs.yes") : t("jobs.no") })}
              </p>
            ) : null}
          </section>
        ))}
      </div>
      {d && unchanged > 0 && changed.length > 0 ? <p className="note">{t("jobs.diffUnchanged", { n: unchanged })}</p> : null}
    </Dialog>
  );
}
