import { useEffect, useRef, useState } from "react";
import type { ContractRow, ContractStatus, Warning } from "../../api/bindings";
import { api } from "../../api/client";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Table, type Column } from "../../components/Table";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { formatDate, formatMoney } from "../../i18n/format";
import { ContractDialog } from "./ContractDialog";
import { currentYear, lineLabel, STATUSES, statusLabel } from "./shared";
import { ExportButton } from "../documents/ExportDialog";

export interface Filters {
  year: number | null;
  status: ContractStatus | null;
  supplier: number | null;
  line: number | null;
  search: string;
}

interface Props {
  filters: Filters;
  setFilters: (f: Filters) => void;
  canEdit: boolean;
  onOpen: (id: number) => void;
}

/** The register of contracts: filters, the core's warnings, the list with totals. */
export function ContractRegister({ filters, setFilters, canEdit, onOpen }: Props) {
  const { t } = useI18n();
  const [creating, setCreating] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const { year, status, supplier, line, search } = filters;
  const list = useLoad(
    () => api.contracts_list({ year, status, supplier_id: supplier, budget_line_id: line, search: search.trim() || null }),
    [year, status, supplier, line, search],
  );
  const lines = useLoad(() => api.budget_lines(null), []);
  const suppliers = useLoad(() => api.suppliers(), []);
  const warnings = useLoad(() => api.contract_warnings(), []);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const target = e.target as HTMLElement;
      const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
      if (creating || typing || e.ctrlKey || e.altKey || e.metaKey) {
        if ((e.ctrlKey || e.metaKey) && e.key === "k" && !creating) {
          e.preventDefault();
          searchRef.current?.focus();
        }
        return;
      }
      if (e.key === "/") {
        e.preventDefault();
        searchRef.current?.focus();
      } else if ((e.key === "n" || e.key === "N") && canEdit) {
        e.preventDefault();
        setCreating(true);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => { window.removeEventListener("keydown", onKey); };
  }, [creating, canEdit]);

  const allLines = lines.data ?? [];
  const years = [...new Set([...allLines.map((l) => l.year), currentYear()])].sort((a, b) => b - a);
  const lineOptions = year === null ? allLines : allLines.filter((l) => l.year === year);
  const rows = list.data ?? [];
  const totalValue = rows.reduce((n, r) => n + r.value_cents, 0);
  const totalGross = rows.reduce((n, r) => n + r.gross_cents, 0);
  const filtered = status !== null || supplier !== null || line !== null || search.trim() !== "";

  const columns: Column<ContractRow>[] = [
    { key: "number", label: t("contracts.number"), render: (r) => r.number, sort: (r) => r.number, className: "nowrap" },
    { key: "title", label: t("contracts.contractTitle"), render: (r) => <span className="clip" title={r.title}>{r.title}</span>, sort: (r) => r.title },
    { key: "supplier", label: t("contracts.supplier"), render: (r) => <span className="clip narrow" title={r.supplier_name}>{r.supplier_name}</span>, sort: (r) => r.supplier_name },
    { key: "line", label: t("contracts.line"), render: (r) => r.budget_line_code, sort: (r) => r.budget_line_code, className: "nowrap" },
    { key: "value", label: t("contracts.value"), render: (r) => formatMoney(r.value_cents), sort: (r) => r.value_cents, className: "num money" },
    { key: "gross", label: t("contracts.gross"), render: (r) => formatMoney(r.gross_cents), sort: (r) => r.gross_cents, className: "num money" },
    { key: "period", label: t("contracts.period"), render: (r) => `${formatDate(r.start_date)}–${formatDate(r.end_date)}`, sort: (r) => r.start_date, className: "num nowrap" },
    {
      key: "status",
      label: t("contracts.statusCol"),
      render: (r) => <span className={`status status-${r.status}`} data-status={r.status}>{statusLabel(t, r.status)}</span>,
      sort: (r) => STATUSES.indexOf(r.status),
      className: "nowrap",
    },
    {
      key: "signer",
      label: t("contracts.signer"),
      render: (r) =>
        r.signer_capacity ? (
          <span className="nowrap" title={r.signer_name ?? ""} data-signer={r.signer_capacity}>
            {t(`contracts.capacityShort.${r.signer_capacity}`)}
          </span>
        ) : (
          t("common.empty")
        ),
      sort: (r) => r.signer_capacity ?? "",
    },
    { key: "remaining", label: t("contracts.remaining"), render: (r) => formatMoney(r.remaining_cents), sort: (r) => r.remaining_cents, className: "num money" },
    {
      key: "warnings",
      label: t("contracts.warningsCol"),
      render: (r) =>
        r.warnings > 0 ? (
          <span className="warn-text nowrap" data-warnings={r.warnings} title={t("contracts.warningCount", { n: r.warnings })}>
            ⚠ {r.warnings}
          </span>
        ) : null,
      sort: (r) => r.warnings,
    },
  ];

  return (
    <>
      <div className="filters" role="search">
        <div className="field">
          <label htmlFor="contracts-year">{t("contracts.year")}</label>
          <select
            id="contracts-year"
            name="filter_year"
            value={year === null ? "all" : String(year)}
            onChange={(e) => {
              const y = e.target.value === "all" ? null : Number(e.target.value);
              const keepLine = line === null || y === null || allLines.some((l) => l.id === line && l.year === y);
              setFilters({ ...filters, year: y, line: keepLine ? line : null });
            }}
          >
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
            <option value="all">{t("contracts.allYears")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="contracts-status">{t("contracts.statusCol")}</label>
          <select
            id="contracts-status"
            name="filter_status"
            value={status ?? ""}
            onChange={(e) => { setFilters({ ...filters, status: e.target.value ? (e.target.value as ContractStatus) : null }); }}
          >
            <option value="">{t("contracts.allStatuses")}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{statusLabel(t, s)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="contracts-supplier">{t("contracts.supplier")}</label>
          <select
            id="contracts-supplier"
            name="filter_supplier"
            value={supplier ?? ""}
            onChange={(e) => { setFilters({ ...filters, supplier: e.target.value ? Number(e.target.value) : null }); }}
          >
            <option value="">{t("contracts.allSuppliers")}</option>
            {(suppliers.data ?? []).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="contracts-line">{t("contracts.line")}</label>
          <select
            id="contracts-line"
            name="filter_line"
            value={line ?? ""}
            onChange={(e) => { setFilters({ ...filters, line: e.target.value ? Number(e.target.value) : null }); }}
          >
            <option value="">{t("contracts.allLines")}</option>
            {lineOptions.map((l) => <option key={l.id} value={l.id}>{lineLabel(l)}</option>)}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor="contracts-search">{t("common.search")}</label>
          <input
            id="contracts-search"
            ref={searchRef}
            type="search"
            name="contract_search"
            placeholder={t("contracts.searchHint")}
            value={search}
            onChange={(e) => { setFilters({ ...filters, search: e.target.value }); }}
          />
        </div>
        {canEdit ? (
          <button type="button" className="primary" name="contract_new" title="N" onClick={() => { setCreating(true); }}>
            {t("contracts.new")}
          </button>
        ) : null}
        {year !== null ? <ExportButton summary={{ kind: "contracts", year }} title={`${t("docs.kind.contracts")} ${String(year)}`} /> : null}
      </div>
      <WarningsPanel warnings={warnings.data} onOpen={onOpen} />
      <ErrorBanner error={list.error ?? lines.error ?? suppliers.error ?? warnings.error} />
      {list.data ? (
        <Table
          name="contracts"
          rows={rows}
          columns={columns}
          rowKey={(r) => r.id}
          onOpen={(r) => { onOpen(r.id); }}
          rowClass={(r) => (r.status === "ended" || r.status === "terminated" ? "inactive" : "")}
          autoFocus
          empty={filtered ? t("contracts.noMatch") : canEdit ? t("contracts.empty") : t("contracts.emptyReadOnly")}
          footer={
            <span data-total-value={totalValue} data-total-gross={totalGross}>
              {t("contracts.total", { n: rows.length, value: formatMoney(totalValue), gross: formatMoney(totalGross) })} · {t("contracts.keys")}
            </span>
          }
        />
      ) : (
        <p className="muted">{t("app.loading")}</p>
      )}
      {creating ? (
        <ContractDialog
          contract={null}
          onSaved={(c) => {
            setCreating(false);
            onOpen(c.row.id);
          }}
          onClose={() => { setCreating(false); }}
        />
      ) : null}
    </>
  );
}

function WarningsPanel({ warnings, onOpen }: { warnings: Warning[] | null; onOpen: (id: number) => void }) {
  const { t } = useI18n();
  if (warnings === null) return null;
  return (
    <section className="contract-warnings" data-section="contract_warnings" data-count={warnings.length}>
      {warnings.length === 0 ? (
        <p className="muted">{t("contracts.noWarnings")}</p>
      ) : (
        <>
          <h3>{t("contracts.warnings", { n: warnings.length })}</h3>
          <WarningList warnings={warnings} onOpen={onOpen} />
        </>
      )}
    </section>
  );
}

/** The core's warnings, each with its statute section; one that names contracts opens the first. */
export function WarningList({ warnings, onOpen }: { warnings: Warning[]; onOpen?: (id: number) => void }) {
  const { t } = useI18n();
  return (
    <ul className="warning-list">
      {warnings.map((w, i) => {
        const first = w.contract_ids[0];
        const body = (
          <>
            <span className="sev" aria-hidden="true">⚠</span>
            <span className="section">{w.section}</span>
            <span className="msg">{w.message}</span>
          </>
        );
        return (
          <li key={i} data-warning={w.kind}>
            {onOpen && first !== undefined ? (
              <button type="button" className="warning-open" title={t("contracts.openContract")} onClick={() => { onOpen(first); }}>
                {body}
              </button>
            ) : (
              <div className="warning-open">{body}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
