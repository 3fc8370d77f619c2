import { useState } from "react";
import type { DrillCall, DrillPart, DrillTicket, KpiYear } from "../../api/bindings";
import { api } from "../../api/client";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Table, type Column } from "../../components/Table";
import { useLoad } from "../../components/useLoad";
import { useI18n, type Translate } from "../../i18n";
import { formatCount, formatDate, formatDateTime } from "../../i18n/format";
import { monthTitle } from "../roster/month";
import { countsText, kpiName, kpiValue, sourceLabel } from "./shared";

const PAGE = 100;
const PARTS: DrillPart[] = ["all", "numerator", "missed"];

/** A date (`2026-03-10`) as a date, an instant as Tallinn date and time. */
function when(s: string | null): string {
  if (!s) return "—";
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? formatDate(s) : formatDateTime(s);
}

function ticketFlags(t: Translate, x: DrillTicket): string {
  const flags: string[] = [];
  if (x.on_time === true) flags.push(t("kpi.flag.onTime"));
  if (x.on_time === false) flags.push(t("kpi.flag.late"));
  if (x.first_level) flags.push(t("kpi.flag.firstLevel"));
  if (x.escalated) flags.push(t("kpi.flag.escalated"));
  if (x.returned) flags.push(t("kpi.flag.returned"));
  if (x.reopened) flags.push(t("kpi.flag.reopened"));
  if (x.satisfaction !== null) flags.push(t("kpi.flag.rating", { n: x.satisfaction }));
  return flags.join(", ");
}

function Counted({ yes }: { yes: boolean }) {
  const { t } = useI18n();
  return <span data-in-numerator={yes ? "yes" : "no"}>{yes ? `✔ ${t("kpi.drillIn")}` : `✖ ${t("kpi.drillOut")}`}</span>;
}

