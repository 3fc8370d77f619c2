import { memo, useEffect, useRef, type KeyboardEvent } from "react";
import type { RosterDay, RosterRow, RosterView } from "../../api/bindings";
import { useI18n } from "../../i18n";
import { hours } from "./month";

export interface Cursor {
  row: number;
  col: number;
}

interface Props {
  view: RosterView;
  cursor: Cursor;
  onCursor: (c: Cursor) => void;
  onType: (row: number, col: number, code: string) => void;
  onCopyWeek: () => void;
  onPasteWeek: () => void;
  onLock: (row: number, col: number) => void;
  canEdit: boolean;
  focusToken: number;
  /** Cells a proposal changes, by employee: ",3,14," (and what they were, for the title). */
  changed?: Map<number, Map<number, string>>;
}

/** The month grid: employees × days, absences shaded, a coverage row per shift, totals. */
export function RosterGrid({ view, cursor, onCursor, onType, onCopyWeek, onPasteWeek, onLock, canEdit, focusToken, changed }: Props) {
  const { t } = useI18n();
  const grid = useRef<HTMLDivElement>(null);
  const weekdays = t("roster.weekdays").split(",");
  const rows = view.rows.length;
  const cols = view.days.length;

  useEffect(() => {
    grid.current?.focus({ preventScroll: true });
  }, [focusToken]);

  useEffect(() => {
    grid.current?.querySelector(`[data-cell="${cursor.row}-${cursor.col}"]`)?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [cursor]);

  // Days with a violation of each row's employee, as ",3,14," strings (cheap to compare).
  const badCols = new Map<number, string>();
  for (const f of view.findings) {
    if (f.employee_id !== null && f.day_index !== null && f.severity === "error") {
      const row = view.rows.findIndex((r) => r.employee_id === f.employee_id);
      if (row >= 0) badCols.set(row, `${badCols.get(row) ?? ","}${f.day_index},`);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const move = (row: number, col: number) => {
      e.preventDefault();
      onCursor({ row: Math.max(0, Math.min(rows - 1, row)), col: Math.max(0, Math.min(cols - 1, col)) });
    };
    if (e.key === "ArrowLeft") move(cursor.row, cursor.col - 1);
    else if (e.key === "ArrowRight") move(cursor.row, cursor.col + 1);
    else if (e.key === "ArrowUp") move(cursor.row - 1, cursor.col);
    else if (e.key === "ArrowDown" || e.key === "Enter") move(cursor.row + 1, cursor.col);
    else if (e.key === "Home") move(cursor.row, 0);
    else if (e.key === "End") move(cursor.row, cols - 1);
    else if (!canEdit) return;
    else if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      onType(cursor.row, cursor.col, "");
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "c") {
      e.preventDefault();
      onCopyWeek();
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "v") {
      e.preventDefault();
      onPasteWeek();
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "l") {
      e.preventDefault();
      onLock(cursor.row, cursor.col);
    } else if (e.key.length === 1 && !e.ctrlKey && !e.altKey && !e.metaKey && e.key !== " ") {
      e.preventDefault();
      onType(cursor.row, cursor.col, e.key);
    }
  }

  return (
    <div className="roster-grid-wrap" ref={grid} tabIndex={0} onKeyDown={onKeyDown} data-roster-grid aria-label={t("roster.keys")}>
      <table className="roster-grid">
        <thead>
          <tr>
            <th className="name">{t("roster.employee")}</th>
            {view.days.map((d, i) => (
              <th
                key={d.date}
                className={[d.kind !== "weekday" ? d.kind : "", i === cursor.col ? "cursor-col" : ""].join(" ").trim() || undefined}
                title={d.holiday ?? undefined}
              >
                <span className="wd">{weekdays[d.weekday - 1]}</span>
                <span className="dn">{i + 1}</span>
              </th>
            ))}
            <th className="total">{t("roster.hours")}</th>
            <th className="total">{t("roster.night")}</th>
            <th className="total">{t("roster.holiday")}</th>
            <th className="total">{t("roster.weekend")}</th>
          </tr>
        </thead>
        <tbody>
          {view.rows.map((r, ri) => (
            <GridRow
              key={r.employee_id}
              row={r}
              index={ri}
              days={view.days}
              cursorCol={ri === cursor.row ? cursor.col : -1}
              badCols={badCols.get(ri) ?? ""}
              changed={changed?.get(r.employee_id)}
              onCursor={onCursor}
            />
          ))}
        </tbody>
        <tfoot>
          {view.shift_types
            .filter((st) => st.active)
            .map((st) => (
              <tr key={st.id} data-coverage={st.code}>
                <th className="name">{t("roster.coverage", { code: st.code })}</th>
                {view.coverage.map((d) => {
                  const c = d.shifts.find((s) => s.shift_type_id === st.id);
                  const short = c !== undefined && c.assigned < c.min;
                  return (
                    <td key={d.date} className={short ? "short" : undefined} title={c ? `${c.assigned} / ${c.min}` : undefined}>
                      {c && (c.assigned > 0 || c.min > 0) ? c.assigned : ""}
                      {short ? "⚠" : ""}
                    </td>
                  );
                })}
                <td colSpan={4} />
              </tr>
            ))}
          <tr data-coverage-gaps>
            <th className="name">{t("roster.gaps")}</th>
            {view.coverage.map((d, i) => (
              <td key={d.date} className={d.gap_hours > 0 ? "short" : undefined} data-gap-day={i + 1}>
                {d.gap_hours > 0 ? d.gap_hours : ""}
              </td>
            ))}
            <td colSpan={4} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

interface RowProps {
  row: RosterRow;
  index: number;
  days: RosterDay[];
  cursorCol: number;
  badCols: string;
  /** Day index → what the cell was before the proposal. */
  changed: Map<number, string> | undefined;
  onCursor: (c: Cursor) => void;
}

/** One employee's row; re-rendered only when its own cells, totals, marks or cursor change. */
const GridRow = memo(function GridRow({ row: r, index: ri, days, cursorCol, badCols, changed, onCursor }: RowProps) {
  const { t } = useI18n();
  return (
    <tr data-employee={r.employee_id} className={cursorCol >= 0 ? "cursor-row" : undefined}>
      <th className="name" scope="row" title={r.name}>{r.name}</th>
      {r.cells.map((code, ci) => {
        const absent = r.absences[ci];
        const bad = badCols.includes(`,${ci},`);
        const was = changed?.get(ci);
        const locked = r.locked[ci] ?? false;
        const wish = r.requests[ci] ?? null;
        const classes = [
          days[ci]?.kind !== "weekday" ? "off" : "",
          absent ? "absent" : "",
          bad ? "bad" : "",
          was !== undefined ? "changed" : "",
          locked ? "locked" : "",
          ci === cursorCol ? "cursor" : "",
        ];
        const titles = [
          absent ? t("roster.absentCell", { kind: t(`absence.${absent}`) }) : "",
          was !== undefined ? t("propose.changedCell", { before: was || "∅", after: code ?? "∅" }) : "",
          locked ? t("roster.lockedCell") : "",
          wish ? t("roster.wishCell", { wish }) : "",
        ].filter((x) => x !== "");
        return (
          <td
            key={ci}
            data-cell={`${ri}-${ci}`}
            data-changed={was !== undefined ? "" : undefined}
            data-locked={locked ? "" : undefined}
            className={classes.join(" ").trim() || undefined}
            title={titles.length > 0 ? titles.join("; ") : undefined}
            onClick={() => { onCursor({ row: ri, col: ci }); }}
          >
            {code ?? (absent ? "·" : "")}
            {bad ? <span className="mark" aria-hidden="true">!</span> : null}
            {wish ? <span className="wish" aria-hidden="true">{wish}</span> : null}
          </td>
        );
      })}
      <td className={r.totals.minutes > r.totals.norm_minutes ? "total over" : "total"} title={`${hours(r.totals.minutes)} / ${hours(r.totals.norm_minutes)}`}>
        {hours(r.totals.minutes)}
        {r.totals.minutes > r.totals.norm_minutes ? " ⚠" : ""}
      </td>
      <td className="total">{hours(r.totals.night_minutes)}</td>
      <td className="total">{hours(r.totals.holiday_minutes)}</td>
      <td className="total">{r.totals.weekend_shifts}</td>
    </tr>
  );
}, (a, b) =>
  a.index === b.index &&
  a.days.length === b.days.length &&
  a.days[0]?.date === b.days[0]?.date &&
  a.cursorCol === b.cursorCol &&
  a.badCols === b.badCols &&
  a.changed === b.changed &&
  a.row.locked.join("|") === b.row.locked.join("|") &&
  a.row.requests.join("|") === b.row.requests.join("|") &&
  a.onCursor === b.onCursor &&
  a.row.name === b.row.name &&
  a.row.cells.join("|") === b.row.cells.join("|") &&
  a.row.absences.join("|") === b.row.absences.join("|") &&
  JSON.stringify(a.row.totals) === JSON.stringify(b.row.totals));
