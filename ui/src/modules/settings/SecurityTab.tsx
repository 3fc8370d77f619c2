import { useRef, useState, type SyntheticEvent } from "react";
import type { BackupInfo, SecuritySettings } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Field, focusFirstError } from "../../components/Field";
import { Table } from "../../components/Table";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { formatDateTime } from "../../i18n/format";
import { errorInputs, fileSize, FormErrors } from "../contracts/shared";

interface Form {
  idle_lock_minutes: string;
  deputy_sees_sensitive: boolean;
  backups_kept: string;
}

const FIELDS = ["idle_lock_minutes", "backups_kept"];

function toForm(s: SecuritySettings): Form {
  return { idle_lock_minutes: String(s.idle_lock_minutes), deputy_sees_sensitive: s.deputy_sees_sensitive, backups_kept: String(s.backups_kept) };
}

/** A whole number as typed; anything else as 0, which the core refuses with its allowed range. */
function whole(v: string): number {
  return /^\s*\d+\s*$/.test(v) ? Number(v) : 0;
}

/** The idle lock, the substitute's view of sensitive data, and the backups. */
export function SecurityTab({ canBackup, onIdleChange }: { canBackup: boolean; onIdleChange: (minutes: number) => void }) {
  return (
    <div data-tab="security">
      <SettingsForm onIdleChange={onIdleChange} />
      <Backups canBackup={canBackup} />
    </div>
  );
}

function SettingsForm({ onIdleChange }: { onIdleChange: (minutes: number) => void }) {
  const { t } = useI18n();
  const current = useLoad(() => api.security_settings(), []);
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [state, setState] = useState<"idle" | "saving" | "saved">("idle");
  const formRef = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(error);
  const value = form ?? (current.data ? toForm(current.data) : null);
  if (!value) return <ErrorBanner error={current.error} />;
  const change = (patch: Partial<Form>) => {
    setForm((f) => ({ ...(f ?? value), ...patch }));
    setState("idle");
  };

  async function save(e: SyntheticEvent) {
    e.preventDefault();
    if (!value) return;
    setState("saving");
    try {
      const saved = await api.security_settings_save({
        idle_lock_minutes: whole(value.idle_lock_minutes),
        deputy_sees_sensitive: value.deputy_sees_sensitive,
        backups_kept: whole(value.backups_kept),
      });
      setForm(toForm(saved));
      setError(null);
      setState("saved");
      onIdleChange(saved.idle_lock_minutes);
    } catch (err) {
      const apiErr = toApiError(err);
      setError(apiErr);
      setState("idle");
      focusFirstError(formRef.current, errorInputs(apiErr, {}, FIELDS));
    }
  }

  return (
    <form ref={formRef} className="side-form narrow-form" onSubmit={(e) => void save(e)} noValidate data-form="security_settings">
      <h3>{t("security.title")}</h3>
      <FormErrors error={error} shown={FIELDS} />
      <Field
        label={t("security.idle")}
        name="idle_lock_minutes"
        value={value.idle_lock_minutes}
        onChange={(v) => { change({ idle_lock_minutes: v }); }}
        error={errors.idle_lock_minutes}
        hint={t("security.idleHint")}
        inputMode="numeric"
        size={5}
      />
      <label className="check field">
        <input
          type="checkbox"
          name="deputy_sees_sensitive"
          checked={value.deputy_sees_sensitive}
          onChange={(e) => { change({ deputy_sees_sensitive: e.target.checked }); }}
        />
        {t("security.deputySensitive")}
      </label>
      <Field
        label={t("security.backupsKept")}
        name="backups_kept"
        value={value.backups_kept}
        onChange={(v) => { change({ backups_kept: v }); }}
        error={errors.backups_kept}
        hint={t("security.backupsKeptHint")}
        inputMode="numeric"
        size={5}
      />
      <div className="actions">
        <span className="save-state" data-save-state={state} role="status">
          {state === "saving" ? t("common.saving") : state === "saved" ? t("common.saved") : ""}
        </span>
        <button type="submit" className="primary" name="security_save" disabled={state === "saving"}>
          {t("common.save")}
        </button>
      </div>
    </form>
  );
}

function Backups({ canBackup }: { canBackup: boolean }) {
  const { t } = useI18n();
  const list = useLoad(() => api.backups(), []);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function backupNow() {
    setBusy(true);
    setNotice(null);
    try {
      const made = await api.backup_now();
      setError(null);
      setNotice(t("security.backupDone", { path: made.path }));
      list.reload();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="subsection" data-section="backups">
      <div className="card-head">
        <h3>{t("security.backups")}</h3>
        {canBackup ? (
          <button type="button" name="backup_now" disabled={busy} onClick={() => void backupNow()}>
            {busy ? t("security.backingUp") : t("security.backupNow")}
          </button>
        ) : null}
      </div>
      <p className="note">{t("security.backupsIntro")}</p>
      <ErrorBanner error={list.error} />
      <FormErrors error={error} shown={[]} />
      {notice ? <div className="banner info" data-notice>{notice}</div> : null}
      <Table<BackupInfo>
        name="backups"
        rows={list.data ?? []}
        rowKey={(b) => b.path}
        columns={[
          { key: "path", label: t("security.file"), render: (b) => <code>{b.path}</code>, sort: (b) => b.path },
          { key: "time", label: t("security.time"), render: (b) => formatDateTime(b.modified), sort: (b) => b.modified, className: "nowrap" },
          { key: "size", label: t("security.size"), render: (b) => fileSize(b.bytes), sort: (b) => b.bytes, className: "num" },
        ]}
        empty={t("security.noBackups")}
      />
    </section>
  );
}
