import { useEffect, useState, type SyntheticEvent } from "react";
import type { AuditQuery, AuditVerification } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { Field } from "../../components/Field";
import { useLoad } from "../../components/useLoad";
import { useI18n, type MessageKey } from "../../i18n";
import { FormErrors, SelectField } from "../contracts/shared";
import { AuditTable, NO_FILTERS } from "./AuditList";

interface Filters {
  who: string;
  /** What kind of record (an entity of the core), or "" for all. */
  entity: string;
  what: string;
  from: string;
  to: string;
  acting_only: boolean;
}

const NONE: Filters = { who: "", entity: "", what: "", from: "", to: "", acting_only: false };

/** The kinds of records the trail holds, in the order a user thinks of them. */
const ENTITIES: readonly { code: string; label: MessageKey }[] = [
  { code: "employee", label: "audit.entity.employee" },
  { code: "position", label: "audit.entity.position" },
  { code: "absence", label: "audit.entity.absence" },
  { code: "roster", label: "audit.entity.roster" },
  { code: "shift_type", label: "audit.entity.shift_type" },
  { code: "coverage_need", label: "audit.entity.coverage_need" },
  { code: "coverage_override", label: "audit.entity.coverage_override" },
  { code: "contract", label: "audit.entity.contract" },
  { code: "budget_line", label: "audit.entity.budget_line" },
  { code: "supplier", label: "audit.entity.supplier" },
  { code: "kpi", label: "audit.entity.kpi" },
  { code: "kpi_target", label: "audit.entity.kpi_target" },
  { code: "kpi_actual", label: "audit.entity.kpi_actual" },
  { code: "kpi_batch", label: "audit.entity.kpi_batch" },
  { code: "kpi_profile", label: "audit.entity.kpi_profile" },
  { code: "kpi_setting", label: "audit.entity.kpi_setting" },
  { code: "document", label: "audit.entity.document" },
  { code: "trust_anchor", label: "audit.entity.trust_anchor" },
  { code: "account", label: "audit.entity.account" },
  { code: "head_absence", label: "audit.entity.head_absence" },
  { code: "security", label: "audit.entity.security" },
  { code: "database", label: "audit.entity.database" },
  { code: "department", label: "audit.entity.department" },
];

/** Empty or a whole date: while typing, a half-typed date does not reach the core. */
function complete(date: string): boolean {
  return /^\s*(\d{1,2}\.\d{1,2}\.\d{4})?\s*$/.test(date);
}

function toQuery(f: Filters): AuditQuery {
  const text = (v: string) => v.trim() || null;
  return { ...NO_FILTERS, limit: 1000, entity: text(f.entity), who: text(f.who), what: text(f.what), from: text(f.from), to: text(f.to), acting_only: f.acting_only };
}

