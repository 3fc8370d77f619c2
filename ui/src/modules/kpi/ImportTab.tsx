import { useEffect, useRef, useState, type SyntheticEvent } from "react";
import type { ImportBatch, ImportKind, ImportProgress, KpiImportReport, RejectedRow, TicketProfile } from "../../api/bindings";
import { api, toApiError, type ApiError } from "../../api/client";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Table } from "../../components/Table";
import { useLoad } from "../../components/useLoad";
import { useI18n, type Translate } from "../../i18n";
import { formatCount, formatDateTime, formatMonth } from "../../i18n/format";
import { fileSize, FormErrors, SelectField } from "../contracts/shared";

/** Each read of the file: 4 MiB, so a 300 MB export goes in some 75 steps with progress shown. */
const CHUNK = 4 * 1024 * 1024;

const TICKET_FORMATS = ["jira", "zammad", "znuny", "glpi", "mapped"] as const;
const CALL_FORMATS = ["asterisk", "csv"] as const;

export function formatLabel(t: Translate, format: string): string {
  switch (format) {
    case "jira":
      return "Jira";
    case "zammad":
      return "Zammad";
    case "znuny":
      return "Znuny / OTRS";
    case "glpi":
      return "GLPI";
    case "asterisk":
      return "Asterisk queue_log";
    case "mapped":
      return t("kpi.format.mapped");
    case "csv":
      return t("kpi.format.callsCsv");
    default:
      return format;
  }
}

interface Run {
  file: File;
  kind: ImportKind;
  format: string;
  profile: string | null;
}

type RunState = "running" | "done" | "cancelled" | "failed";

/** Importing a ticket or call export, read in pieces with progress and a way to stop; the report
 *  with every rejected row; the imports so far. */
