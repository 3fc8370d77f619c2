import { useState } from "react";
import { Tabs } from "../../components/Tabs";
import { useI18n, type MessageKey } from "../../i18n";
import { currentYear } from "../contracts/shared";
import { ActualsTab } from "./ActualsTab";
import { CallsTab } from "./CallsTab";
import { Dashboard } from "./Dashboard";
import { ImportTab } from "./ImportTab";
import { MappingTab } from "./MappingTab";
import { TargetsTab } from "./TargetsTab";

export type KpiTab = "dashboard" | "targets" | "actuals" | "import" | "mapping" | "calls";

const TABS: { id: KpiTab; label: MessageKey }[] = [
  { id: "dashboard", label: "kpi.tabDashboard" },
  { id: "targets", label: "kpi.tabTargets" },
  { id: "actuals", label: "kpi.tabActuals" },
  { id: "import", label: "kpi.tabImport" },
  { id: "mapping", label: "kpi.tabMapping" },
  { id: "calls", label: "kpi.tabCalls" },
];

/** Performance indicators (§ 2.3) and their annual targets (§ 3.7.4): the year against its
 *  targets, the targets with their history, the monthly actuals, the imports they are computed
 *  from, the column mappings of the exports and the call settings. */
export function KpiPage({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<KpiTab>("dashboard");
  // One year for the dashboard, the targets and the actuals: switching tabs keeps it.
  const [year, setYear] = useState(currentYear());
  return (
    <section className="page kpi-page" data-page="kpi">
      <header className="page-header">
        <h1>{t("kpi.title")}</h1>
        <Tabs tabs={TABS.map((x) => ({ id: x.id, name: `kpi_tab_${x.id}`, label: t(x.label) }))} value={tab} onChange={setTab} />
      </header>
      {tab === "dashboard" ? <Dashboard year={year} setYear={setYear} canEdit={canEdit} onGo={setTab} /> : null}
      {tab === "targets" ? <TargetsTab year={year} setYear={setYear} canEdit={canEdit} /> : null}
      {tab === "actuals" ? <ActualsTab year={year} setYear={setYear} canEdit={canEdit} /> : null}
      {/* Kept while another tab is shown, so that a long import goes on (leaving the module stops it). */}
      <div hidden={tab !== "import"}>
        <ImportTab canEdit={canEdit} active={tab === "import"} />
      </div>
      {tab === "mapping" ? <MappingTab canEdit={canEdit} /> : null}
      {tab === "calls" ? <CallsTab canEdit={canEdit} /> : null}
    </section>
  );
}
