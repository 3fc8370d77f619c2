import { useState, type SyntheticEvent } from "react";
import type { SavedFile, Summary } from "../../api/bindings";
import { api, toApiError, type ApiError } from "../../api/client";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { NO_SIGNING, SigningFields, signingInput, type SigningState } from "./SigningFields";
import { VerificationView } from "./VerificationView";

/** The errors that belong to the key field rather than to the whole form. */
export const KEY_ERRORS = ["key_file_password", "token_wrong_pin", "token_pin_locked", "key_file_unreadable", "key_file_no_key"];

/** Exporting a summary as PDF, signed at once if the user chooses a key; afterwards the file's
 *  place and the verification of its signature. */
export function ExportDialog({ summary, title, onClose }: { summary: Summary; title: string; onClose: () => void }) {
  const { t } = useI18n();
  const role = useLoad(() => api.signing_role().catch(() => null), []);
  const [signing, setSigning] = useState<SigningState>(NO_SIGNING);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<SavedFile | null>(null);

  async function submit(e: SyntheticEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const sign = await signingInput(signing);
      setSaved(await api.document_export({ summary, sign }));
      setError(null);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }

  const keyError = error && KEY_ERRORS.includes(error.code) ? error.message : undefined;
  return (
    <Dialog title={t("docs.exportTitle", { what: title })} onClose={onClose} name="export">
      {saved ? (
        <>
          <p data-exported={saved.record?.number ?? ""}>
            {t("docs.exported", { number: saved.record?.number ?? "", pages: saved.record?.pages ?? 0 })}
          </p>
          {saved.verification ? (
            <VerificationView report={saved.verification} path={saved.path} />
          ) : (
            <p data-saved-path>
              {t("docs.savedTo")} <code>{saved.path}</code>
            </p>
          )}
          <div className="actions">
            <button type="button" name="export_close" className="primary" onClick={onClose}>{t("common.close")}</button>
          </div>
        </>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate className="stack-form" data-form="export">
          <SigningFields value={signing} onChange={(s) => { setSigning(s); setError(null); }} optional role={role.data ?? null} keyError={keyError} />
          {keyError ? null : <ErrorBanner error={error} />}
          <div className="actions">
            <button type="submit" name="export_submit" className="primary" disabled={busy || (signing.choice === "p12" && !signing.file)}>
              {busy ? t("docs.working") : signing.choice === "none" ? t("docs.export") : t("docs.exportAndSign")}
            </button>
            <button type="button" onClick={onClose}>{t("common.cancel")}</button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

/** A button that opens the export dialog for one summary. */
export function ExportButton({ summary, title }: { summary: Summary; title: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" name="export_pdf" onClick={() => { setOpen(true); }} title={t("docs.exportHint")}>
        {t("docs.pdfButton")}
      </button>
      {open ? <ExportDialog summary={summary} title={title} onClose={() => { setOpen(false); }} /> : null}
    </>
  );
}
