import { Fragment, useRef, useState, type SyntheticEvent } from "react";
import type { Kpi, KpiInput, Target } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Field, focusFirstError } from "../../components/Field";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { formatDate, hundredthsInput } from "../../i18n/format";
import { errorInputs, FormErrors, TextAreaField } from "../contracts/shared";
import { kpiName, kpiParts, kpiValue, YearBar } from "./shared";

interface Props {
  year: number;
  setYear: (y: number) => void;
  canEdit: boolean;
}

/** § 3.7.4: the year's targets, set and revised with a reason and kept with their history; the
 *  indicators themselves with what they count. */
export function TargetsTab({ year, setYear, canEdit }: Props) {
  const { t, lang } = useI18n();
  const indicators = useLoad(() => api.kpi_indicators(), []);
  const targets = useLoad(() => api.kpi_targets(year).then((list) => ({ year, list })), [year]);
  const [editing, setEditing] = useState<Kpi | "new" | null>(null);
  const [history, setHistory] = useState<ReadonlySet<string>>(new Set());
  const [saved, setSaved] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [copying, setCopying] = useState(false);
  const current = targets.data?.year === year ? targets.data.list : null;
  const byCode = new Map((current ?? []).map((x) => [x.kpi_code, x]));

  function chooseYear(y: number) {
    setYear(y);
    setSaved(null);
    setNotice(null);
    setError(null);
  }

  function toggleHistory(code: string) {
    const next = new Set(history);
    if (next.has(code)) next.delete(code);
    else next.add(code);
    setHistory(next);
  }

  async function copy() {
    setCopying(true);
    setNotice(null);
    try {
      const before = new Set((current ?? []).map((x) => x.kpi_code));
      const result = await api.kpi_targets_copy(year - 1, year);
      const copied = result.filter((x) => x.year === year && !before.has(x.kpi_code)).length;
      setNotice(copied > 0 ? t("kpi.copied", { n: copied, from: year - 1 }) : t("kpi.copiedNone", { from: year - 1, to: year }));
      setError(null);
      targets.reload();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setCopying(false);
    }
  }

  return (
    <div data-section="kpi_targets">
      <YearBar year={year} onChange={chooseYear}>
        <span className="spacer" />
        {canEdit ? (
          <>
            <button type="button" name="kpi_targets_copy" disabled={copying} onClick={() => void copy()}>
              {t("kpi.copyTargets")}
            </button>
            <button type="button" name="kpi_indicator_new" onClick={() => { setEditing("new"); }}>
              {t("kpi.addIndicator")}
            </button>
          </>
        ) : null}
      </YearBar>
      <p className="note">{t("kpi.targetsIntro")}</p>
      <ErrorBanner error={indicators.error ?? targets.error} />
      <FormErrors error={error} shown={[]} />
      {notice ? <div className="banner info" data-notice>{notice}</div> : null}
      {!indicators.data || !current ? (
        indicators.error || targets.error ? null : <p className="muted">{t("app.loading")}</p>
      ) : indicators.data.length === 0 ? (
        <div className="empty" data-empty="kpi_targets">{t(canEdit ? "kpi.noIndicators" : "kpi.noIndicatorsReadOnly")}</div>
      ) : (
        <div className="table-wrap">
          <table className="table kpi-targets" data-table="kpi_targets">
            <thead>
              <tr>
                <th>{t("kpi.code")}</th>
                <th>{t("kpi.indicator")}</th>
                <th className="num money">{t("kpi.targetOf", { year })}</th>
                {canEdit ? <th>{t("kpi.setTarget")}</th> : null}
                <th />
              </tr>
            </thead>
            <tbody>
              {indicators.data.map((k) => {
                const target = byCode.get(k.code) ?? null;
                const parts = kpiParts(k, lang);
                const open = history.has(k.code);
                return (
                  <Fragment key={k.code}>
                    <tr data-kpi={k.code}>
                      <td className="nowrap kpi-code">{k.code}</td>
                      <td>
                        <div>{kpiName(k, lang)} <span className="muted">({k.unit}, {t(k.higher_is_better ? "kpi.higherBetter" : "kpi.lowerBetter")})</span></div>
                        <div className="muted small" data-part="numerator">{t("kpi.numerator")}: {parts.numerator || "—"}</div>
                        <div className="muted small" data-part="denominator">{t("kpi.denominator")}: {parts.denominator || "—"}</div>
                      </td>
                      <td className="num money" data-cell="target" data-value={target?.value ?? ""}>
                        {target ? kpiValue(target.value, k.unit) : <span className="muted">{t("kpi.noTarget")}</span>}
                      </td>
                      {canEdit ? (
                        <td>
                          <TargetForm
                            key={`${k.code}-${String(year)}-${String(target?.value ?? "none")}`}
                            kpi={k}
                            year={year}
                            target={target}
                            saved={saved === k.code}
                            onSaved={() => {
                              setSaved(k.code);
                              setNotice(null);
                              targets.reload();
                            }}
                          />
                        </td>
                      ) : null}
                      <td className="nowrap">
                        <button
                          type="button"
                          className="link"
                          name="target_history"
                          aria-expanded={open}
                          disabled={!target}
                          onClick={() => { toggleHistory(k.code); }}
                        >
                          {t("kpi.history", { n: target?.history.length ?? 0 })} {open ? "▴" : "▾"}
                        </button>
                        {canEdit ? (
                          <button type="button" className="link" name="kpi_indicator_edit" onClick={() => { setEditing(k); }}>
                            {t("common.edit")}
                          </button>
                        ) : null}
                      </td>
                    </tr>
                    {open && target ? (
                      <tr className="kpi-history-row" data-history-for={k.code}>
                        <td />
                        <td colSpan={canEdit ? 4 : 3}>
                          <History target={target} unit={k.unit} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {editing ? (
        <IndicatorDialog
          kpi={editing === "new" ? null : editing}
          onClose={() => { setEditing(null); }}
          onSaved={() => {
            setEditing(null);
            indicators.reload();
          }}
        />
      ) : null}
    </div>
  );
}

function History({ target, unit }: { target: Target; unit: string }) {
  const { t } = useI18n();
  if (target.history.length === 0) return <p className="muted">{t("kpi.noHistory")}</p>;
  return (
    <ul className="kpi-history">
      {target.history.map((r, i) => (
        <li key={i} data-revision={i}>
          <span className="num">{formatDate(r.changed_on)}</span> · {r.changed_by} ·{" "}
          <span className="num">{r.old_value === null ? t("kpi.firstSet") : kpiValue(r.old_value, unit)} → {kpiValue(r.new_value, unit)}</span>
          {r.reason ? <> · „{r.reason}“</> : null}
        </li>
      ))}
    </ul>
  );
}

const TARGET_INPUTS: Record<string, string> = { value: "target_value", reason: "target_reason" };

/** Setting or revising one indicator's target: a revision needs its reason (§ 3.7.4). */
function TargetForm({ kpi, year, target, saved, onSaved }: { kpi: Kpi; year: number; target: Target | null; saved: boolean; onSaved: () => void }) {
  const { t } = useI18n();
  const [value, setValue] = useState(target ? hundredthsInput(target.value) : "");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(error);

  async function save(e: SyntheticEvent) {
    e.preventDefault();
    if (saving) return;
    setSaving(true);
    try {
      await api.kpi_target_set({ kpi_code: kpi.code, year, value, reason });
      setError(null);
      onSaved();
    } catch (err) {
      const apiErr = toApiError(err);
      setError(apiErr);
      focusFirstError(formRef.current, errorInputs(apiErr, TARGET_INPUTS, Object.values(TARGET_INPUTS)));
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <form ref={formRef} className="inline-form kpi-target-form" onSubmit={(e) => void save(e)} noValidate data-form="kpi_target" data-kpi={kpi.code}>
        <Field
          label={t("kpi.targetValue", { unit: kpi.unit })}
          name="target_value"
          value={value}
          onChange={setValue}
          error={errors.value}
          inputMode="decimal"
          size={7}
          placeholder="85,5"
        />
        <Field
          label={t("kpi.reason")}
          name="target_reason"
          value={reason}
          onChange={setReason}
          error={errors.reason}
          placeholder={target ? t("kpi.reasonRequired") : t("kpi.reasonOptional")}
          size={28}
        />
        <button type="submit" className="primary" name="target_save" disabled={saving}>
          {target ? t("kpi.revise") : t("kpi.set")}
        </button>
        <span className="save-state" role="status" data-save-state={saving ? "saving" : saved ? "saved" : "idle"}>
          {saving ? t("common.saving") : saved ? t("common.saved") : ""}
        </span>
      </form>
      <FormErrors error={error} shown={Object.keys(TARGET_INPUTS)} />
    </>
  );
}

const KPI_INPUTS: Record<string, string> = {
  code: "kpi_code",
  name_et: "kpi_name_et",
  name_en: "kpi_name_en",
  unit: "kpi_unit",
  numerator_et: "kpi_numerator_et",
  numerator_en: "kpi_numerator_en",
  denominator_et: "kpi_denominator_et",
  denominator_en: "kpi_denominator_en",
};

function toInput(k: Kpi | null): KpiInput {
  return {
    code: k?.code ?? "",
    name_et: k?.name_et ?? "",
    name_en: k?.name_en ?? "",
    unit: k?.unit ?? "%",
    higher_is_better: k?.higher_is_better ?? true,
    numerator_et: k?.numerator_et ?? "",
    numerator_en: k?.numerator_en ?? "",
    denominator_et: k?.denominator_et ?? "",
    denominator_en: k?.denominator_en ?? "",
  };
}

/** A new indicator, or the names and definitions of one (its code is its identity). */
function IndicatorDialog({ kpi, onSaved, onClose }: { kpi: Kpi | null; onSaved: (k: Kpi) => void; onClose: () => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState<KpiInput>(() => toInput(kpi));
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(error);
  const set = (key: Exclude<keyof KpiInput, "higher_is_better">) => (v: string) => { setForm((f) => ({ ...f, [key]: v })); };

  async function save(e: SyntheticEvent) {
    e.preventDefault();
    if (saving) return;
    setSaving(true);
    try {
      const k = await api.kpi_indicator_save(form);
      setError(null);
      onSaved(k);
    } catch (err) {
      const apiErr = toApiError(err);
      setError(apiErr);
      focusFirstError(formRef.current, errorInputs(apiErr, KPI_INPUTS, Object.values(KPI_INPUTS)));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog title={kpi ? t("kpi.editIndicator", { code: kpi.code }) : t("kpi.addIndicator")} onClose={onClose} name="kpi_indicator">
      <FormErrors error={error} shown={Object.keys(KPI_INPUTS)} />
      <form ref={formRef} onSubmit={(e) => void save(e)} noValidate className="grid-form" data-form="kpi_indicator">
        <Field
          label={t("kpi.code")}
          name="kpi_code"
          value={form.code}
          onChange={set("code")}
          error={errors.code}
          readOnly={kpi !== null}
          hint={kpi ? t("kpi.codeFixed") : t("kpi.codeHint")}
        />
        <Field label={t("kpi.unit")} name="kpi_unit" value={form.unit} onChange={set("unit")} error={errors.unit} hint={t("kpi.unitHint")} />
        <Field label={t("kpi.nameEt")} name="kpi_name_et" value={form.name_et} onChange={set("name_et")} error={errors.name_et} lang="et" />
        <Field label={t("kpi.nameEn")} name="kpi_name_en" value={form.name_en} onChange={set("name_en")} error={errors.name_en} lang="en" />
        <TextAreaField label={t("kpi.numeratorEt")} name="kpi_numerator_et" value={form.numerator_et} onChange={set("numerator_et")} error={errors.numerator_et} lang="et" />
        <TextAreaField label={t("kpi.numeratorEn")} name="kpi_numerator_en" value={form.numerator_en} onChange={set("numerator_en")} error={errors.numerator_en} lang="en" />
        <TextAreaField label={t("kpi.denominatorEt")} name="kpi_denominator_et" value={form.denominator_et} onChange={set("denominator_et")} error={errors.denominator_et} lang="et" />
        <TextAreaField label={t("kpi.denominatorEn")} name="kpi_denominator_en" value={form.denominator_en} onChange={set("denominator_en")} error={errors.denominator_en} lang="en" />
        <label className="check span-2 kpi-check">
          <input
            type="checkbox"
            name="kpi_higher_is_better"
            checked={form.higher_is_better}
            onChange={(e) => { setForm((f) => ({ ...f, higher_is_better: e.target.checked })); }}
          />
          {t("kpi.higherIsBetter")}
        </label>
        {kpi === null ? <p className="note span-2">{t("kpi.newIndicatorNote")}</p> : null}
        <div className="actions span-2">
          <button type="button" onClick={onClose}>{t("common.cancel")}</button>
          <button type="submit" className="primary" name="kpi_indicator_save" disabled={saving}>
            {saving ? t("common.saving") : t("common.save")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
