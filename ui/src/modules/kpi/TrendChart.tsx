import type { MonthFigure } from "../../api/bindings";
import { useI18n } from "../../i18n";
import { formatHundredths } from "../../i18n/format";
import { countsText, shortMonths } from "./shared";

const W = 520;
const H = 160;
const LEFT = 44;
const RIGHT = 10;
const TOP = 12;
const BOTTOM = 22;
const PLOT_W = W - LEFT - RIGHT;
const PLOT_H = H - TOP - BOTTOM;

/** A round top for the y axis, in hundredths: 8 300 → 9 000, 1 240 → 2 000. */
function niceTop(v: number): number {
  if (v <= 0) return 100;
  const pow = 10 ** Math.floor(Math.log10(v));
  return Math.ceil(v / pow) * pow;
}

interface Props {
  code: string;
  unit: string;
  higherIsBetter: boolean;
  months: MonthFigure[];
  target: number | null;
  onOpen: (month: string) => void;
}

/** Twelve months of an indicator: the monthly values as a line with points, the target dashed.
 *  A point opens the records behind it; the table beside the chart does the same by keyboard. */
export function TrendChart({ code, unit, higherIsBetter, months, target, onOpen }: Props) {
  const { t } = useI18n();
  const names = shortMonths(t);
  const values = months.map((m) => m.value).filter((v): v is number => v !== null);
  const highest = Math.max(0, target ?? 0, ...values);
  const top = unit === "%" && highest <= 10000 ? 10000 : niceTop(highest * 1.1);
  const axisUnit = unit === "%" ? "%" : "";
  const x = (i: number) => LEFT + ((i + 0.5) * PLOT_W) / 12;
  const y = (v: number) => TOP + PLOT_H - (Math.max(0, v) / top) * PLOT_H;

  // The line breaks where a month has no figure.
  let path = "";
  let drawing = false;
  months.forEach((m, i) => {
    if (m.value === null) {
      drawing = false;
      return;
    }
    path += `${drawing ? "L" : "M"}${x(i).toFixed(1)} ${y(m.value).toFixed(1)} `;
    drawing = true;
  });

  const misses = (v: number) => target !== null && (higherIsBetter ? v < target : v > target);

  return (
    <svg
      className="kpi-chart"
      data-kpi={code}
      viewBox={`0 0 ${String(W)} ${String(H)}`}
      width={W}
      height={H}
      role="img"
      aria-label={t("kpi.chartLabel", { code })}
    >
      {[0, top / 2, top].map((v) => (
        <g key={v} className="grid">
          <line x1={LEFT} x2={W - RIGHT} y1={y(v)} y2={y(v)} />
          <text x={LEFT - 4} y={y(v) + 4} textAnchor="end">{formatHundredths(v, axisUnit, 0)}</text>
        </g>
      ))}
      {names.map((n, i) => (
        <text key={n} className="month-label" x={x(i)} y={H - 6} textAnchor="middle">{n}</text>
      ))}
      {target !== null ? (
        <g className="target" data-target={target}>
          <line x1={LEFT} x2={W - RIGHT} y1={y(target)} y2={y(target)} />
          <text x={W - RIGHT} y={y(target) - 4} textAnchor="end">{t("kpi.chartTarget", { value: formatHundredths(target, unit) })}</text>
        </g>
      ) : null}
      {path ? <path className="line" d={path.trim()} /> : null}
      {months.map((m, i) =>
        m.value === null ? null : (
          <g
            key={m.month}
            className={misses(m.value) ? "point miss" : "point"}
            data-point={m.month}
            onClick={() => { onOpen(m.month); }}
          >
            <title>{`${names[i] ?? m.month}: ${formatHundredths(m.value, unit, 1)} (${countsText(m)})`}</title>
            <circle className="hit" cx={x(i)} cy={y(m.value)} r={9} />
            <circle className="dot" cx={x(i)} cy={y(m.value)} r={3.5} />
          </g>
        ),
      )}
    </svg>
  );
}
