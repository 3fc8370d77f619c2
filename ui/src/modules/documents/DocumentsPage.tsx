import { useState, type ChangeEvent, type SyntheticEvent } from "react";
import type { DocumentRecord, SavedFile, SigningSettings, Summary, Verification } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Field } from "../../components/Field";
import { Table } from "../../components/Table";
import { useLoad } from "../../components/useLoad";
import { useI18n, type MessageKey } from "../../i18n";
import { formatDateTime } from "../../i18n/format";
import { currentMonth } from "../roster/month";
import { ExportDialog, KEY_ERRORS } from "./ExportDialog";
import { SigningFields, signingInput, type SigningState } from "./SigningFields";
import { VerificationView } from "./VerificationView";
import { Tabs } from "../../components/Tabs";

type Tab = "register" | "verify" | "sign" | "settings";

const KIND_LABEL: Record<DocumentRecord["kind"], MessageKey> = {
  roster: "docs.kind.roster",
  staffing: "docs.kind.staffing",
  contracts: "docs.kind.contracts",
  contract: "docs.kind.contract",
  budget: "docs.kind.budget",
  kpi: "docs.kind.kpi",
  job: "docs.kind.job",
  review: "docs.kind.review",
};

/** Signed PDF summaries: the register of exported documents, verifying and signing a PDF, and
 *  the signature's settings with the trust anchors. */
export function DocumentsPage({ canSign }: { canSign: boolean }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>("register");
  const tabs: { id: Tab; label: MessageKey }[] = [
    { id: "register", label: "docs.tabRegister" },
    { id: "verify", label: "docs.tabVerify" },
    ...(canSign ? [{ id: "sign" as const, label: "docs.tabSign" as const }] : []),
    { id: "settings", label: "docs.tabSettings" },
  ];
  return (
    <section className="page" data-page="documents">
      <header className="page-header">
        <h1>{t("docs.title")}</h1>
        <Tabs tabs={tabs.map((x) => ({ id: x.id, name: `docs_tab_${x.id}`, label: t(x.label) }))} value={tab} onChange={setTab} />
      </header>
      {tab === "register" ? <Register /> : null}
      {tab === "verify" ? <VerifyTab /> : null}
      {tab === "sign" ? <SignTab /> : null}
      {tab === "settings" ? <SettingsTab canEdit={canSign} /> : null}
    </section>
  );
}

function Register() {
  const { t } = useI18n();
  const docs = useLoad(() => api.documents(), []);
  const [exporting, setExporting] = useState<{ summary: Summary; title: string } | null>(null);
  const [kind, setKind] = useState<Summary["kind"]>("roster");
  const [month, setMonth] = useState(currentMonth());
  const [year, setYear] = useState(String(new Date().getFullYear()));

  function start(e: SyntheticEvent) {
    e.preventDefault();
    const y = Number(year);
    const summary: Summary | null =
      kind === "roster" ? { kind, month } : kind === "staffing" ? { kind } : kind === "contracts" || kind === "budget" || kind === "kpi" ? { kind, year: y } : null;
    if (summary) setExporting({ summary, title: t(KIND_LABEL[kind]) });
  }

  return (
    <>
      <form className="inline-form toolbar" onSubmit={start} data-form="new_export">
        <div className="field">
          <label htmlFor="export_kind">{t("docs.newExport")}</label>
          <select id="export_kind" name="export_kind" value={kind} onChange={(e) => { setKind(e.target.value as Summary["kind"]); }}>
            {(["roster", "staffing", "contracts", "budget", "kpi"] as const).map((k) => (
              <option key={k} value={k}>{t(KIND_LABEL[k])}</option>
            ))}
          </select>
        </div>
        {kind === "roster" ? (
          <Field label={t("docs.month")} name="export_month" value={month} onChange={setMonth} placeholder="2026-12" size={8} />
        ) : null}
        {kind === "contracts" || kind === "budget" || kind === "kpi" ? (
          <Field label={t("docs.year")} name="export_year" value={year} onChange={setYear} inputMode="numeric" />
        ) : null}
        <button type="submit" name="export_open">{t("docs.pdfButton")}</button>
        <span className="muted small">{t("docs.contractHint")}</span>
      </form>
      <ErrorBanner error={docs.error} />
      <Table<DocumentRecord>
        name="documents"
        rows={docs.data ?? []}
        rowKey={(d) => d.id}
        columns={[
          { key: "number", label: t("docs.number"), render: (d) => d.number, sort: (d) => d.number, className: "nowrap" },
          { key: "kind", label: t("docs.kind"), render: (d) => t(KIND_LABEL[d.kind]) },
          { key: "title", label: t("docs.docTitle"), render: (d) => d.title, sort: (d) => d.title },
          { key: "pages", label: t("docs.pages"), render: (d) => d.pages, className: "num" },
          { key: "created", label: t("docs.created"), render: (d) => `${formatDateTime(d.created_at)} · ${d.created_by}${d.acting_as ? ` (${t("docs.acting")})` : ""}`, sort: (d) => d.created_at },
          {
            key: "signed",
            label: t("docs.signatures"),
            render: (d) =>
              d.signatures.length === 0 ? (
                <span className="muted">{t("docs.unsigned")}</span>
              ) : (
                <span data-signed={d.signatures.length}>
                  {d.signatures.map((s) => `${s.signer} (${s.role}, ${formatDateTime(s.signed_at)})`).join("; ")}
                </span>
              ),
          },
          { key: "hash", label: "SHA-256", render: (d) => <code className="clip narrow" title={d.sha256}>{d.sha256.slice(0, 16)}…</code> },
        ]}
        empty={t("docs.empty")}
      />
      {exporting ? (
        <ExportDialog
          summary={exporting.summary}
          title={exporting.title}
          onClose={() => { setExporting(null); docs.reload(); }}
        />
      ) : null}
    </>
  );
}

