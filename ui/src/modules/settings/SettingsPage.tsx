import type { AppStatus } from "../../api/bindings";
import { api } from "../../api/client";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { formatMoney } from "../../i18n/format";
import { LanguageSwitch } from "../../components/LanguageSwitch";

export function SettingsPage({ status }: { status: AppStatus }) {
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
              {formatMoney(dept.data.signing_limit_cents, dept.data.currency)} <span className="muted">{t("settings.signingLimitNote")}</span>
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
