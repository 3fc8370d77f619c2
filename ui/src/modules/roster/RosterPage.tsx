import { useCallback, useMemo, useRef, useState, type ChangeEvent, type SyntheticEvent } from "react";
import type { ImportReport, ProposalView, RosterView } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Field } from "../../components/Field";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { formatDate, formatDateTime } from "../../i18n/format";
import { currentMonth, hours, monthTitle, shiftMonth } from "./month";
import { RosterGrid, type Cursor } from "./RosterGrid";
import { ShiftSettings } from "./ShiftSettings";
import { ExportButton } from "../documents/ExportDialog";
import { Tabs } from "../../components/Tabs";
import { ProposePanel } from "./ProposePanel";
import { RequestsDialog } from "./RequestsDialog";

interface Pending {
  row: number;
  col: number;
  code: string;
}

/** The duty roster: the month grid, checked as you type, with publishing and history. */
export function RosterPage({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<"month" | "shifts">("month");
  const [month, setMonth] = useState(currentMonth());
  return (
    <section className="page roster-page" data-page="roster">
      <header className="page-header">
        <h1>{t("roster.title")}</h1>
        <Tabs
          tabs={[
            { id: "month", name: "tab_month", label: t("roster.tabMonth") },
            { id: "shifts", name: "tab_shifts", label: t("roster.tabShifts") },
          ]}
          value={tab}
          onChange={setTab}
        />
      </header>
      {tab === "month" ? <MonthRoster key={month} month={month} setMonth={setMonth} canEdit={canEdit} /> : <ShiftSettings canEdit={canEdit} />}
    </section>
  );
}

function MonthRoster({ month, setMonth, canEdit }: { month: string; setMonth: (m: string) => void; canEdit: boolean }) {
  const { t } = useI18n();
  const loaded = useLoad(() => api.roster(month), [month]);
  const [edited, setEdited] = useState<RosterView | null>(null);
  const [proposal, setProposal] = useState<ProposalView | null>(null);
  const [requestsOpen, setRequestsOpen] = useState(false);
  const onProposal = useCallback((p: ProposalView | null) => { setProposal(p); }, []);
  // Under review, the grid shows the month as the proposal would make it, changed cells marked.
  const changed = useMemo(() => {
    const byEmployee = new Map<number, Map<number, string>>();
    for (const c of proposal?.cells ?? []) {
      const day = Number(c.date.slice(8, 10)) - 1;
      const row = byEmployee.get(c.employee_id) ?? new Map<number, string>();
      row.set(day, c.before ?? "");
      byEmployee.set(c.employee_id, row);
    }
    return byEmployee;
  }, [proposal]);
  const current = edited ?? loaded.data;
  const view = proposal?.preview ?? current;
  const [cursor, setCursor] = useState<Cursor>({ row: 0, col: 0 });
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<ApiError | null>(null);
  const [clipboard, setClipboard] = useState<(string | null)[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [validOnly, setValidOnly] = useState(false);
  const [focusToken, setFocusToken] = useState(0);
  const [confirmPublish, setConfirmPublish] = useState(false);
  // Edits go to the core one after another, in the order they were typed.
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  if (!view) {
    return <>{loaded.error ? <ErrorBanner error={loaded.error} /> : <p className="muted">{t("app.loading")}</p>}</>;
  }
  const title = monthTitle(month, t("roster.months"));

  async function save(row: number, col: number, code: string, why: string): Promise<boolean> {
    if (!view) return false;
    const r = view.rows[row];
    const d = view.days[col];
    if (!r || !d) return false;
    try {
      const next = await api.roster_set({ month, employee_id: r.employee_id, date: d.date, code, reason: why });
      setEdited(next);
      setError(null);
      return true;
    } catch (e) {
      const err = toApiError(e);
      if (err.fields.some((f) => f.field === "reason")) {
        setPending({ row, col, code });
        setReasonError(why ? err : null);
        return false;
      }
      setError(err);
      return false;
    }
  }

  function type(row: number, col: number, key: string) {
    if (!view) return;
    const absent = view.rows[row]?.absences[col];
    if (absent && key !== "") {
      setError({ code: "absent", message: `${view.rows[row]?.name ?? ""} ${formatDate(view.days[col]?.date)}: ${t("roster.absentCell", { kind: t(`absence.${absent}`) })}`, fields: [] });
      return;
    }
    const code = key === "" ? "" : (view.shift_types.find((s) => s.active && s.code.toLowerCase() === key.toLowerCase())?.code ?? key);
    if (view.published) {
      setPending({ row, col, code });
      setReason("");
      setReasonError(null);
      return;
    }
    // Show the code at once and move on; the core's checked view replaces it when it arrives.
    const before = view;
    setEdited({
      ...view,
      rows: view.rows.map((r, i) => (i === row ? { ...r, cells: r.cells.map((c, j) => (j === col ? code || null : c)) } : r)),
    });
    if (key !== "") setCursor({ row, col: Math.min(col + 1, view.days.length - 1) });
    queue.current = queue.current.then(async () => {
      if (!(await save(row, col, code, ""))) setEdited(before);
    });
  }

  async function lock(row: number, col: number) {
    if (!view || proposal) return;
    const r = view.rows[row];
    const d = view.days[col];
    if (!r || !d) return;
    try {
      setEdited(await api.roster_lock(month, r.employee_id, d.date));
      setError(null);
    } catch (e) {
      setError(toApiError(e));
    }
  }

  function weekStart(col: number): number {
    const d = view?.days[col];
    return d ? col - (d.weekday - 1) : col;
  }

  function copyWeek() {
    const row = view?.rows[cursor.row];
    if (!row) return;
    const start = weekStart(cursor.col);
    setClipboard(Array.from({ length: 7 }, (_, i) => row.cells[start + i] ?? null));
  }

  async function pasteWeek() {
    if (!clipboard || !view) return;
    const start = weekStart(cursor.col);
    for (let i = 0; i < 7; i++) {
      const col = start + i;
      const row = view.rows[cursor.row];
      if (col < 0 || col >= view.days.length || !row || row.absences[col]) continue;
      const code = clipboard[i] ?? "";
      if ((row.cells[col] ?? "") === code) continue;
      if (!(await save(cursor.row, col, code, ""))) break;
    }
  }

  async function submitReason(e: SyntheticEvent) {
    e.preventDefault();
    if (!pending) return;
    if (await save(pending.row, pending.col, pending.code, reason)) {
      setPending(null);
      setFocusToken((n) => n + 1);
    }
  }

  async function publish() {
    setConfirmPublish(false);
    try {
      setEdited(await api.roster_publish(month));
    } catch (e) {
      setError(toApiError(e));
    }
    setFocusToken((n) => n + 1);
  }

  async function exportFile(employeeId: number | null) {
    try {
      const path = await api.roster_export(month, employeeId);
      setNotice(t("roster.exported", { path }));
    } catch (e) {
      setError(toApiError(e));
    }
  }

  async function importFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    try {
      const text = await file.text();
      const result = await api.roster_import(month, text, validOnly);
      setReport(result);
      setNotice(t("roster.imported", { n: result.imported }));
      setEdited(await api.roster(month));
      setError(null);
    } catch (err) {
      setError(toApiError(err));
    }
  }

  function show(employeeId: number | null, dayIndex: number | null) {
    if (!view) return;
    const row = employeeId === null ? cursor.row : view.rows.findIndex((r) => r.employee_id === employeeId);
    setCursor({ row: row >= 0 ? row : cursor.row, col: dayIndex ?? cursor.col });
    setFocusToken((n) => n + 1);
  }

  const pendingRow = pending ? view.rows[pending.row] : undefined;
  const errors = view.findings.filter((f) => f.severity === "error").length;

  return (
    <>
      <div className="roster-bar">
        <button type="button" name="prev_month" onClick={() => { setMonth(shiftMonth(month, -1)); }} aria-label={t("roster.prev")}>◀</button>
        <h2 className="month-title" data-month={month}>{title}</h2>
        <button type="button" name="next_month" onClick={() => { setMonth(shiftMonth(month, 1)); }} aria-label={t("roster.next")}>▶</button>
        <span className={view.published ? "pill published" : "pill"} data-status={view.published ? "published" : "draft"}>
          {view.published ? t("roster.published", { date: formatDateTime(view.published_at ?? ""), by: view.published_by ?? "" }) : t("roster.draft")}
        </span>
        {canEdit && !view.published ? (
          <button type="button" name="publish" className="primary" onClick={() => { setConfirmPublish(true); }}>{t("roster.publish")}</button>
        ) : null}
        <span className="muted">{t("roster.norm", { hours: `${hours(view.norm_minutes)} h` })}</span>
        <span className="spacer" />
        <ExportButton summary={{ kind: "roster", month }} title={`${t("docs.kind.roster")}: ${title}`} />
        <button type="button" name="export_csv" onClick={() => void exportFile(null)}>{t("roster.export")}</button>
        <button type="button" name="export_ics" onClick={() => void exportFile(view.rows[cursor.row]?.employee_id ?? null)} disabled={view.rows.length === 0}>{t("roster.exportIcs")}</button>
        <button type="button" name="requests" onClick={() => { setRequestsOpen(true); }}>
          {t("roster.requests", { n: view.rows.reduce((n, r) => n + r.requests.filter((x) => x !== null).length, 0) })}
        </button>
        {canEdit && !view.published ? (
          <>
            <label className="button-like">
              {t("roster.import")}
              <input type="file" name="import_csv" accept=".csv,text/csv" className="visually-hidden" onChange={(e) => void importFile(e)} />
            </label>
            <label className="check">
              <input type="checkbox" name="import_valid_only" checked={validOnly} onChange={(e) => { setValidOnly(e.target.checked); }} />
              {t("roster.importValidOnly")}
            </label>
          </>
        ) : null}
      </div>
      {canEdit && !view.published ? (
        <ProposePanel
          month={month}
          onProposal={onProposal}
          onAccepted={(v) => { setEdited(v); setFocusToken((n) => n + 1); }}
        />
      ) : null}
      <ErrorBanner error={error} />
      {error && error.code === "import_rejected" ? (
        <ul className="rejected" data-import-rejected>
          {error.fields.map((f) => <li key={f.field}>{f.field.replace("line:", t("roster.importRejected") + " ")}: {f.message}</li>)}
        </ul>
      ) : null}
      {notice ? <div className="banner info" data-notice>{notice}</div> : null}
      {report && report.rejected.length > 0 ? (
        <ul className="rejected">
          {report.rejected.map((r) => <li key={r.line}>{r.line}: {r.message}</li>)}
        </ul>
      ) : null}
      {view.rows.length === 0 ? (
        <div className="empty">{t("roster.empty")}</div>
      ) : (
        <RosterGrid
          view={view}
          cursor={cursor}
          onCursor={setCursor}
          onType={type}
          onCopyWeek={copyWeek}
          onPasteWeek={() => void pasteWeek()}
          onLock={(row, col) => void lock(row, col)}
          canEdit={canEdit && proposal === null}
          focusToken={focusToken}
          changed={proposal ? changed : undefined}
        />
      )}
      <p className="muted keys">{t(proposal ? "propose.keys" : "roster.keys")}</p>
      <section className="findings" data-findings={view.findings.length} data-errors={errors}>
        <h3>{t("roster.findings", { n: view.findings.length })}</h3>
        {view.findings.length === 0 ? (
          <p className="muted">{t("roster.noFindings")}</p>
        ) : (
          <ul>
            {view.findings.map((f, i) => (
              <li key={i} className={f.severity} data-rule={f.rule}>
                <span className="sev" aria-hidden="true">{f.severity === "error" ? "⚠" : "○"}</span>
                <span className="msg">{f.message}</span>
                <button type="button" className="link" onClick={() => { show(f.employee_id, f.day_index); }}>{t("roster.show")}</button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {view.published ? (
        <section className="history" data-history={view.changes.length}>
          <h3>{t("roster.history")}</h3>
          {view.changes.length === 0 ? (
            <p className="muted">{t("roster.noHistory")}</p>
          ) : (
            <ul>
              {view.changes.map((c, i) => (
                <li key={i} data-change={i}>
                  {formatDateTime(c.at)} · {c.user_name} · {c.employee_name} {formatDate(c.date)}: {c.before ?? "∅"} → {c.after ?? "∅"} · „{c.reason}“
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {pending && pendingRow ? (
        <Dialog title={t("roster.reasonTitle")} onClose={() => { setPending(null); setFocusToken((n) => n + 1); }} name="reason">
          <form onSubmit={(e) => void submitReason(e)} noValidate>
            <p>
              {t("roster.reasonText", {
                month: title,
                name: pendingRow.name,
                date: formatDate(view.days[pending.col]?.date),
                before: pendingRow.cells[pending.col] ?? "∅",
                after: pending.code || "∅",
              })}
            </p>
            <Field label={t("roster.reason")} name="reason" value={reason} onChange={setReason} error={fieldErrors(reasonError).reason} autoFocus />
            <div className="actions">
              <button type="button" onClick={() => { setPending(null); }}>{t("common.cancel")}</button>
              <button type="submit" className="primary" name="save_reason">{t("common.save")}</button>
            </div>
          </form>
        </Dialog>
      ) : null}
      {requestsOpen ? (
        <RequestsDialog
          month={month}
          view={current ?? view}
          employeeId={view.rows[cursor.row]?.employee_id ?? null}
          date={view.days[cursor.col]?.date ?? null}
          canEdit={canEdit && !view.published}
          onClose={(changedAny) => {
            setRequestsOpen(false);
            setFocusToken((n) => n + 1);
            if (changedAny) void api.roster(month).then(setEdited, (e: unknown) => { setError(toApiError(e)); });
          }}
        />
      ) : null}
      {confirmPublish ? (
        <Dialog title={t("roster.publish")} onClose={() => { setConfirmPublish(false); }} name="publish">
          <p>{t("roster.publishConfirm", { month: title })}</p>
          <div className="actions">
            <button type="button" onClick={() => { setConfirmPublish(false); }}>{t("common.cancel")}</button>
            <button type="button" className="primary" name="confirm_publish" onClick={() => void publish()}>{t("roster.publish")}</button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
