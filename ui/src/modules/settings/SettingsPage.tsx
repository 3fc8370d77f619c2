import { useState, type SyntheticEvent } from "react";
import type { AppStatus, ContractSettings } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { Field } from "../../components/Field";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { formatMoney } from "../../i18n/format";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { moneyInput } from "../contracts/shared";

export function SettingsPage({ status, canEdit }: { status: AppStatus; canEdit: boolean }) {
  const { t, lang } = useI18n();
  const dept = useLoad(() => api.department(), []);
  return (
    <section className="page" data-page="settings">
      <header className="page-header">
        <h1>{t("settings.title")}</h1>
      </header>
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
    </section>
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
