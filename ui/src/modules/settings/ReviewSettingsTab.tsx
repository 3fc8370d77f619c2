import { useState } from "react";
import type { ReviewSettings } from "../../api/bindings";
import { api, fieldErrors } from "../../api/client";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useLoad } from "../../components/useLoad";
import { useSubmit } from "../../components/useSubmit";
import { useI18n } from "../../i18n";
import { FormErrors, TextAreaField } from "../contracts/shared";

/** The interviews' rating scale, and whether the substitute acting for the head (§ 3.6) may see
 *  interviews and proposals: the head's own decision. */
export function ReviewSettingsTab() {
  const settings = useLoad(() => api.review_settings(), []);
  return (
    <>
      <ErrorBanner error={settings.error} />
      {settings.data ? <Form initial={settings.data} /> : null}
    </>
  );
}

function Form({ initial }: { initial: ReviewSettings }) {
  const { t } = useI18n();
  const [scale, setScale] = useState(initial.scale.join("\n"));
  const [may, setMay] = useState(initial.substitute_may_see);
  const [saved, setSaved] = useState(false);
  const { error, busy, submit } = useSubmit(
    () => api.review_settings_save({ scale: scale.split("\n").map((s) => s.trim()).filter((s) => s !== ""), substitute_may_see: may }),
    () => { setSaved(true); },
  );
  const errs = fieldErrors(error);
  return (
    <form className="stack-form" data-form="review_settings" onSubmit={(e) => { setSaved(false); void submit(e); }} noValidate>
      <FormErrors error={error} shown={["scale"]} />
      <TextAreaField label={t("settings.reviewScale")} name="review_scale" value={scale} onChange={setScale} error={errs.scale} rows={6} />
      <p className="muted small">{t("settings.reviewScaleHint")}</p>
      <label className="check">
        <input type="checkbox" name="substitute_may_see" checked={may} onChange={(e) => { setMay(e.target.checked); }} /> {t("settings.substituteMaySee")}
      </label>
      <p className="muted small">{t("settings.substituteMaySeeHint")}</p>
      <div className="form-actions">
        <button type="submit" className="primary" name="review_settings_save" disabled={busy}>{t("common.save")}</button>
        {saved ? <span role="status">{t("common.saved")}</span> : null}
      </div>
    </form>
  );
}
