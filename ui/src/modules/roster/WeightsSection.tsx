import { useState, type SyntheticEvent } from "react";
import type { RosterWeights } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Field } from "../../components/Field";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";

const NUMBERS = ["uncovered_hour", "request", "fairness", "over_cover", "norm_hour", "change"] as const;
type NumberKey = (typeof NUMBERS)[number];

/** The weights of a roster proposal's objective: settings of the department. */
export function WeightsSection({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const loaded = useLoad(() => api.roster_weights(), []);
  return (
    <section data-section="weights">
      <h2>{t("weights.title")}</h2>
      <p className="muted">{t("weights.intro")}</p>
      <ErrorBanner error={loaded.error} />
      {loaded.data ? <WeightsForm initial={loaded.data} canEdit={canEdit} /> : null}
    </section>
  );
}

function WeightsForm({ initial, canEdit }: { initial: RosterWeights; canEdit: boolean }) {
  const { t } = useI18n();
  const [form, setForm] = useState<Record<NumberKey, string> & { allow_overtime: boolean }>({
    uncovered_hour: String(initial.uncovered_hour),
    request: String(initial.request),
    fairness: String(initial.fairness),
    over_cover: String(initial.over_cover),
    norm_hour: String(initial.norm_hour),
    change: String(initial.change),
    allow_overtime: initial.allow_overtime,
  });
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  async function save(e: SyntheticEvent) {
    e.preventDefault();
    const weights: RosterWeights = {
      uncovered_hour: Number(form.uncovered_hour),
      request: Number(form.request),
      fairness: Number(form.fairness),
      over_cover: Number(form.over_cover),
      norm_hour: Number(form.norm_hour),
      change: Number(form.change),
      allow_overtime: form.allow_overtime,
    };
    try {
      await api.roster_weights_save(weights);
      setError(null);
      setSaved(true);
    } catch (err) {
      setError(toApiError(err));
      setSaved(false);
    }
  }

  const errors = fieldErrors(error);
  return (
    <>
      <ErrorBanner error={error && Object.keys(errors).length === 0 ? error : null} />
      <form className="inline-form" onSubmit={(e) => void save(e)} noValidate data-form="weights">
        {NUMBERS.map((k) => (
          <Field
            key={k}
            label={t(`weights.${k}`)}
            name={`weight_${k}`}
            type="number"
            min={0}
            value={form[k]}
            disabled={!canEdit}
            onChange={(v) => { setForm({ ...form, [k]: v }); setSaved(false); }}
            error={errors[k]}
          />
        ))}
        <label className="check">
          <input type="checkbox" name="weight_allow_overtime" checked={form.allow_overtime} disabled={!canEdit} onChange={(e) => { setForm({ ...form, allow_overtime: e.target.checked }); setSaved(false); }} />
          {t("weights.allow_overtime")}
        </label>
        {canEdit ? <button type="submit" className="primary" name="weights_save">{t("common.save")}</button> : null}
        {saved ? <span className="muted" data-saved>{t("common.saved")}</span> : null}
      </form>
    </>
  );
}
