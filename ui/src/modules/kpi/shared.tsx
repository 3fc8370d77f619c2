import type { ReactNode } from "react";
import type { ApiError } from "../../api/client";
import type { FigureSource, Kpi, Lang, MonthFigure, TrackStatus } from "../../api/bindings";
import { useI18n, type Translate } from "../../i18n";
import { formatCount, formatHundredths } from "../../i18n/format";

/** The indicator's name in the interface language. */
export function kpiName(k: Kpi, lang: Lang): string {
  return lang === "et" ? k.name_et : k.name_en;
}

/** What the indicator counts above the line and below it, in the interface language. */
export function kpiParts(k: Kpi, lang: Lang): { numerator: string; denominator: string } {
  return lang === "et"
    ? { numerator: k.numerator_et, denominator: k.denominator_et }
    : { numerator: k.numerator_en, denominator: k.denominator_en };
}

/** A value in hundredths of the indicator's unit, or a dash. */
export function kpiValue(value: number | null, unit: string, decimals = 2): string {
  return value === null ? "—" : formatHundredths(value, unit, decimals);
}

const MARKS: Record<TrackStatus, string> = { on_track: "▲", off_track: "▼", no_target: "○", no_data: "○" };

/** On or off track: a symbol and words, the colour only with them. */
export function StatusMark({ status, short = false }: { status: TrackStatus; short?: boolean }) {
  const { t } = useI18n();
  const text = t(`kpi.status.${status}`);
  return (
    <span className={`kpi-status kpi-${status}`} data-status={status} title={short ? text : undefined}>
      <span aria-hidden="true">{MARKS[status]}</span>
      {short ? <span className="visually-hidden">{text}</span> : ` ${text}`}
    </span>
  );
}

export function sourceLabel(t: Translate, source: FigureSource): string {
  return t(`kpi.source.${source}`);
}

/** The short month names, January first. */
export function shortMonths(t: Translate): string[] {
  return t("kpi.monthsShort").split(",");
}

/** A month's figure as `12 / 15`, or a dash. */
export function countsText(f: Pick<MonthFigure, "numerator" | "denominator" | "value">): string {
  return f.value === null && f.denominator === 0 ? "—" : `${formatCount(f.numerator)} / ${formatCount(f.denominator)}`;
}

/** A whole number as typed (spaces allowed), or null. */
export function parseWhole(v: string): number | null {
  const s = v.replace(/[\s\u00a0]/g, "");
  return /^\d{1,12}$/.test(s) ? Number(s) : null;
}

/** A refusal made here, in the core's shape, for a field the core never sees as typed. */
export function localFieldError(field: string, message: string): ApiError {
  return { code: "invalid_input", message, fields: [{ field, rule: "local", message }] };
}

/** ◀ 2026 ▶: the year the tab shows. */
export function YearBar({ year, onChange, children }: { year: number; onChange: (y: number) => void; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="roster-bar kpi-bar">
      <button type="button" name="kpi_prev_year" onClick={() => { onChange(year - 1); }} aria-label={t("kpi.prevYear")} title={t("kpi.prevYear")}>◀</button>
      <h2 className="month-title kpi-year" data-year={year}>{year}</h2>
      <button type="button" name="kpi_next_year" onClick={() => { onChange(year + 1); }} aria-label={t("kpi.nextYear")} title={t("kpi.nextYear")}>▶</button>
      {children}
    </div>
  );
}
