import type { AuditEntry, AuditQuery } from "../../api/bindings";
import { api } from "../../api/client";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Table, type Column } from "../../components/Table";
import { useLoad } from "../../components/useLoad";
import { hasKey, useI18n, type Translate } from "../../i18n";
import { formatDate, formatDateTime } from "../../i18n/format";

function label(t: Translate, prefix: "audit.action" | "audit.entity" | "field", value: string): string {
  const key = `${prefix}.${value}`;
  return hasKey(key) ? t(key) : value;
}

/** An audit query that filters nothing. */
export const NO_FILTERS: AuditQuery = { entity: null, entity_id: null, limit: null, who: null, what: null, from: null, to: null, acting_only: false };

/** Fields kept in the record for machines, not shown to people. */
const HIDDEN = new Set(["id", "position_id"]);
/** Fields a new record's summary leaves out: the name is in the record column already. */
const SHOWN_ELSEWHERE = new Set(["first_name", "last_name", "name", "active"]);

function show(t: Translate, v: unknown): string {
  if (v === null || v === undefined || v === "") return "∅";
  if (typeof v === "boolean") return v ? t("common.yes") : t("common.no");
  if (typeof v === "string") return /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : v;
  if (Array.isArray(v)) return v.length > 0 ? v.map((x) => show(t, x)).join(", ") : "∅";
  return JSON.stringify(v);
}

function record(entry: AuditEntry): Record<string, unknown> {
  return (entry.after ?? entry.before ?? {}) as Record<string, unknown>;
}

/** The record a change is about, by name where it has one. */
function subject(t: Translate, entry: AuditEntry): string {
  const r = record(entry);
  const name = [r.first_name, r.last_name].filter((x) => typeof x === "string").join(" ") || (typeof r.name === "string" ? r.name : "");
  return `${label(t, "audit.entity", entry.entity)}${name ? `: ${name}` : entry.entity_id ? ` ${entry.entity_id}` : ""}`;
}

/** A record's fields with a nested record (a contract's row) lifted to the top; lists of records left out. */
function fields(value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof value !== "object" || value === null) return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (Array.isArray(v) && v.some((x) => typeof x === "object" && x !== null)) continue;
    if (typeof v === "object" && v !== null && !Array.isArray(v)) Object.assign(out, v);
    else out[k] = v;
  }
  return out;
}

/** What changed: `field: before → after` for each field that differs; a new record's fields. */
function changes(t: Translate, entry: AuditEntry): string {
  const before = fields(entry.before);
  const after = fields(entry.after);
  const keys = Object.keys(after).filter((k) => !HIDDEN.has(k));
  if (!entry.before) {
    return keys
      .filter((k) => !SHOWN_ELSEWHERE.has(k) && after[k] !== null && after[k] !== "")
      .map((k) => `${label(t, "field", k)}: ${show(t, after[k])}`)
      .join("; ");
  }
  return keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => `${label(t, "field", k)}: ${show(t, before[k])} → ${show(t, after[k])}`)
    .join("; ");
}

/** The audit records as a table; a substitute's records say they acted for the head (§ 3.6). */
export function AuditTable({ rows, compact = false, empty }: { rows: AuditEntry[]; compact?: boolean; empty?: string }) {
  const { t } = useI18n();
  const columns: Column<AuditEntry>[] = [
    { key: "at", label: t("audit.at"), render: (a) => formatDateTime(a.at), sort: (a) => a.at, className: "nowrap" },
    {
      key: "user",
      label: t("audit.user"),
      render: (a) => (
        <>
          {a.user_name}
          {a.acting_as ? <> <span className="acting-as">{t("audit.actingFor")}</span></> : null}
        </>
      ),
      sort: (a) => a.user_name,
      className: "nowrap",
    },
    { key: "action", label: t("audit.action"), render: (a) => label(t, "audit.action", a.action), sort: (a) => a.action },
    ...(compact
      ? []
      : [{ key: "entity", label: t("audit.entity"), render: (a: AuditEntry) => subject(t, a) }]),
    { key: "changes", label: t("audit.changes"), render: (a) => changes(t, a), className: "wrap" },
  ];
  return (
    <Table
      name="audit"
      rows={rows}
      columns={columns}
      rowKey={(a) => a.id}
      empty={empty ?? t("audit.empty")}
      footer={compact ? undefined : t("common.rows", { n: rows.length })}
    />
  );
}

/** A record's history (e.g. an employee's), as the core lists it. */
export function AuditList({ query, compact = false, version = 0 }: { query: AuditQuery; compact?: boolean; version?: number }) {
  const audit = useLoad(() => api.audit_list(query), [JSON.stringify(query), version]);
  return (
    <>
      <ErrorBanner error={audit.error} />
      {audit.data ? <AuditTable rows={audit.data} compact={compact} /> : null}
    </>
  );
}