async function readFile(e: ChangeEvent<HTMLInputElement>): Promise<{ name: string; content: number[] } | null> {
  const f = e.target.files?.[0];
  if (!f) return null;
  return { name: f.name, content: Array.from(new Uint8Array(await f.arrayBuffer())) };
}

function VerifyTab() {
  const { t } = useI18n();
  const [result, setResult] = useState<Verification | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  async function pick(e: ChangeEvent<HTMLInputElement>) {
    const file = await readFile(e);
    if (!file) return;
    setBusy(true);
    try {
      setResult(await api.pdf_verify(file.content));
      setError(null);
    } catch (err) {
      setResult(null);
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="stack-form" data-section="verify">
      <p className="muted">{t("docs.verifyHint")}</p>
      <div className="field">
        <label htmlFor="verify_file">{t("docs.pdfFile")}</label>
        <input id="verify_file" type="file" name="verify_file" accept=".pdf,application/pdf" onChange={(e) => void pick(e)} disabled={busy} />
      </div>
      <ErrorBanner error={error} />
      {result ? <VerificationView report={result.report} document={result.document} /> : null}
    </div>
  );
}

function SignTab() {
  const { t } = useI18n();
  const role = useLoad(() => api.signing_role().catch(() => null), []);
  const [file, setFile] = useState<{ name: string; content: number[] } | null>(null);
  const [signing, setSigning] = useState<SigningState>({ choice: "p12", file: null, password: "", pin: "", hash: "" });
  const [saved, setSaved] = useState<SavedFile | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: SyntheticEvent) {
    e.preventDefault();
    const sign = await signingInput(signing);
    if (!file || !sign) return;
    setBusy(true);
    try {
      setSaved(await api.pdf_sign({ name: file.name, content: file.content, sign }));
      setError(null);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }
  const keyError = error && KEY_ERRORS.includes(error.code) ? error.message : undefined;
  return (
    <form className="stack-form" onSubmit={(e) => void submit(e)} noValidate data-form="sign_file">
      <p className="muted">{t("docs.signHint")}</p>
      <div className="field">
        <label htmlFor="sign_file">{t("docs.pdfFile")}</label>
        <input id="sign_file" type="file" name="sign_file" accept=".pdf,application/pdf" onChange={(e) => void readFile(e).then(setFile)} />
      </div>
      <SigningFields value={signing} onChange={(s) => { setSigning(s); setError(null); }} optional={false} role={role.data ?? null} keyError={keyError} />
      {keyError ? null : <ErrorBanner error={error} />}
      <div className="actions">
        <button type="submit" name="sign_file_submit" className="primary" disabled={busy || !file || role.data === null}>
          {busy ? t("docs.working") : t("docs.sign")}
        </button>
      </div>
      {saved?.verification ? <VerificationView report={saved.verification} document={saved.record} path={saved.path} /> : null}
    </form>
  );
}

function SettingsTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const settings = useLoad(() => api.signing_settings(), []);
  const anchors = useLoad(() => api.trust_anchors(), []);
  const [form, setForm] = useState<SigningSettings | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [anchorError, setAnchorError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const value = form ?? settings.data;

  async function save(e: SyntheticEvent) {
    e.preventDefault();
    if (!value) return;
    try {
      await api.signing_settings_save(value);
      setError(null);
      setSaved(true);
      setForm(null);
      settings.reload();
    } catch (err) {
      setError(toApiError(err));
      setSaved(false);
    }
  }

  async function addAnchor(e: ChangeEvent<HTMLInputElement>) {
    const file = await readFile(e);
    if (!file) return;
    try {
      await api.trust_anchor_add(file.content);
      setAnchorError(null);
      anchors.reload();
    } catch (err) {
      setAnchorError(toApiError(err));
    }
    e.target.value = "";
  }

  const errors = fieldErrors(error);
  return (
    <div className="stack-form" data-section="signing_settings">
      {value ? (
        <form onSubmit={(e) => void save(e)} noValidate className="grid-form" data-form="signing_settings">
          <Field label={t("docs.location")} name="signing_location" value={value.location} onChange={(v) => { setForm({ ...value, location: v }); setSaved(false); }} error={errors.signing_location} disabled={!canEdit} />
          <Field label={t("docs.reason")} name="signing_reason" value={value.reason} onChange={(v) => { setForm({ ...value, reason: v }); setSaved(false); }} error={errors.signing_reason} hint={t("docs.reasonHint")} disabled={!canEdit} />
          <Field label={t("docs.module")} name="pkcs11_module" value={value.pkcs11_module} onChange={(v) => { setForm({ ...value, pkcs11_module: v }); setSaved(false); }} error={errors.pkcs11_module} hint={t("docs.moduleHint")} disabled={!canEdit} />
          {canEdit ? (
            <div className="actions">
              <button type="submit" name="signing_settings_save" className="primary">{t("common.save")}</button>
              {saved ? <span className="muted" role="status">{t("common.saved")}</span> : null}
            </div>
          ) : null}
          <ErrorBanner error={error} />
        </form>
      ) : (
        <ErrorBanner error={settings.error} />
      )}
      <h3>{t("docs.anchors")}</h3>
      <p className="muted">{t("docs.anchorsHint")}</p>
      <Table
        name="trust_anchors"
        rows={anchors.data ?? []}
        rowKey={(a) => a.id}
        columns={[
          { key: "subject", label: t("docs.anchorSubject"), render: (a) => a.subject, sort: (a) => a.subject },
          { key: "valid", label: t("docs.anchorValid"), render: (a) => formatDateTime(a.not_after) },
          { key: "hash", label: "SHA-256", render: (a) => <code className="clip narrow" title={a.sha256}>{a.sha256.slice(0, 16)}…</code> },
          {
            key: "remove",
            label: "",
            render: (a) =>
              canEdit ? (
                <button type="button" className="link" name="anchor_remove" onClick={() => void api.trust_anchor_remove(a.id).then(anchors.reload, (err: unknown) => { setAnchorError(toApiError(err)); })}>
                  {t("docs.anchorRemove")}
                </button>
              ) : null,
          },
        ]}
        empty={t("docs.anchorsEmpty")}
      />
      {canEdit ? (
        <div className="field">
          <label htmlFor="anchor_file">{t("docs.anchorAdd")}</label>
          <input id="anchor_file" type="file" name="anchor_file" accept=".pem,.crt,.cer,.der" onChange={(e) => void addAnchor(e)} />
        </div>
      ) : null}
      <ErrorBanner error={anchorError && anchorError.fields.length > 0 ? { ...anchorError, fields: [] } : anchorError} />
    </div>
  );
}
