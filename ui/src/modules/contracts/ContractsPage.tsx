import { useState } from "react";
import { api } from "../../api/client";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { BudgetTab } from "./BudgetTab";
import { ContractCard } from "./ContractCard";
import { ContractRegister, type Filters } from "./ContractRegister";
import { currentYear } from "./shared";
import { SuppliersTab } from "./SuppliersTab";
import { Tabs } from "../../components/Tabs";

type Tab = "contracts" | "budget" | "suppliers";

/** Contracts and budget (§ 3.8.2): the register and a contract's card, the budget lines, the suppliers. */
interface Props {
  canEdit: boolean;
  canSign: boolean;
  /** A contract to open at once (from the overview). */
  initialOpen?: number | null;
  initialTab?: Tab;
}

export function ContractsPage({ canEdit, canSign, initialOpen = null, initialTab = "contracts" }: Props) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>(initialTab);
  const [openId, setOpenId] = useState<number | null>(initialOpen);
  const [filters, setFilters] = useState<Filters>({ year: currentYear(), status: null, supplier: null, line: null, search: "" });
  const settings = useLoad(() => api.contract_settings(), []);

  const tabs: { id: Tab; name: string; label: string }[] = [
    { id: "contracts", name: "tab_contracts", label: t("contracts.tabContracts") },
    { id: "budget", name: "tab_budget", label: t("contracts.tabBudget") },
    { id: "suppliers", name: "tab_suppliers", label: t("contracts.tabSuppliers") },
  ];

  return (
    <section className="page" data-page="contracts">
      <header className="page-header">
        <h1>{t("contracts.title")}</h1>
        <Tabs tabs={tabs} value={tab} onChange={setTab} />
      </header>
      {tab === "contracts" ? (
        openId !== null ? (
          <ContractCard
            key={openId}
            id={openId}
            canEdit={canEdit}
            canSign={canSign}
            budgetIncludesVat={settings.data?.budget_includes_vat ?? null}
            onBack={() => { setOpenId(null); }}
          />
        ) : (
          <ContractRegister filters={filters} setFilters={setFilters} canEdit={canEdit} onOpen={setOpenId} />
        )
      ) : null}
      {tab === "budget" ? <BudgetTab canEdit={canEdit} /> : null}
      {tab === "suppliers" ? <SuppliersTab canEdit={canEdit} /> : null}
    </section>
  );
}
