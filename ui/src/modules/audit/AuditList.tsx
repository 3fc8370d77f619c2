import type { AuditEntry, AuditQuery } from "../../api/bindings";
import { api } from "../../api/client";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Table, type Column } from "../../components/Table";
import { useLoad } from "../../components/useLoad";
import { hasKey, useI18n, type Translate } from "../../i18n";
import { formatDateTime } from "../../i18n/format";

function label(t: Translate, prefix: "audit.action" | "audit.entity", value: string): string {
  const key = `${prefix}.${value}`;
  return hasKey(key) ? t(key) : value;
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === "") return "∅";
  if (typeof v === "string") return v;
  return JSON.stringify(v);
}

/** What changed: the fields whose values differ, as `field: before → after`. */
function changes(entry: AuditEntry): string {
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  if (!entry.before) {
    const a = after;
    const name = [a.first_name, a.last_name].filter(Boolean).map(show).join(" ");
    return name || (typeof a.name === "string" ? a.name : "");
  }
  return Object.keys(after)
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => `${k}: ${show(before[k])} → ${show(after[k])}`)
    .join("; ");
}

export function AuditList({ query, compact = false }: { query: AuditQuery; compact?: boolean }) {
  const { t } = useI18n();
  const audit = useLoad(() => api.audit_list(query), [query.entity, query.entity_id, query.limit]);
  const columns: Column<AuditEntry>[] = [
    { key: "at", label: t("audit.at"), render: (a) => formatDateTime(a.at), sort: (a) => a.at, className: "nowrap" },
    { key: "user", label: t("audit.user"), render: (a) => a.user_name, sort: (a) => a.user_name },
    { key: "acting", label: t("audit.actingAs"), render: (a) => (a.acting_as ? t(`role.${a.acting_as}`) : "") },
    { key: "action", label: t("audit.action"), render: (a) => label(t, "audit.action", a.action), sort: (a) => a.action },
    ...(compact
      ? []
      : [{ key: "entity", label: t("audit.entity"), render: (a: AuditEntry) => `${label(t, "audit.entity", a.entity)} ${a.entity_id ?? ""}` }]),
    { key: "changes", label: t("audit.changes"), render: changes, className: "wrap" },
  ];
  return (
    <>
      <ErrorBanner error={audit.error} />
      {audit.data ? (
        <Table
          name="audit"
          rows={audit.data}
          columns={columns}
          rowKey={(a) => a.id}
          empty={t("audit.empty")}
          footer={compact ? undefined : t("common.rows", { n: audit.data.length })}
        />
      ) : null}
    </>
  );
}
