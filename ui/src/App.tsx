import { useCallback, useEffect, useMemo, useState, type Dispatch, type SetStateAction } from "react";
import type { Action, Actor, AppStatus, Lang, SessionInfo, Substitution } from "./api/bindings";
import { api, emitSession, onSession, toApiError, type ApiError } from "./api/client";
import { ErrorBanner } from "./components/ErrorBanner";
import { LanguageSwitch } from "./components/LanguageSwitch";
import { I18nContext, translator, useI18n, type MessageKey } from "./i18n";
import { formatDate } from "./i18n/format";
import { AuditPage } from "./modules/audit/AuditPage";
import { OverviewPage } from "./modules/overview/OverviewPage";
import { ContractsPage } from "./modules/contracts/ContractsPage";
import { JobsPage } from "./modules/jobs/JobsPage";
import { ReviewsPage } from "./modules/reviews/ReviewsPage";
import { KpiPage } from "./modules/kpi/KpiPage";
import { DocumentsPage } from "./modules/documents/DocumentsPage";
import { RosterPage } from "./modules/roster/RosterPage";
import { SettingsPage } from "./modules/settings/SettingsPage";
import { LockScreen } from "./modules/start/LockScreen";
import { LoginPage } from "./modules/start/LoginPage";
import { SetupPage } from "./modules/start/SetupPage";
import { StaffPage } from "./modules/staff/StaffPage";

type Module = "overview" | "staff" | "jobs" | "reviews" | "roster" | "contracts" | "kpi" | "documents" | "audit" | "settings";
const MODULES: { id: Module; label: MessageKey }[] = [
  { id: "overview", label: "nav.overview" },
  { id: "staff", label: "nav.staff" },
  { id: "jobs", label: "nav.jobs" },
  { id: "reviews", label: "nav.reviews" },
  { id: "roster", label: "nav.roster" },
  { id: "contracts", label: "nav.contracts" },
  { id: "kpi", label: "nav.kpi" },
  { id: "documents", label: "nav.documents" },
  { id: "audit", label: "nav.audit" },
  { id: "settings", label: "nav.settings" },
];

/** How often, at most, activity is reported to the core, whose idle clock only commands reset. */
const PING_MS = 30_000;

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function App() {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [lang, setLangState] = useState<Lang>("et");
  const [session, setSession] = useState<SessionInfo | null>(null);
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
        setSession(u);
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
    if (!ready) return;
    const frame = requestAnimationFrame(() => {
      api.ui_ready().catch(() => undefined);
    });
    return () => { cancelAnimationFrame(frame); };
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

  const signIn = useCallback((user: Actor) => { setSession({ user, locked: false }); }, []);
  // Signing out always ends the session here, whatever the core answers.
  const signOut = useCallback(() => {
    void api.sign_out().catch(() => null).then(() => {
      setSession(null);
      setNotice(null);
    });
  }, []);

  // The core ended the session (e.g. the account was closed meanwhile): back to the sign-in page
  // with the core's message, as after signing out.
  const signedIn = session !== null;
  useEffect(
    () =>
      signedIn
        ? onSession("ended", (e) => {
            setSession(null);
            setNotice(e?.message ?? null);
          })
        : undefined,
    [signedIn],
  );

  let body;
  if (!status) {
    body = error ? <main className="start-page"><ErrorBanner error={error} /></main> : <main className="start-page">{i18n.t("app.loading")}</main>;
  } else if (!status.initialized) {
    body = (
      <SetupPage
        status={status}
        onSignedIn={(a) => { signIn(a); refresh(); }}
        onDemoReady={() => { setNotice(i18n.t("setup.demoDone")); refresh(); }}
      />
    );
  } else if (!session) {
    body = <LoginPage status={status} notice={notice} onSignedIn={signIn} />;
  } else {
    body = <Shell status={status} session={session} setSession={setSession} onSignOut={signOut} />;
  }

  return (
    <I18nContext.Provider value={i18n}>
      {!session ? (
        <div className="corner-lang">
          <LanguageSwitch />
        </div>
      ) : null}
      {body}
    </I18nContext.Provider>
  );
}

interface ShellProps {
  status: AppStatus;
  session: SessionInfo;
  setSession: Dispatch<SetStateAction<SessionInfo | null>>;
  onSignOut: () => void;
}

