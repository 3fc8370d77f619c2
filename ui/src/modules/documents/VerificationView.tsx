import type { DocumentRecord, SignatureReport, VerifyReport } from "../../api/bindings";
import { useI18n } from "../../i18n";
import { formatDateTime } from "../../i18n/format";

function state(s: SignatureReport): "intact" | "harmless" | "changed" | "broken" {
  if (!s.cryptographically_valid) return "broken";
  if (s.modification === "changed") return "changed";
  if (s.modification === "harmless") return "harmless";
  return "intact";
}

/** What the core found of a PDF's signatures, one block per signature. */
export function VerificationView({ report, document, path }: { report: VerifyReport; document?: DocumentRecord | null; path?: string }) {
  const { t } = useI18n();
  return (
    <section className="verification" data-section="verification" data-all-intact={report.all_intact ? "yes" : "no"}>
      {path ? (
        <p data-saved-path>
          {t("docs.savedTo")} <code>{path}</code>
        </p>
      ) : null}
      {document ? (
        <p className="muted" data-document={document.number}>
          {t("docs.registered", { number: document.number, title: document.title })}
        </p>
      ) : null}
      <p className={report.all_intact ? "ok-text" : "warn-text"} data-summary>
        {report.signatures.length === 0
          ? t("docs.noSignatures")
          : report.all_intact
            ? `✔ ${t("docs.allIntact", { n: report.signatures.length })}`
            : `⚠ ${t("docs.notAllIntact")}`}
      </p>
      {report.signatures.map((s) => {
        const st = state(s);
        return (
          <div key={s.field} className={`signature-block ${st}`} data-signature={s.field} data-state={st} data-trust={s.trust}>
            <div className="sig-head">
              <strong>{s.signer}</strong>
              {s.role ? <span> · {s.role}</span> : null}
              <span className="muted"> · {s.field}</span>
            </div>
            <dl className="sig-facts">
              <dt>{t("docs.sigTime")}</dt>
              <dd>{s.signing_time ? formatDateTime(s.signing_time) : "—"}</dd>
              <dt>{t("docs.sigAlgorithm")}</dt>
              <dd>
                {s.hash ? s.hash.toUpperCase().replace("SHA", "SHA-") : "—"}
                {s.key ? `, ${s.key}` : ""}
              </dd>
              <dt>{t("docs.sigIntegrity")}</dt>
              <dd data-integrity>
                {st === "broken" ? `⚠ ${t("docs.broken")}` : st === "changed" ? `⚠ ${t("docs.changed")}` : st === "harmless" ? `✔ ${t("docs.harmless")}` : `✔ ${t("docs.intact")}`}
              </dd>
              <dt>{t("docs.sigTrust")}</dt>
              <dd data-trust-text>
                {s.trust === "trusted"
                  ? `✔ ${t("docs.trusted", { anchor: s.trust_detail })}`
                  : s.trust === "untrusted"
                    ? `⚠ ${t("docs.untrusted", { why: s.trust_detail })}`
                    : `○ ${t("docs.noAnchors")}`}
              </dd>
              {s.location || s.reason ? (
                <>
                  <dt>{t("docs.sigPlace")}</dt>
                  <dd>{[s.location, s.reason].filter(Boolean).join(" · ")}</dd>
                </>
              ) : null}
            </dl>
            {[...s.problems, ...(st === "harmless" ? [] : s.changes)].length > 0 ? (
              <ul className="sig-problems">
                {[...s.problems, ...(st === "harmless" ? [] : s.changes)].map((p, i) => <li key={i}>{p}</li>)}
              </ul>
            ) : null}
          </div>
        );
      })}
    </section>
  );
}
