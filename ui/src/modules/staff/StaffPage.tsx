import { useEffect, useRef, useState } from "react";
import type { Employee } from "../../api/bindings";
import { api } from "../../api/client";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Table, type Column } from "../../components/Table";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { formatDate } from "../../i18n/format";
import { EmployeeDialog } from "./EmployeeDialog";
import { PositionsTable } from "./PositionsTable";
import { Tabs } from "../../components/Tabs";

/** The staff list: search, former staff, add and open employees, all by keyboard. */
export function StaffPage({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<"staff" | "positions">("staff");
  return (
    <section className="page" data-page="staff">
      <header className="page-header">
        <h1>{t("staff.title")}</h1>
        <Tabs
          tabs={[
            { id: "staff", name: "tab_staff", label: t("positions.tabStaff") },
            { id: "positions", name: "tab_positions", label: t("positions.tab") },
          ]}
          value={tab}
          onChange={setTab}
        />
      </header>
      {tab === "staff" ? <Employees canEdit={canEdit} /> : <PositionsTable canEdit={canEdit} />}
    </section>
  );
}

function Employees({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const [search, setSearch] = useState("");
  const [includeInactive, setIncludeInactive] = useState(false);
  const [open, setOpen] = useState<Employee | "new" | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const staff = useLoad(() => api.staff_list({ include_inactive: includeInactive, search: search || null }), [includeInactive, search]);
  const positions = useLoad(() => api.positions(), []);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const target = e.target as HTMLElement;
      const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
      if (open !== null || typing || e.ctrlKey || e.altKey || e.metaKey) {
        if ((e.ctrlKey || e.metaKey) && e.key === "k") {
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
        setOpen("new");
      }
    }
    window.addEventListener("keydown", onKey);
    return () => { window.removeEventListener("keydown", onKey); };
  }, [open, canEdit]);

  const rows = staff.data ?? [];
  const activeCount = rows.filter((e) => e.active).length;
  const columns: Column<Employee>[] = [
    { key: "name", label: t("staff.name"), render: (e) => `${e.last_name}, ${e.first_name}`, sort: (e) => `${e.last_name} ${e.first_name}` },
    { key: "position", label: t("staff.position"), render: (e) => e.position_title ?? t("common.empty"), sort: (e) => e.position_title ?? "" },
    { key: "email", label: t("staff.email"), render: (e) => e.email, sort: (e) => e.email },
    { key: "phone", label: t("staff.phone"), render: (e) => e.phone ?? "", className: "nowrap" },
    { key: "start", label: t("staff.startDate"), render: (e) => formatDate(e.start_date), sort: (e) => e.start_date, className: "num" },
    {
      key: "status",
      label: t("staff.status"),
      render: (e) => (e.active ? t("staff.active") : t("staff.inactive", { date: formatDate(e.end_date) })),
      sort: (e) => (e.active ? 0 : 1),
    },
  ];

  return (
    <>
      <div className="toolbar-row">
        <div className="toolbar">
          <input
            ref={searchRef}
            type="search"
            name="search"
            placeholder={t("common.searchHint")}
            aria-label={t("common.search")}
            value={search}
            onChange={(e) => { setSearch(e.target.value); }}
          />
          <label className="check">
            <input type="checkbox" name="include_inactive" checked={includeInactive} onChange={(e) => { setIncludeInactive(e.target.checked); }} />
            {t("staff.showInactive")}
          </label>
          {canEdit ? (
            <button type="button" className="primary" name="add_employee" onClick={() => { setOpen("new"); }}>
              {t("staff.add")}
            </button>
          ) : null}
        </div>
      </div>
      <ErrorBanner error={staff.error} />
      {staff.data ? (
        <Table
          name="staff"
          rows={rows}
          columns={columns}
          rowKey={(e) => e.id}
          onOpen={(e) => { setOpen(e); }}
          rowClass={(e) => (e.active ? "" : "inactive")}
          autoFocus
          empty={search ? t("staff.noMatch") : t("staff.empty")}
          footer={<span data-staff-count={activeCount}>{t("staff.count", { active: activeCount, total: rows.length })} · {t("staff.keys")}</span>}
        />
      ) : (
        <p className="muted">{t("app.loading")}</p>
      )}
      {open !== null ? (
        <EmployeeDialog
          key={open === "new" ? "new" : open.id}
          employee={open === "new" ? null : open}
          positions={positions.data ?? []}
          canEdit={canEdit}
          onSaved={(e) => {
            staff.reload();
            setOpen(open === "new" ? null : e);
          }}
          onClose={() => { setOpen(null); }}
        />
      ) : null}
    </>
  );
}
