import { useState, type SyntheticEvent } from "react";
import type { Action, Actor, AppStatus, ContractSettings } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { Field } from "../../components/Field";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Tabs } from "../../components/Tabs";
import { useLoad } from "../../components/useLoad";
import { useI18n, type MessageKey } from "../../i18n";
import { formatMoney } from "../../i18n/format";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { moneyInput } from "../contracts/shared";
import { AccountsTab } from "./AccountsTab";
import { MyPassword } from "./MyPassword";
import { ReviewSettingsTab } from "./ReviewSettingsTab";
import { SecurityTab } from "./SecurityTab";
import { SubstitutionTab } from "./SubstitutionTab";

type Tab = "general" | "password" | "accounts" | "substitution" | "security" | "reviews";

interface Props {
  status: AppStatus;
  user: Actor;
  permissions: Action[];
  /** The idle minutes were changed: the idle timer follows at once. */
  onIdleChange: (minutes: number) => void;
}

/** The department's settings; everyone's own password; for the head the accounts, the
 *  substitution (§ 3.6) and the security settings with the backups. */
export function SettingsPage({ status, user, permissions, onIdleChange }: Props) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>("general");
  const canManage = permissions.includes("manage_accounts");
  const tabs: { id: Tab; label: MessageKey }[] = [
    { id: "general", label: "settings.tabGeneral" },
    ...(canManage
      ? [
          { id: "accounts" as const, label: "settings.tabAccounts" as const },
          { id: "substitution" as const, label: "settings.tabSubstitution" as const },
          { id: "security" as const, label: "settings.tabSecurity" as const },
          { id: "reviews" as const, label: "settings.tabReviews" as const },
        ]
      : []),
    { id: "password", label: "settings.tabPassword" },
  ];
  // A tab the rights no longer allow (e.g. after the substitution ended) falls back to the first.
  const current = tabs.some((x) => x.id === tab) ? tab : "general";
  return (
    <section className="page" data-page="settings">
      <header className="page-header">
        <h1>{t("settings.title")}</h1>
        <Tabs tabs={tabs.map((x) => ({ id: x.id, name: `settings_tab_${x.id}`, label: t(x.label) }))} value={current} onChange={setTab} />
      </header>
      {current === "general" ? <GeneralTab status={status} canEdit={permissions.includes("edit_contracts")} /> : null}
      {current === "accounts" ? <AccountsTab me={user.user_id} /> : null}
      {current === "substitution" ? <SubstitutionTab /> : null}
      {current === "security" ? <SecurityTab canBackup={permissions.includes("backup")} onIdleChange={onIdleChange} /> : null}
      {current === "reviews" ? <ReviewSettingsTab /> : null}
      {current === "password" ? <MyPassword /> : null}
    </section>
  );
}

function GeneralTab({ status, canEdit }: { status: AppStatus; canEdit: boolean }) {
  const { t, lang } = useI18n();
  const dept = useLoad(() => api.department(), []);
  return (
    <>
      <ErrorBanner error={dept.error} />
      <dl className="facts">
        <dt>{t("settings.language")}</dt>
        <dd>
          <LanguageSwitch />
        </dd>
        {dept.data ? (
          <>
            <dt>{t("settings.department")}</dt>
            <dd>{dept.data.name}</dd>
            <dt>{t("settings.signingLimit")}</dt>
            <dd>
              {canEdit ? (
                <ContractSettingsForm onSaved={dept.reload} />
              ) : (
                <>
                  {formatMoney(dept.data.signing_limit_cents, dept.data.currency)} <span className="muted">{t("settings.signingLimitNote")}</span>
                </>
              )}
            </dd>
            <dt>{t("settings.kpis")}</dt>
            <dd>
              <ol className="kpis">
                {dept.data.kpis.map((k) => (
                  <li key={k.code}>
                    <span className="code">§ {k.code}</span> {lang === "et" ? k.name_et : k.name_en} ({k.unit})
                  </li>
                ))}
              </ol>
            </dd>
          </>
        ) : null}
        <dt>{t("settings.database")}</dt>
        <dd>
          <code>{status.db_path}</code> <span className="muted">{t("settings.schema", { version: status.schema_version })}</span>
        </dd>
      </dl>
    </>
  );
}

/** The § 3.8.2 limit and whether the budget counts VAT: statute settings with their defaults. */
function ContractSettingsForm({ onSaved }: { onSaved: () => void }) {
  const { t } = useI18n();
  const current = useLoad(() => api.contract_settings(), []);
  const [form, setForm] = useState<{ limit: string; vat: boolean } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const loaded: ContractSettings | null = current.data;
  const value = form ?? (loaded ? { limit: moneyInput(loaded.signing_limit_cents), vat: loaded.budget_includes_vat } : null);
  if (!value) return <ErrorBanner error={current.error} />;

  async function save(e: SyntheticEvent) {
    e.preventDefault();
    if (!value) return;
    try {
      await api.contract_settings_save({ signing_limit: value.limit, budget_includes_vat: value.vat });
      setError(null);
      setSaved(true);
      setForm(null);
      current.reload();
      onSaved();
    } catch (err) {
      setError(toApiError(err));
      setSaved(false);
    }
  }

  return (
    <form className="inline-form" onSubmit={(e) => void save(e)} noValidate data-form="contract_settings">
      <Field
        label={t("settings.limitField")}
        name="signing_limit"
        value={value.limit}
        onChange={(v) => { setForm({ ...value, limit: v }); setSaved(false); }}
        error={fieldErrors(error).signing_limit}
        inputMode="decimal"
      />
      <label className="check">
        <input
          type="checkbox"
          name="budget_includes_vat"
          checked={value.vat}
          onChange={(e) => { setForm({ ...value, vat: e.target.checked }); setSaved(false); }}
        />{" "}
        {t("settings.budgetIncludesVat")}
      </label>
      <button type="submit" name="contract_settings_save">{t("common.save")}</button>
      {saved ? <span className="muted" role="status">{t("common.saved")}</span> : null}
      <ErrorBanner error={error} />
    </form>
  );
}