export function ImportTab({ canEdit, active }: { canEdit: boolean; active: boolean }) {
  const { t } = useI18n();
  const profiles = useLoad(() => api.kpi_profiles(), [active]);
  const batches = useLoad(() => api.kpi_batches(), [active]);
  const [kind, setKind] = useState<ImportKind>("tickets");
  const [format, setFormat] = useState<string>("jira");
  const [profileChoice, setProfileChoice] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [acceptValid, setAcceptValid] = useState(false);
  const [state, setState] = useState<RunState | null>(null);
  const [sent, setSent] = useState({ bytes: 0, size: 0 });
  const [progress, setProgress] = useState<ImportProgress>({ bytes: 0, rows: 0, rejected: 0 });
  const [report, setReport] = useState<KpiImportReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [last, setLast] = useState<Run | null>(null);
  const cancelled = useRef(false);

  // Read afresh each time: the Cancel button sets it while the import awaits the core.
  const stopped = () => cancelled.current;

  // Leaving the module stops a running import (nothing is imported).
  useEffect(() => () => { cancelled.current = true; }, []);

  const formats: readonly string[] = kind === "tickets" ? TICKET_FORMATS : CALL_FORMATS;
  const choices: TicketProfile[] = kind === "tickets" ? (profiles.data ?? []).filter((p) => p.format === format) : [];
  const profile = kind === "tickets" ? (choices.find((p) => p.name === profileChoice) ?? choices[0] ?? null) : null;
  const running = state === "running";
  const needsProfile = kind === "tickets" && format === "mapped" && profile === null;

  function chooseKind(k: ImportKind) {
    setKind(k);
    setFormat(k === "tickets" ? "jira" : "asterisk");
    setProfileChoice("");
  }

  async function run(r: Run, accept: boolean) {
    cancelled.current = false;
    setLast(r);
    setState("running");
    setReport(null);
    setError(null);
    setSent({ bytes: 0, size: r.file.size });
    setProgress({ bytes: 0, rows: 0, rejected: 0 });
    let begun = false;
    try {
      await api.kpi_import_begin({ kind: r.kind, format: r.format, profile: r.profile, file_name: r.file.name, accept_valid: accept });
      begun = true;
      // One decoder for the whole file: a character split between two pieces is decoded whole.
      const decoder = new TextDecoder("utf-8");
      for (let offset = 0; offset < r.file.size; offset += CHUNK) {
        if (stopped()) break;
        const end = Math.min(offset + CHUNK, r.file.size);
        const text = decoder.decode(await r.file.slice(offset, end).arrayBuffer(), { stream: true });
        setProgress(await api.kpi_import_chunk(text));
        setSent({ bytes: end, size: r.file.size });
      }
      if (stopped()) {
        begun = false;
        await api.kpi_import_cancel();
        setState("cancelled");
        return;
      }
      const tail = decoder.decode();
      if (tail) setProgress(await api.kpi_import_chunk(tail));
      const result = await api.kpi_import_finish();
      begun = false;
      setReport(result);
      setState("done");
      batches.reload();
    } catch (err) {
      if (begun) await api.kpi_import_cancel().catch(() => null);
      setError(toApiError(err));
      setState("failed");
    }
  }

  function start(e: SyntheticEvent) {
    e.preventDefault();
    if (!file || running || needsProfile) return;
    void run({ file, kind, format, profile: profile?.name ?? null }, acceptValid);
  }

  const fraction = sent.size > 0 ? sent.bytes / sent.size : state === "done" ? 1 : 0;

  return (
    <div data-section="kpi_import">
      <p className="note">{t("kpi.importIntro")}</p>
      <ErrorBanner error={profiles.error ?? batches.error} />
      {canEdit ? (
        <form className="side-form inline-form kpi-import-form" onSubmit={start} noValidate data-form="kpi_import">
          <SelectField label={t("kpi.importKind")} name="import_kind" value={kind} onChange={(v) => { chooseKind(v as ImportKind); }} disabled={running}>
            <option value="tickets">{t("kpi.kind.tickets")}</option>
            <option value="calls">{t("kpi.kind.calls")}</option>
          </SelectField>
          <SelectField label={t("kpi.importFormat")} name="import_format" value={format} onChange={(v) => { setFormat(v); setProfileChoice(""); }} disabled={running}>
            {formats.map((f) => <option key={f} value={f}>{formatLabel(t, f)}</option>)}
          </SelectField>
          {kind === "tickets" ? (
            <SelectField
              label={t("kpi.importProfile")}
              name="import_profile"
              value={profile?.name ?? ""}
              onChange={setProfileChoice}
              disabled={running || choices.length === 0}
              hint={needsProfile ? t("kpi.noMappedProfiles") : undefined}
            >
              {choices.length === 0 ? <option value="">{format === "mapped" ? t("kpi.chooseProfile") : t("kpi.defaultProfile")}</option> : null}
              {choices.map((p) => <option key={p.name} value={p.name}>{p.name}</option>)}
            </SelectField>
          ) : null}
          <div className="field">
            <label htmlFor="kpi-file">{t("kpi.importFile")}</label>
            <input
              id="kpi-file"
              type="file"
              name="kpi_file"
              disabled={running}
              onChange={(e) => { setFile(e.target.files?.[0] ?? null); }}
            />
          </div>
          <label className="check">
            <input type="checkbox" name="import_accept_valid" checked={acceptValid} disabled={running} onChange={(e) => { setAcceptValid(e.target.checked); }} />
            {t("kpi.acceptValid")}
          </label>
          <button type="submit" className="primary" id="kpi-import-button" name="kpi_import" disabled={!file || running || needsProfile}>
            {t("kpi.import")}
          </button>
        </form>
      ) : (
        <p className="muted">{t("kpi.importReadOnly")}</p>
      )}
      {state !== null && last ? (
        <section className="kpi-progress" data-section="kpi_import_progress" data-state={state}>
          <div className="kpi-progress-row">
            <progress id="kpi-progress" max={1} value={fraction} aria-label={t("kpi.progressLabel", { file: last.file.name })} />
            <span className="num" data-rows={progress.rows} role="status">
              {t("kpi.rowsRead", { n: formatCount(progress.rows) })}
              {progress.rejected > 0 ? ` · ${t("kpi.rowsRejected", { n: formatCount(progress.rejected) })}` : ""}
              {" · "}
              {fileSize(sent.bytes)} / {fileSize(sent.size)}
            </span>
            {running ? (
              <button type="button" name="kpi_import_cancel" onClick={() => { cancelled.current = true; }}>
                {t("kpi.cancelImport")}
              </button>
            ) : null}
          </div>
          {state === "cancelled" ? <div className="banner info" data-notice>{t("kpi.importCancelled")}</div> : null}
        </section>
      ) : null}
      <FormErrors error={error} shown={[]} />
      {report && last ? (
        <Report
          report={report}
          onAcceptValid={() => {
            setAcceptValid(true);
            void run(last, true);
          }}
          busy={running}
        />
      ) : null}
      <h3 className="kpi-subheading">{t("kpi.batches")}</h3>
      <Table<ImportBatch>
        name="kpi_batches"
        rows={batches.data ?? []}
        rowKey={(b) => b.id}
        columns={[
          { key: "at", label: t("kpi.batchAt"), render: (b) => formatDateTime(b.imported_at), sort: (b) => b.imported_at, className: "num" },
          { key: "by", label: t("kpi.batchBy"), render: (b) => b.imported_by, sort: (b) => b.imported_by },
          { key: "kind", label: t("kpi.importKind"), render: (b) => t(`kpi.kind.${b.kind}`), sort: (b) => b.kind },
          { key: "format", label: t("kpi.importFormat"), render: (b) => `${formatLabel(t, b.format)}${b.profile && b.profile !== b.format ? ` · ${b.profile}` : ""}` },
          { key: "file", label: t("kpi.importFile"), render: (b) => <span className="clip" title={b.file_name}>{b.file_name}</span>, sort: (b) => b.file_name },
          { key: "rows", label: t("kpi.batchRows"), render: (b) => formatCount(b.rows), sort: (b) => b.rows, className: "num money" },
          { key: "inserted", label: t("kpi.batchInserted"), render: (b) => formatCount(b.inserted), sort: (b) => b.inserted, className: "num money" },
          { key: "updated", label: t("kpi.batchUpdated"), render: (b) => formatCount(b.updated), sort: (b) => b.updated, className: "num money" },
          { key: "rejected", label: t("kpi.batchRejected"), render: (b) => formatCount(b.rejected), sort: (b) => b.rejected, className: "num money" },
        ]}
        empty={t(canEdit ? "kpi.noBatches" : "kpi.noBatchesReadOnly")}
      />
    </div>
  );
}

