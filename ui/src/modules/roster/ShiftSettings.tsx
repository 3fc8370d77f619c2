import { useState, type SyntheticEvent } from "react";
import { WeightsSection } from "./WeightsSection";
import type { CoverageNeed, DayKind, ShiftType, ShiftTypeInput, Skill } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Field } from "../../components/Field";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { SKILLS } from "../staff/EmployeeDialog";
import { currentMonth, hours } from "./month";
import { formatDate, today } from "../../i18n/format";

const DAY_KINDS: DayKind[] = ["weekday", "weekend", "holiday"];

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

function toInput(s: ShiftType | null): ShiftTypeInput {
  return {
    id: s?.id ?? null,
    code: s?.code ?? "",
    name: s?.name ?? "",
    start: s ? clock(s.start_minute) : "08:00",
    length: s ? hours(s.length_minutes) : "12",
    skills: s?.skills ?? [],
    active: s?.active ?? true,
  };
}

/** Shift types (code, start, length, skills) and the coverage needs of each. */
export function ShiftSettings({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const types = useLoad(() => api.shift_types(), []);
  const needs = useLoad(() => api.coverage_needs(), []);
  const [form, setForm] = useState<ShiftTypeInput>(toInput(null));
  const [error, setError] = useState<ApiError | null>(null);
  const [needError, setNeedError] = useState<ApiError | null>(null);
  const errors = fieldErrors(error);
  const [newNeed, setNewNeed] = useState<{ shift: string; kind: DayKind; skill: string }>({ shift: "", kind: "weekday", skill: "" });

  async function save(e: SyntheticEvent) {
    e.preventDefault();
    try {
      await api.shift_type_save(form);
      setForm(toInput(null));
      setError(null);
      types.reload();
    } catch (err) {
      setError(toApiError(err));
    }
  }

  async function saveNeed(need: CoverageNeed) {
    try {
      await api.coverage_need_save(need);
      setNeedError(null);
      needs.reload();
    } catch (err) {
      setNeedError(toApiError(err));
    }
  }

  const refMonths = useLoad(() => api.reference_months(), []);
  const [ovMonth, setOvMonth] = useState(currentMonth());
  const overrides = useLoad(() => api.coverage_overrides(ovMonth), [ovMonth]);
  const [ov, setOv] = useState({ date: today(), shift: "", skill: "", min: "1", optimal: "1" });
  const [ovError, setOvError] = useState<ApiError | null>(null);
  const ovErrors = fieldErrors(ovError);

  async function saveOverride(input: { date: string; shift_type_id: number; skill: Skill | null; min: number; optimal: number }) {
    try {
      await api.coverage_override_save(input);
      setOvError(null);
      overrides.reload();
    } catch (err) {
      setOvError(toApiError(err));
    }
  }

  async function setReference(months: number) {
    try {
      await api.set_reference_months(months);
      refMonths.reload();
    } catch (err) {
      setNeedError(toApiError(err));
    }
  }

  const typeList = types.data ?? [];
  const code = (id: number) => typeList.find((s) => s.id === id)?.code ?? String(id);

  return (
    <div className="shift-settings">
      <section>
        <h2>{t("shifts.title")}</h2>
        <ErrorBanner error={types.error} />
        <table className="table compact" data-table="shift_types">
          <thead>
            <tr>
              <th>{t("shifts.code")}</th>
              <th>{t("shifts.name")}</th>
              <th>{t("shifts.start")}</th>
              <th>{t("shifts.length")}</th>
              <th>{t("shifts.skills")}</th>
              <th>{t("shifts.active")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {typeList.map((s) => (
              <tr key={s.id} data-shift={s.code}>
                <td><strong>{s.code}</strong></td>
                <td>{s.name}</td>
                <td>{clock(s.start_minute)}</td>
                <td>{hours(s.length_minutes)}</td>
                <td>{s.skills.map((k) => t(`skill.${k}`)).join(", ")}</td>
                <td>{s.active ? t("common.yes") : t("common.no")}</td>
                <td>
                  {canEdit ? (
                    <button type="button" className="link" onClick={() => { setForm(toInput(s)); setError(null); }}>{t("common.edit")}</button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {canEdit ? (
          <form className="inline-form shift-form" onSubmit={(e) => void save(e)} noValidate data-form="shift_type">
            <p><strong>{form.id === null ? t("shifts.add") : t("shifts.edit")}</strong></p>
            <Field label={t("shifts.code")} name="shift_code" value={form.code} onChange={(v) => { setForm({ ...form, code: v }); }} error={errors.code} size={4} />
            <Field label={t("shifts.name")} name="shift_name" value={form.name} onChange={(v) => { setForm({ ...form, name: v }); }} error={errors.name} />
            <Field label={t("shifts.start")} name="shift_start" value={form.start} onChange={(v) => { setForm({ ...form, start: v }); }} error={errors.start} size={5} />
            <Field label={t("shifts.length")} name="shift_length" value={form.length} onChange={(v) => { setForm({ ...form, length: v }); }} error={errors.length} size={4} />
            <fieldset className="field skills">
              <legend>{t("shifts.skills")}</legend>
              {SKILLS.map((k) => (
                <label key={k} className="check">
                  <input
                    type="checkbox"
                    name={`shift_skill_${k}`}
                    checked={form.skills.includes(k)}
                    onChange={(e) => { setForm({ ...form, skills: e.target.checked ? [...form.skills, k] : form.skills.filter((x) => x !== k) }); }}
                  />
                  {t(`skill.${k}`)}
                </label>
              ))}
            </fieldset>
            <label className="check">
              <input type="checkbox" name="shift_active" checked={form.active} onChange={(e) => { setForm({ ...form, active: e.target.checked }); }} />
              {t("shifts.active")}
            </label>
            <button type="submit" className="primary" name="shift_save">{t("common.save")}</button>
            {form.id !== null ? <button type="button" onClick={() => { setForm(toInput(null)); }}>{t("common.cancel")}</button> : null}
          </form>
        ) : null}
      </section>
      <section>
        <h2>{t("shifts.reference")}</h2>
        <p className="muted">{t("shifts.referenceIntro")}</p>
        <select
          name="reference_months"
          value={refMonths.data ?? 4}
          disabled={!canEdit}
          aria-label={t("shifts.reference")}
          onChange={(e) => void setReference(Number(e.target.value))}
        >
          {[1, 2, 3, 4].map((n) => <option key={n} value={n}>{t("shifts.months", { n })}</option>)}
        </select>
      </section>
      <section>
        <h2>{t("shifts.needs")}</h2>
        <p className="muted">{t("shifts.needsIntro")}</p>
        <ErrorBanner error={needError} />
        <table className="table compact" data-table="needs">
          <thead>
            <tr>
              <th>{t("shifts.shift")}</th>
              <th>{t("shifts.dayKind")}</th>
              <th>{t("shifts.skill")}</th>
              <th>{t("shifts.min")}</th>
              <th>{t("shifts.optimal")}</th>
            </tr>
          </thead>
          <tbody>
            {(needs.data ?? []).map((n) => (
              <tr key={`${n.shift_type_id}-${n.day_kind}-${n.skill ?? ""}`} data-need={`${code(n.shift_type_id)}-${n.day_kind}-${n.skill ?? "any"}`}>
                <td>{code(n.shift_type_id)}</td>
                <td>{t(`shifts.dayKind.${n.day_kind}`)}</td>
                <td>{n.skill ? t(`skill.${n.skill}`) : t("shifts.skillAny")}</td>
                <td>
                  <input type="number" min={0} max={99} name="need_min" value={n.min} disabled={!canEdit} aria-label={t("shifts.min")}
                    onChange={(e) => void saveNeed({ ...n, min: Number(e.target.value), optimal: Math.max(n.optimal, Number(e.target.value)) })} />
                </td>
                <td>
                  <input type="number" min={0} max={99} name="need_optimal" value={n.optimal} disabled={!canEdit} aria-label={t("shifts.optimal")}
                    onChange={(e) => void saveNeed({ ...n, optimal: Number(e.target.value) })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {canEdit && typeList.length > 0 ? (
          <div className="inline-form">
            <select name="need_shift" value={newNeed.shift} onChange={(e) => { setNewNeed({ ...newNeed, shift: e.target.value }); }} aria-label={t("shifts.shift")}>
              <option value="">{t("shifts.shift")}…</option>
              {typeList.map((s) => <option key={s.id} value={s.id}>{s.code}</option>)}
            </select>
            <select name="need_kind" value={newNeed.kind} onChange={(e) => { setNewNeed({ ...newNeed, kind: e.target.value as DayKind }); }} aria-label={t("shifts.dayKind")}>
              {DAY_KINDS.map((k) => <option key={k} value={k}>{t(`shifts.dayKind.${k}`)}</option>)}
            </select>
            <select name="need_skill" value={newNeed.skill} onChange={(e) => { setNewNeed({ ...newNeed, skill: e.target.value }); }} aria-label={t("shifts.skill")}>
              <option value="">{t("shifts.skillAny")}</option>
              {SKILLS.map((k) => <option key={k} value={k}>{t(`skill.${k}`)}</option>)}
            </select>
            <button
              type="button"
              name="need_add"
              disabled={newNeed.shift === ""}
              onClick={() => void saveNeed({ shift_type_id: Number(newNeed.shift), day_kind: newNeed.kind, skill: newNeed.skill === "" ? null : (newNeed.skill as Skill), min: 1, optimal: 1 })}
            >
              {t("shifts.addNeed")}
            </button>
          </div>
        ) : null}
      </section>
      <section>
        <h2>{t("shifts.overrides")}</h2>
        <p className="muted">{t("shifts.overridesIntro")}</p>
        <ErrorBanner error={ovError} />
        <label className="check">
          {t("shifts.overridesMonth")}
          <input name="override_month" value={ovMonth} size={7} onChange={(e) => { setOvMonth(e.target.value); }} />
        </label>
        {(overrides.data ?? []).length > 0 ? (
          <table className="table compact" data-table="overrides">
            <thead>
              <tr>
                <th>{t("shifts.date")}</th>
                <th>{t("shifts.shift")}</th>
                <th>{t("shifts.skill")}</th>
                <th>{t("shifts.min")}</th>
                <th>{t("shifts.optimal")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {(overrides.data ?? []).map((o) => (
                <tr key={`${o.date}-${o.shift_type_id}-${o.skill ?? ""}`} data-override={`${o.date}-${code(o.shift_type_id)}`}>
                  <td>{formatDate(o.date)}</td>
                  <td>{code(o.shift_type_id)}</td>
                  <td>{o.skill ? t(`skill.${o.skill}`) : t("shifts.skillAny")}</td>
                  <td>{o.min}</td>
                  <td>{o.optimal}</td>
                  <td>
                    {canEdit ? (
                      <button type="button" className="link" onClick={() => void saveOverride({ date: o.date, shift_type_id: o.shift_type_id, skill: o.skill, min: 0, optimal: 0 })}>
                        {t("staff.absenceDelete")}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">{t("shifts.noOverrides")}</p>
        )}
        {canEdit && typeList.length > 0 ? (
          <div className="inline-form">
            <Field label={t("shifts.date")} name="override_date" value={ov.date} onChange={(v) => { setOv({ ...ov, date: v }); }} error={ovErrors.date} size={10} />
            <select name="override_shift" value={ov.shift} onChange={(e) => { setOv({ ...ov, shift: e.target.value }); }} aria-label={t("shifts.shift")}>
              <option value="">{t("shifts.shift")}…</option>
              {typeList.map((s) => <option key={s.id} value={s.id}>{s.code}</option>)}
            </select>
            <select name="override_skill" value={ov.skill} onChange={(e) => { setOv({ ...ov, skill: e.target.value }); }} aria-label={t("shifts.skill")}>
              <option value="">{t("shifts.skillAny")}</option>
              {SKILLS.map((k) => <option key={k} value={k}>{t(`skill.${k}`)}</option>)}
            </select>
            <Field label={t("shifts.min")} name="override_min" value={ov.min} onChange={(v) => { setOv({ ...ov, min: v }); }} error={ovErrors.min} size={3} />
            <Field label={t("shifts.optimal")} name="override_optimal" value={ov.optimal} onChange={(v) => { setOv({ ...ov, optimal: v }); }} error={ovErrors.optimal} size={3} />
            <button
              type="button"
              name="override_add"
              disabled={ov.shift === ""}
              onClick={() => void saveOverride({ date: ov.date, shift_type_id: Number(ov.shift), skill: ov.skill === "" ? null : (ov.skill as Skill), min: Number(ov.min) || 0, optimal: Number(ov.optimal) || 0 })}
            >
              {t("shifts.addOverride")}
            </button>
          </div>
        ) : null}
      </section>
      {/* Last: it loads on its own, and appearing later it moves nothing above it. */}
      <WeightsSection canEdit={canEdit} />
    </div>
  );
}
