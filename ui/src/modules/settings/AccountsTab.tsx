import { useState } from "react";
import type { Account } from "../../api/bindings";
import { api, toApiError, type ApiError } from "../../api/client";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Table, type Column } from "../../components/Table";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { formatDateTime } from "../../i18n/format";
import { FormErrors } from "../contracts/shared";
import { AccountDialog, PasswordResetDialog } from "./AccountDialogs";

type Open = { kind: "account"; account: Account | null } | { kind: "password"; account: Account } | { kind: "disable"; account: Account };

/** The department's accounts: who may sign in, in which role, linked to which employee. */
export function AccountsTab({ me }: { me: number }) {
  const { t } = useI18n();
  const list = useLoad(() => api.accounts(), []);
  const [open, setOpen] = useState<Open | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function setActive(account: Account, active: boolean) {
    if (busy) return;
    setBusy(true);
    try {
      await api.account_set_active(account.id, active);
      setError(null);
      setOpen(null);
      list.reload();
    } catch (err) {
      setError(toApiError(err));
      setOpen(null);
    } finally {
      setBusy(false);
    }
  }

  const columns: Column<Account>[] = [
    { key: "login", label: t("accounts.login"), render: (a) => a.login, sort: (a) => a.login, className: "nowrap" },
    { key: "name", label: t("accounts.name"), render: (a) => a.name, sort: (a) => a.name },
    { key: "role", label: t("accounts.role"), render: (a) => t(`role.${a.role}`), sort: (a) => a.role },
    { key: "employee", label: t("accounts.employee"), render: (a) => a.employee_name ?? t("common.empty"), sort: (a) => a.employee_name ?? "" },
    {
      key: "active",
      label: t("accounts.status"),
      render: (a) => (a.active ? t("accounts.active") : t("accounts.inactive")),
      sort: (a) => (a.active ? 0 : 1),
    },
    {
      key: "password",
      label: t("accounts.password"),
      render: (a) =>
        !a.has_key ? (
          <span className="warn-text" data-no-key>{t("accounts.noKey")}</span>
        ) : a.password_changed_at ? (
          t("accounts.passwordChanged", { at: formatDateTime(a.password_changed_at) })
        ) : (
          t("accounts.passwordSet")
        ),
    },
    {
      key: "actions",
      label: "",
      className: "nowrap",
      render: (a) => (
        <>
          <button type="button" className="link" name="account_edit" onClick={() => { setOpen({ kind: "account", account: a }); }}>
            {t("common.edit")}
          </button>
          {a.active && a.id !== me ? (
            <button type="button" className="link" name="set_password" onClick={() => { setNotice(null); setOpen({ kind: "password", account: a }); }}>
              {t("accounts.setPassword")}
            </button>
          ) : null}
          {a.id === me ? null : a.active ? (
            <button type="button" className="danger-link" name="account_disable" onClick={() => { setOpen({ kind: "disable", account: a }); }}>
              {t("accounts.disable")}
            </button>
          ) : (
            <button type="button" className="link" name="account_enable" disabled={busy} onClick={() => void setActive(a, true)}>
              {t("accounts.enable")}
            </button>
          )}
        </>
      ),
    },
  ];

  return (
    <div data-tab="accounts">
      <div className="toolbar-row">
        <button type="button" name="account_add" onClick={() => { setNotice(null); setOpen({ kind: "account", account: null }); }}>
          {t("accounts.add")}
        </button>
      </div>
      <ErrorBanner error={list.error} />
      <FormErrors error={error} shown={[]} />
      {notice ? <div className="banner info" data-notice>{notice}</div> : null}
      <Table
        name="accounts"
        rows={list.data ?? []}
        columns={columns}
        rowKey={(a) => a.id}
        rowClass={(a) => (a.active ? "" : "inactive")}
        onOpen={(a) => { setOpen({ kind: "account", account: a }); }}
        empty={t("accounts.empty")}
        footer={t("accounts.count", { n: list.data?.length ?? 0 })}
      />
      {open?.kind === "account" ? (
        <AccountDialog
          account={open.account}
          onClose={() => { setOpen(null); }}
          onSaved={() => { setOpen(null); list.reload(); }}
        />
      ) : null}
      {open?.kind === "password" ? (
        <PasswordResetDialog
          account={open.account}
          onClose={() => { setOpen(null); }}
          onSaved={() => { setOpen(null); setNotice(t("accounts.passwordDone", { name: open.account.name })); list.reload(); }}
        />
      ) : null}
      {open?.kind === "disable" ? (
        <Dialog title={t("accounts.disableTitle", { login: open.account.login })} name="account_disable" onClose={() => { setOpen(null); }}>
          <p>{t("accounts.disableText", { name: open.account.name })}</p>
          <div className="actions">
            <button type="button" onClick={() => { setOpen(null); }}>{t("common.cancel")}</button>
            <button type="button" className="danger" name="confirm_disable" disabled={busy} onClick={() => void setActive(open.account, false)}>
              {t("accounts.disable")}
            </button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}