/** The tickets or calls behind one month's figure of one indicator, a page at a time. */
export function DrillDialog({ indicator, month, onClose }: { indicator: KpiYear; month: string; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { kpi } = indicator;
  const [part, setPart] = useState<DrillPart>("all");
  const [offset, setOffset] = useState(0);
  // Each page comes with the choice it was asked for: the page shown may be the previous one
  // until the next arrives.
  const drill = useLoad(
    () => api.kpi_drill({ kpi_code: kpi.code, month, part, offset, limit: PAGE }).then((page) => ({ page, part, offset })),
    [kpi.code, month, part, offset],
  );
  const figure = indicator.months.find((m) => m.month === month);
  const calls = kpi.computation === "calls_sla";
  const d = drill.data?.page ?? null;
  const shown = drill.data;
  const total = d?.total ?? 0;

  const ticketColumns: Column<DrillTicket>[] = [
    { key: "key", label: t("kpi.drillKey"), render: (x) => <span data-ticket={x.key}>{x.key}</span>, sort: (x) => x.key, className: "nowrap" },
    { key: "title", label: t("kpi.drillTitle"), render: (x) => <span className="clip narrow" title={x.title}>{x.title}</span>, sort: (x) => x.title },
    { key: "group", label: t("kpi.drillGroup"), render: (x) => x.group, sort: (x) => x.group },
    { key: "status", label: t("kpi.drillStatus"), render: (x) => x.status, sort: (x) => x.status },
    { key: "created", label: t("kpi.drillCreated"), render: (x) => when(x.created_at), sort: (x) => x.created_at, className: "num" },
    { key: "resolved", label: t("kpi.drillResolved"), render: (x) => when(x.resolved_at), sort: (x) => x.resolved_at ?? "", className: "num" },
    { key: "due", label: t("kpi.drillDue"), render: (x) => when(x.due_at), sort: (x) => x.due_at ?? "", className: "num" },
    { key: "flags", label: t("kpi.drillFlags"), render: (x) => <span className="small kpi-flags">{ticketFlags(t, x)}</span> },
    { key: "counted", label: t("kpi.drillCounted"), render: (x) => <Counted yes={x.in_numerator} />, sort: (x) => (x.in_numerator ? 1 : 0), className: "nowrap" },
  ];
  const callColumns: Column<DrillCall>[] = [
    { key: "id", label: t("kpi.drillCallId"), render: (x) => <span data-call={x.call_id}>{x.call_id}</span>, sort: (x) => x.call_id, className: "nowrap" },
    { key: "queue", label: t("kpi.drillQueue"), render: (x) => x.queue, sort: (x) => x.queue },
    { key: "entered", label: t("kpi.drillEntered"), render: (x) => formatDateTime(x.entered_at), sort: (x) => x.entered_at, className: "num" },
    { key: "outcome", label: t("kpi.drillOutcome"), render: (x) => t(`kpi.outcome.${x.outcome}`), sort: (x) => x.outcome },
    { key: "wait", label: t("kpi.drillWait"), render: (x) => formatCount(x.wait_seconds), sort: (x) => x.wait_seconds, className: "num money" },
    { key: "counted", label: t("kpi.drillCounted"), render: (x) => <Counted yes={x.in_numerator} />, sort: (x) => (x.in_numerator ? 1 : 0), className: "nowrap" },
  ];

  const title = `${kpi.code} ${kpiName(kpi, lang)} · ${monthTitle(month, t("roster.months"))}`;
  return (
    <Dialog title={title} onClose={onClose} name="kpi_drill">
      {figure ? (
        <p className="kpi-drill-figure" data-source={figure.source}>
          <strong>{kpiValue(figure.value, kpi.unit, 1)}</strong> ({countsText(figure)}) · {sourceLabel(t, figure.source)}
          {figure.source_note ? <span className="muted"> · {figure.source_note}</span> : null}
          {figure.computed ? (
            <span className="muted small kpi-computed">
              {" "}
              {t("kpi.manualOverrides", { n: figure.computed[0], d: figure.computed[1] })}
            </span>
          ) : null}
        </p>
      ) : null}
      <div className="filters">
        <div className="field">
          <label htmlFor="kpi-drill-part">{t("kpi.drillPart")}</label>
          <select
            id="kpi-drill-part"
            name="drill_part"
            value={part}
            onChange={(e) => { setPart(e.target.value as DrillPart); setOffset(0); }}
          >
            {PARTS.map((p) => <option key={p} value={p}>{t(`kpi.part.${p}`)}</option>)}
          </select>
        </div>
        <span
          className="muted kpi-drill-range"
          data-total={shown ? total : undefined}
          data-offset={shown?.offset}
          data-part={shown?.part}
          aria-busy={!shown || shown.offset !== offset || shown.part !== part}
        >
          {shown
            ? total === 0
              ? t("kpi.drillNone")
              : t("kpi.drillRange", { from: shown.offset + 1, to: Math.min(shown.offset + PAGE, total), total: formatCount(total) })
            : t("app.loading")}
        </span>
        <button type="button" name="drill_prev" disabled={offset === 0} onClick={() => { setOffset(Math.max(0, offset - PAGE)); }}>
          {t("kpi.drillPrev", { n: PAGE })}
        </button>
        <button type="button" name="drill_next" disabled={offset + PAGE >= total} onClick={() => { setOffset(offset + PAGE); }}>
          {t("kpi.drillNext", { n: PAGE })}
        </button>
      </div>
      <ErrorBanner error={drill.error} />
      {d ? (
        calls ? (
          <Table<DrillCall>
            name="kpi_drill_calls"
            rows={d.calls}
            rowKey={(x) => `${x.system}:${x.call_id}`}
            columns={callColumns}
            empty={t(kpi.computation === null ? "kpi.drillManualOnly" : "kpi.drillEmpty")}
          />
        ) : (
          <Table<DrillTicket>
            name="kpi_drill_tickets"
            rows={d.tickets}
            rowKey={(x) => `${x.system}:${x.key}`}
            columns={ticketColumns}
            empty={t(kpi.computation === null ? "kpi.drillManualOnly" : "kpi.drillEmpty")}
          />
        )
      ) : null}
      <div className="actions">
        <button type="button" name="drill_close" onClick={onClose}>{t("common.close")}</button>
      </div>
    </Dialog>
  );
}