function Shell({ status, session, setSession, onSignOut }: ShellProps) {
  const { t } = useI18n();
  const { user, locked } = session;
  const [module, setModuleState] = useState<Module>("overview");
  // What the contracts module opens with when reached from the overview.
  const [contractsStart, setContractsStart] = useState<{ id: number | null; tab: "contracts" | "budget" }>({ id: null, tab: "contracts" });
  const setModule = useCallback((m: Module) => {
    setContractsStart({ id: null, tab: "contracts" });
    setModuleState(m);
  }, []);
  const [permissions, setPermissions] = useState<Action[]>([]);
  const [substitution, setSubstitution] = useState<Substitution | null>(null);
  const [idleMinutes, setIdleMinutes] = useState<number | null>(null);

  // What may change while signed in: the rights and the substitution (§ 3.6) start and end by date.
  const refreshSession = useCallback(() => {
    api.permissions().then((p) => { setPermissions((old) => (sameList(old, p) ? old : p)); }, () => undefined);
    api.substitution().then(
      (s) => { setSubstitution((old) => (JSON.stringify(old) === JSON.stringify(s) ? old : s)); },
      () => undefined,
    );
  }, []);

  // After sign-in and after each unlock (the core returns the user anew).
  useEffect(() => {
    refreshSession();
    api.security_settings().then((s) => { setIdleMinutes(s.idle_lock_minutes); }, () => undefined);
  }, [user, refreshSession]);

  const lock = useCallback(() => {
    setSession((s) => (s ? { ...s, locked: true } : s));
    api.lock_session().catch(() => undefined);
  }, [setSession]);

  const unlocked = useCallback((actor: Actor) => {
    setSession({ user: actor, locked: false });
    emitSession("unlocked");
  }, [setSession]);

  // The core refused a command: the session is locked (idle on the core's clock).
  useEffect(() => onSession("locked", () => { setSession((s) => (s && !s.locked ? { ...s, locked: true } : s)); }), [setSession]);

  // The idle timer: no keyboard or mouse for the set minutes locks the session. Activity is also
  // reported to the core now and then, so that a long edit without commands is not locked there.
  useEffect(() => {
    if (locked || idleMinutes === null) return;
    const limit = idleMinutes * 60_000;
    const ping = Math.min(PING_MS, limit / 3);
    let lastActive = Date.now();
    let lastPing = lastActive;
    let done = false;
    // Idle too long: lock once (the effect ends when `locked` is set).
    function lockIfIdle(now: number): boolean {
      if (!done && now - lastActive >= limit) {
        done = true;
        lock();
      }
      return done;
    }
    function onActivity() {
      const now = Date.now();
      // The first activity after a long pause (e.g. the laptop woke from sleep before the timer
      // ran again) locks instead of counting as activity.
      if (lockIfIdle(now)) return;
      lastActive = now;
      if (now - lastPing >= ping) {
        lastPing = now;
        refreshSession();
      }
    }
    const timer = window.setInterval(() => { lockIfIdle(Date.now()); }, 5_000);
    const events = ["mousemove", "mousedown", "keydown", "wheel", "touchstart"] as const;
    const options = { capture: true, passive: true };
    for (const e of events) window.addEventListener(e, onActivity, options);
    return () => {
      window.clearInterval(timer);
      for (const e of events) window.removeEventListener(e, onActivity, options);
    };
  }, [locked, idleMinutes, lock, refreshSession]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.altKey && /^[0-9]$/.test(e.key)) {
        // Alt+1 … Alt+9, and Alt+0 for the tenth.
        const m = MODULES[(Number(e.key) + 9) % 10];
        if (m) {
          e.preventDefault();
          setModule(m.id);
        }
      }
    }
    window.addEventListener("keydown", onKey);
    return () => { window.removeEventListener("keydown", onKey); };
  }, [setModule]);

  const acting = substitution?.me_acting
    ? substitution.current
      ? t("acting.banner", { date: formatDate(substitution.current.ends_on) })
      : t("acting.bannerOpen")
    : null;

  return (
    <>
      {locked ? <LockScreen user={user} onUnlocked={unlocked} onSignOut={onSignOut} /> : null}
      {/* Hidden, not unmounted, while locked: the open module, dialog and form stay as they were. */}
      <div className="shell" hidden={locked} inert={locked}>
        <header className="topbar">
          <span className="brand">{t("app.name")}</span>
          <span className="dept">{status.department}</span>
          <span className="spacer" />
          <LanguageSwitch />
          <span className="user" data-user={user.login}>
            {user.name} · {t(`role.${user.role}`)}
          </span>
          <button type="button" className="link" name="lock" title={t("lock.lockHint")} onClick={lock}>
            {t("lock.lock")}
          </button>
          <button type="button" className="link" name="sign_out" onClick={onSignOut}>
            {t("user.signOut")}
          </button>
        </header>
        {acting ? <div className="acting-banner" role="status">{acting}</div> : null}
        <nav className="sidebar" aria-label={t("nav.main")}>
          {MODULES.map((m, i) => (
            <button
              key={m.id}
              type="button"
              name={`nav_${m.id}`}
              className={module === m.id ? "on" : undefined}
              aria-current={module === m.id ? "page" : undefined}
              title={`Alt+${String((i + 1) % 10)}`}
              onClick={() => { setModule(m.id); }}
            >
              {t(m.label)}
            </button>
          ))}
        </nav>
        <main className="content">
          {module === "overview" ? (
            <OverviewPage
              canSeeReviews={permissions.includes("view_reviews")}
              onOpenReviews={() => { setModule("reviews"); }}
              onOpenRoster={() => { setModule("roster"); }}
              onOpenContract={(id) => { setContractsStart({ id, tab: "contracts" }); setModuleState("contracts"); }}
              onOpenBudget={() => { setContractsStart({ id: null, tab: "budget" }); setModuleState("contracts"); }}
              onOpenKpi={() => { setModule("kpi"); }}
            />
          ) : null}
          {module === "staff" ? <StaffPage canEdit={permissions.includes("edit_staff")} /> : null}
          {module === "jobs" ? <JobsPage canEdit={permissions.includes("edit_staff")} /> : null}
          {module === "reviews" ? (
            <ReviewsPage
              canSee={permissions.includes("view_reviews")}
              canEdit={permissions.includes("edit_reviews")}
              canEditStaff={permissions.includes("edit_staff")}
            />
          ) : null}
          {module === "roster" ? <RosterPage canEdit={permissions.includes("edit_roster")} /> : null}
          {module === "contracts" ? (
            <ContractsPage
              canEdit={permissions.includes("edit_contracts")}
              canSign={permissions.includes("sign_contracts")}
              initialOpen={contractsStart.id}
              initialTab={contractsStart.tab}
            />
          ) : null}
          {module === "kpi" ? <KpiPage canEdit={permissions.includes("edit_kpis")} /> : null}
          {module === "documents" ? <DocumentsPage canSign={permissions.includes("sign_documents")} /> : null}
          {module === "audit" ? <AuditPage /> : null}
          {module === "settings" ? <SettingsPage status={status} user={user} permissions={permissions} onIdleChange={setIdleMinutes} /> : null}
        </main>
      </div>
    </>
  );
}