/** The audit trail: filtered by who, what and when; exported as CSV; its hash chain verified. */
export function AuditPage() {
  const { t } = useI18n();
  const [filters, setFilters] = useState<Filters>(NONE);
  const [applied, setApplied] = useState<Filters>(NONE);
  const query = toQuery(applied);
  const audit = useLoad(() => api.audit_list(query), [JSON.stringify(query)]);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [busy, setBusy] = useState<"export" | "verify" | null>(null);
  const errors = fieldErrors(audit.error);
  const set = (key: "who" | "what" | "from" | "to") => (v: string) => { setFilters((f) => ({ ...f, [key]: v })); };

  // Typing filters as it goes (a moment after the last key); a half-typed date waits.
  useEffect(() => {
    const id = window.setTimeout(() => {
      setApplied((prev) => ({
        ...filters,
        from: complete(filters.from) ? filters.from : prev.from,
        to: complete(filters.to) ? filters.to : prev.to,
      }));
    }, 300);
    return () => { window.clearTimeout(id); };
  }, [filters]);

  function applyNow(e: SyntheticEvent) {
    e.preventDefault();
    setApplied(filters);
  }

  async function exportCsv() {
    setBusy("export");
    setNotice(null);
    try {
      const path = await api.audit_export({ ...query, limit: null });
      setError(null);
      setNotice(t("audit.exported", { path }));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(null);
    }
  }

  async function verify() {
    setBusy("verify");
    setVerification(null);
    try {
      setVerification(await api.audit_verify());
      setError(null);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(null);
    }
  }

  const filtered = JSON.stringify(applied) !== JSON.stringify(NONE);

  return (
    <section className="page" data-page="audit">
      <header className="page-header">
        <h1>{t("audit.title")}</h1>
        <div className="toolbar">
          <button type="button" name="audit_verify" disabled={busy !== null} onClick={() => void verify()}>
            {busy === "verify" ? t("audit.verifying") : t("audit.verify")}
          </button>
          <button type="button" name="audit_export" disabled={busy !== null} onClick={() => void exportCsv()}>
            {t("audit.export")}
          </button>
        </div>
      </header>
      <form className="filters" onSubmit={applyNow} noValidate data-form="audit_filters">
        <Field label={t("audit.who")} name="who" value={filters.who} onChange={set("who")} placeholder={t("audit.whoHint")} type="search" />
        <SelectField
          label={t("audit.entity")}
          name="entity"
          value={filters.entity}
          onChange={(entity) => {
            const next = { ...filters, entity };
            setFilters(next);
            setApplied(next);
          }}
        >
          <option value="">{t("audit.entityAll")}</option>
          {ENTITIES.map((x) => <option key={x.code} value={x.code}>{t(x.label)}</option>)}
        </SelectField>
        <Field label={t("audit.what")} name="what" value={filters.what} onChange={set("what")} placeholder={t("audit.whatHint")} type="search" />
        <Field label={t("audit.from")} name="from" value={filters.from} onChange={set("from")} error={errors.from} placeholder={t("staff.datePlaceholder")} size={10} />
        <Field label={t("audit.to")} name="to" value={filters.to} onChange={set("to")} error={errors.to} placeholder={t("staff.datePlaceholder")} size={10} />
        <label className="check">
          <input
            type="checkbox"
            name="acting_only"
            checked={filters.acting_only}
            onChange={(e) => {
              const next = { ...filters, acting_only: e.target.checked };
              setFilters(next);
              setApplied(next);
            }}
          />
          {t("audit.actingOnly")}
        </label>
        {/* Enter in any field applies the filters at once (a form needs a submit button for that). */}
        <button type="submit" className="visually-hidden" tabIndex={-1}>{t("audit.apply")}</button>
      </form>
      <FormErrors error={audit.error} shown={["from", "to"]} />
      <FormErrors error={error} shown={[]} />
      {verification ? <VerificationResult result={verification} /> : null}
      {notice ? <div className="banner info" data-notice>{notice}</div> : null}
      {audit.data ? <AuditTable rows={audit.data} empty={filtered ? t("audit.noMatch") : t("audit.empty")} /> : null}
      {/* As many as asked for: there are probably more than shown. */}
      {audit.data && query.limit !== null && audit.data.length >= query.limit ? (
        <p className="note" data-audit-limited>{t("audit.limited", { n: query.limit })}</p>
      ) : null}
    </section>
  );
}

function VerificationResult({ result }: { result: AuditVerification }) {
  const { t } = useI18n();
  if (result.intact) {
    return (
      <div className="banner info audit-verified" role="status" data-audit-intact="true">
        <span aria-hidden="true">✔ </span>
        {t("audit.intact", { n: result.records })}
      </div>
    );
  }
  return (
    <div className="banner error audit-broken" role="alert" data-audit-intact="false">
      <strong>
        <span aria-hidden="true">✖ </span>
        {result.first_bad !== null ? t("audit.broken", { id: result.first_bad }) : t("audit.brokenNoId")}
      </strong>
      {result.problem ? <div data-audit-problem>{result.problem}</div> : null}
      <div className="small">{t("audit.brokenAdvice")}</div>
    </div>
  );
}
