import { useCallback, useEffect, useMemo, useState } from "react";
import type { Action, Actor, AppStatus, Lang } from "./api/bindings";
import { api, toApiError, type ApiError } from "./api/client";
import { ErrorBanner } from "./components/ErrorBanner";
import { LanguageSwitch } from "./components/LanguageSwitch";
import { I18nContext, translator, useI18n, type MessageKey } from "./i18n";
import { AuditPage } from "./modules/audit/AuditPage";
import { OverviewPage } from "./modules/overview/OverviewPage";
import { ContractsPage } from "./modules/contracts/ContractsPage";
import { DocumentsPage } from "./modules/documents/DocumentsPage";
import { RosterPage } from "./modules/roster/RosterPage";
import { SettingsPage } from "./modules/settings/SettingsPage";
import { LoginPage } from "./modules/start/LoginPage";
import { SetupPage } from "./modules/start/SetupPage";
import { StaffPage } from "./modules/staff/StaffPage";

type Module = "overview" | "staff" | "roster" | "contracts" | "documents" | "audit" | "settings";
const MODULES: { id: Module; label: MessageKey }[] = [
  { id: "overview", label: "nav.overview" },
  { id: "staff", label: "nav.staff" },
  { id: "roster", label: "nav.roster" },
  { id: "contracts", label: "nav.contracts" },
  { id: "documents", label: "nav.documents" },
  { id: "audit", label: "nav.audit" },
  { id: "settings", label: "nav.settings" },
];

export function App() {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [lang, setLangState] = useState<Lang>("et");
  const [user, setUser] = useState<Actor | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => { setTick((n) => n + 1); }, []);

  useEffect(() => {
    let live = true;
    Promise.all([api.app_status(), api.current_user()]).then(
      ([s, u]) => {
        if (!live) return;
        setStatus(s);
        setLangState(s.language);
        setUser(u);
      },
      (e: unknown) => {
        if (live) setError(toApiError(e));
      },
    );
    return () => {
      live = false;
    };
  }, [tick]);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  // Tell the shell once the first real screen is up (start-up measurement).
  const ready = status !== null;
  useEffect(() => {
    if (ready) {
      requestAnimationFrame(() => {
        api.ui_ready().catch(() => undefined);
      });
    }
  }, [ready]);

  const i18n = useMemo(
    () => ({
      lang,
      t: translator(lang),
      setLang: (l: Lang) => {
        setLangState(l);
        api.set_language(l).catch((e: unknown) => { setError(toApiError(e)); });
      },
    }),
    [lang],
  );

  let body;
  if (!status) {
    body = error ? <main className="start-page"><ErrorBanner error={error} /></main> : <main className="start-page">{i18n.t("app.loading")}</main>;
  } else if (!status.initialized) {
    body = (
      <SetupPage
        status={status}
        onSignedIn={(a) => { setUser(a); refresh(); }}
        onDemoReady={() => { setNotice(i18n.t("setup.demoDone")); refresh(); }}
      />
    );
  } else if (!user) {
    body = <LoginPage status={status} notice={notice} onSignedIn={setUser} />;
  } else {
    body = <Shell status={status} user={user} onSignOut={() => { void api.sign_out().then(() => { setUser(null); setNotice(null); }); }} />;
  }

  return (
    <I18nContext.Provider value={i18n}>
      {!user ? (
        <div className="corner-lang">
          <LanguageSwitch />
        </div>
      ) : null}
      {body}
    </I18nContext.Provider>
  );
}

function Shell({ status, user, onSignOut }: { status: AppStatus; user: Actor; onSignOut: () => void }) {
  const { t } = useI18n();
  const [module, setModuleState] = useState<Module>("overview");
  // What the contracts module opens with when reached from the overview.
  const [contractsStart, setContractsStart] = useState<{ id: number | null; tab: "contracts" | "budget" }>({ id: null, tab: "contracts" });
  const setModule = useCallback((m: Module) => {
    setContractsStart({ id: null, tab: "contracts" });
    setModuleState(m);
  }, []);
  const [permissions, setPermissions] = useState<Action[]>([]);

  useEffect(() => {
    api.permissions().then(setPermissions, () => { setPermissions([]); });
  }, [user]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.altKey && /^[1-9]$/.test(e.key)) {
        const m = MODULES[Number(e.key) - 1];
        if (m) {
          e.preventDefault();
          setModule(m.id);
        }
      }
    }
    window.addEventListener("keydown", onKey);
    return () => { window.removeEventListener("keydown", onKey); };
  }, [setModule]);

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">{t("app.name")}</span>
        <span className="dept">{status.department}</span>
        <span className="spacer" />
        <LanguageSwitch />
        <span className="user" data-user={user.login}>
          {user.name} · {t(`role.${user.role}`)}
        </span>
        <button type="button" className="link" name="sign_out" onClick={onSignOut}>
          {t("user.signOut")}
        </button>
      </header>
      {user.acting_as ? <div className="acting-band">{t("user.actingAs", { role: t(`role.${user.acting_as}`) })}</div> : null}
      <nav className="sidebar" aria-label={t("nav.main")}>
        {MODULES.map((m, i) => (
          <button
            key={m.id}
            type="button"
            name={`nav_${m.id}`}
            className={module === m.id ? "on" : undefined}
            aria-current={module === m.id ? "page" : undefined}
            title={`Alt+${i + 1}`}
            onClick={() => { setModule(m.id); }}
          >
            {t(m.label)}
          </button>
        ))}
      </nav>
      <main className="content">
        {module === "overview" ? (
          <OverviewPage
            onOpenRoster={() => { setModule("roster"); }}
            onOpenContract={(id) => { setContractsStart({ id, tab: "contracts" }); setModuleState("contracts"); }}
            onOpenBudget={() => { setContractsStart({ id: null, tab: "budget" }); setModuleState("contracts"); }}
          />
        ) : null}
        {module === "staff" ? <StaffPage canEdit={permissions.includes("edit_staff")} /> : null}
        {module === "roster" ? <RosterPage canEdit={permissions.includes("edit_roster")} /> : null}
        {module === "contracts" ? (
          <ContractsPage
            canEdit={permissions.includes("edit_contracts")}
            canSign={permissions.includes("sign_contracts")}
            initialOpen={contractsStart.id}
            initialTab={contractsStart.tab}
          />
        ) : null}
        {module === "documents" ? <DocumentsPage canSign={permissions.includes("sign_documents")} /> : null}
        {module === "audit" ? <AuditPage /> : null}
        {module === "settings" ? <SettingsPage status={status} canEdit={permissions.includes("edit_contracts")} /> : null}
      </main>
    </div>
  );
}