function Report({ report, onAcceptValid, busy }: { report: KpiImportReport; onAcceptValid: () => void; busy: boolean }) {
  const { t } = useI18n();
  const r = report;
  const months = r.first_month && r.last_month
    ? r.first_month === r.last_month ? formatMonth(r.first_month) : `${formatMonth(r.first_month)}–${formatMonth(r.last_month)}`
    : null;
  return (
    <section
      className={r.committed ? "kpi-report committed" : "kpi-report refused"}
      data-section="kpi_import_report"
      data-committed={r.committed ? "yes" : "no"}
      data-rows={r.rows}
      data-inserted={r.inserted}
      data-updated={r.updated}
      data-rejected={r.rejected_count}
    >
      {r.committed ? (
        <p>
          <span aria-hidden="true">✔ </span>
          {t("kpi.reportDone", { rows: formatCount(r.rows), inserted: formatCount(r.inserted), updated: formatCount(r.updated) })}
          {months ? ` ${t("kpi.reportMonths", { months })}` : ""}
          {" "}
          <span className="muted">{t("kpi.reportTime", { s: (r.elapsed_ms / 1000).toFixed(1).replace(".", ",") })}</span>
        </p>
      ) : r.rejected_count > 0 ? (
        <div className="refusal">
          <p>
            <span aria-hidden="true">✖ </span>
            {t("kpi.reportRefused", { n: formatCount(r.rejected_count), rows: formatCount(r.rows) })}
          </p>
          <button type="button" className="primary" name="kpi_import_valid" disabled={busy} onClick={onAcceptValid}>
            {t("kpi.importValidOnly")}
          </button>
        </div>
      ) : (
        <p>{t("kpi.reportNothing")}</p>
      )}
      {r.committed && r.rejected_count > 0 ? <p className="warn-text">⚠ {t("kpi.reportSkipped", { n: formatCount(r.rejected_count) })}</p> : null}
      {r.missing_columns.length > 0 ? (
        <p className="warn-text" data-missing-columns>⚠ {t("kpi.reportMissingColumns", { columns: r.missing_columns.join(", ") })}</p>
      ) : null}
      {r.rejected_count > r.rejected.length ? (
        <p className="muted">{t("kpi.reportRejectedShown", { shown: formatCount(r.rejected.length), n: formatCount(r.rejected_count) })}</p>
      ) : null}
      {r.incomplete > 0 ? <p className="muted">{t("kpi.reportIncomplete", { n: formatCount(r.incomplete) })}</p> : null}
      {r.rejected.length > 0 ? (
        <Table<RejectedRow>
          name="kpi_rejected"
          rows={r.rejected}
          rowKey={(x) => `${String(x.line)}:${x.reason}`}
          columns={[
            { key: "line", label: t("kpi.rejectedLine"), render: (x) => x.line, sort: (x) => x.line, className: "num" },
            { key: "reason", label: t("kpi.rejectedReason"), render: (x) => x.reason, sort: (x) => x.reason },
          ]}
          empty=""
        />
      ) : null}
    </section>
  );
}
