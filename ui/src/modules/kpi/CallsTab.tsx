import { useRef, useState, type SyntheticEvent } from "react";
import type { CallSettings } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Field, focusFirstError } from "../../components/Field";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { errorInputs, FormErrors } from "../contracts/shared";
import { localFieldError, parseWhole } from "./shared";

interface Form {
  sla_seconds: string;
  short_abandon_seconds: string;
  exclude_short_abandons: boolean;
}

const FIELDS = ["sla_seconds", "short_abandon_seconds"];

function toForm(s: CallSettings): Form {
  return { sla_seconds: String(s.sla_seconds), short_abandon_seconds: String(s.short_abandon_seconds), exclude_short_abandons: s.exclude_short_abandons };
}

/** § 2.3.5: the service agreement's answering time and whether short abandoned calls count. */
export function CallsTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const current = useLoad(() => api.kpi_call_settings(), []);
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [state, setState] = useState<"idle" | "saving" | "saved">("idle");
  const formRef = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(error);
  const value = form ?? (current.data ? toForm(current.data) : null);
  if (!value) return current.error ? <ErrorBanner error={current.error} /> : <p className="muted">{t("app.loading")}</p>;
  const change = (patch: Partial<Form>) => {
    setForm((f) => ({ ...(f ?? value), ...patch }));
    setState("idle");
  };

  function refuse(err: ApiError) {
    setError(err);
    setState("idle");
    focusFirstError(formRef.current, errorInputs(err, {}, FIELDS));
  }

  async function save(e: SyntheticEvent) {
    e.preventDefault();
    if (!value || state === "saving") return;
    const sla = parseWhole(value.sla_seconds);
    const short = parseWhole(value.short_abandon_seconds);
    if (sla === null) {
      refuse(localFieldError("sla_seconds", t("kpi.wholeNumber")));
      return;
    }
    if (short === null) {
      refuse(localFieldError("short_abandon_seconds", t("kpi.wholeNumber")));
      return;
    }
    setState("saving");
    try {
      const saved = await api.kpi_call_settings_save({ sla_seconds: sla, short_abandon_seconds: short, exclude_short_abandons: value.exclude_short_abandons });
      setForm(toForm(saved));
      setError(null);
      setState("saved");
    } catch (err) {
      refuse(toApiError(err));
    }
  }

  return (
    <form ref={formRef} className="side-form narrow-form" onSubmit={(e) => void save(e)} noValidate data-form="kpi_calls">
      <h3>{t("kpi.callsTitle")}</h3>
      <p className="note">{t("kpi.callsIntro")}</p>
      <FormErrors error={error} shown={FIELDS} />
      <Field
        label={t("kpi.slaSeconds")}
        name="sla_seconds"
        value={value.sla_seconds}
        onChange={(v) => { change({ sla_seconds: v }); }}
        error={errors.sla_seconds}
        hint={t("kpi.slaSecondsHint")}
        inputMode="numeric"
        size={5}
        disabled={!canEdit}
      />
      <Field
        label={t("kpi.shortAbandon")}
        name="short_abandon_seconds"
        value={value.short_abandon_seconds}
        onChange={(v) => { change({ short_abandon_seconds: v }); }}
        error={errors.short_abandon_seconds}
        hint={t("kpi.shortAbandonHint")}
        inputMode="numeric"
        size={5}
        disabled={!canEdit}
      />
      <label className="check field">
        <input
          type="checkbox"
          name="exclude_short_abandons"
          checked={value.exclude_short_abandons}
          disabled={!canEdit}
          onChange={(e) => { change({ exclude_short_abandons: e.target.checked }); }}
        />
        {t("kpi.excludeShort")}
      </label>
      {canEdit ? (
        <div className="actions">
          <span className="save-state" data-save-state={state} role="status">
            {state === "saving" ? t("common.saving") : state === "saved" ? t("common.saved") : ""}
          </span>
          <button type="submit" className="primary" name="kpi_calls_save" disabled={state === "saving"}>
            {t("common.save")}
          </button>
        </div>
      ) : null}
    </form>
  );
}
