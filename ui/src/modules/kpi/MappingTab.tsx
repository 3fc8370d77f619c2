import { useRef, useState, type ChangeEvent, type SyntheticEvent } from "react";
import type { ColumnRef, FilePreview, FlagRule, TicketFormat, TicketProfile, TimeBasis } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Field, focusFirstError } from "../../components/Field";
import { Table } from "../../components/Table";
import { useLoad } from "../../components/useLoad";
import { useI18n, type MessageKey } from "../../i18n";
import { errorInputs, FormErrors, SelectField } from "../contracts/shared";
import { formatLabel } from "./ImportTab";
import { localFieldError, parseWhole } from "./shared";

/** How much of the chosen file the preview reads. */
const PREVIEW_BYTES = 64 * 1024;
const SAMPLE_ROWS = 12;

const COLUMN_FIELDS = ["key", "created", "title", "resolved", "status", "group", "due", "sla_remaining", "satisfaction"] as const;
type ColumnField = (typeof COLUMN_FIELDS)[number];
const REQUIRED: readonly ColumnField[] = ["key", "created"];
const FLAG_FIELDS = ["escalated", "returned", "reopened"] as const;
type FlagField = (typeof FLAG_FIELDS)[number];

const COLUMN_LABEL: Record<ColumnField, MessageKey> = {
  key: "kpi.map.key",
  created: "kpi.map.created",
  title: "kpi.map.title",
  resolved: "kpi.map.resolved",
  status: "kpi.map.status",
  group: "kpi.map.group",
  due: "kpi.map.due",
  sla_remaining: "kpi.map.sla_remaining",
  satisfaction: "kpi.map.satisfaction",
};
const FLAG_LABEL: Record<FlagField, MessageKey> = {
  escalated: "kpi.map.escalated",
  returned: "kpi.map.returned",
  reopened: "kpi.map.reopened",
};

const DELIMITERS = [",", ";", "\t"];

interface Form {
  /** The saved profile's name while editing one; null for a new profile. */
  original: string | null;
  name: string;
  format: TicketFormat;
  system: string;
  delimiter: string;
  date_format: string;
  time_basis: TimeBasis;
  columns: Record<ColumnField, ColumnRef | null>;
  flags: Record<FlagField, { column: ColumnRef | null; tokens: string }>;
  resolved_statuses: string;
  first_level_groups: string;
  satisfied_min: string;
  scale_max: string;
}

/** The core's field names → this form's inputs, in the form's order. */
const INPUTS: Record<string, string> = {
  name: "profile_name",
  system: "profile_system",
  delimiter: "profile_delimiter",
  date_format: "profile_date_format",
  time_basis: "profile_time_basis",
  ...Object.fromEntries(COLUMN_FIELDS.map((f) => [f, `map_${f}`])),
  ...Object.fromEntries(FLAG_FIELDS.map((f) => [f, `map_${f}`])),
  resolved_statuses: "profile_resolved_statuses",
  first_level_groups: "profile_first_level_groups",
  satisfied_min: "profile_satisfied_min",
  scale_max: "profile_scale_max",
};

function emptyForm(): Form {
  return {
    original: null,
    name: "",
    format: "mapped",
    system: "",
    delimiter: ",",
    date_format: "auto",
    time_basis: "tallinn",
    columns: { key: null, created: null, title: null, resolved: null, status: null, group: null, due: null, sla_remaining: null, satisfaction: null },
    flags: { escalated: { column: null, tokens: "" }, returned: { column: null, tokens: "" }, reopened: { column: null, tokens: "" } },
    resolved_statuses: "",
    first_level_groups: "",
    satisfied_min: "4",
    scale_max: "5",
  };
}

function toForm(p: TicketProfile): Form {
  const flag = (r: FlagRule) => ({ column: r.column, tokens: r.tokens.join(", ") });
  return {
    original: p.name,
    name: p.name,
    format: p.format,
    system: p.system,
    delimiter: p.delimiter,
    date_format: p.date_format,
    time_basis: p.time_basis,
    columns: {
      key: p.key.name ? p.key : null,
      created: p.created.name ? p.created : null,
      title: p.title,
      resolved: p.resolved,
      status: p.status,
      group: p.group,
      due: p.due,
      sla_remaining: p.sla_remaining,
      satisfaction: p.satisfaction,
    },
    flags: { escalated: flag(p.escalated), returned: flag(p.returned), reopened: flag(p.reopened) },
    resolved_statuses: p.resolved_statuses.join(", "),
    first_level_groups: p.first_level_groups.join(", "),
    satisfied_min: String(p.satisfied_min),
    scale_max: String(p.scale_max),
  };
}

function list(v: string): string[] {
  return v.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

function columnValue(c: ColumnRef | null): string {
  return c ? JSON.stringify([c.name, c.occurrence]) : "";
}

function parseColumn(v: string): ColumnRef | null {
  if (!v) return null;
  const [name, occurrence] = JSON.parse(v) as [string, number];
  return { name, occurrence };
}

function sameColumn(a: ColumnRef | null, b: ColumnRef): boolean {
  return a !== null && a.name === b.name && a.occurrence === b.occurrence;
}

/** `Comment (2)` for the second column of that name; a name that repeats shows `(1)` too. */
function columnLabel(c: ColumnRef, all: readonly ColumnRef[]): string {
  const repeats = c.occurrence > 1 || all.some((o) => o.name === c.name && o.occurrence > 1);
  return repeats ? `${c.name} (${String(c.occurrence)})` : c.name;
}

function delimiterLabel(t: (k: MessageKey) => string, d: string): string {
  return d === "," ? t("kpi.delim.comma") : d === ";" ? t("kpi.delim.semicolon") : d === "\t" ? t("kpi.delim.tab") : d;
}

/** Reads the start of a file as text (a character cut at the end is left out). */
async function readStart(file: File): Promise<string> {
  const bytes = await file.slice(0, PREVIEW_BYTES).arrayBuffer();
  return new TextDecoder("utf-8").decode(bytes, { stream: true });
}

/** The column mappings (profiles) that say how a ticket export is read: the built-in formats'
 *  own and any CSV's, mapped column by column on a sample of the file. */
export function MappingTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const profiles = useLoad(() => api.kpi_profiles(), []);
  // The profile open in the editor; `seq` starts the editor afresh each time one is opened.
  const [open, setOpen] = useState<{ form: Form; seq: number } | null>(null);
  const [deleting, setDeleting] = useState<TicketProfile | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function remove(p: TicketProfile) {
    try {
      await api.kpi_profile_delete(p.name);
      setError(null);
      setNotice(t("kpi.profileDeleted", { name: p.name }));
      if (open?.form.original === p.name) setOpen(null);
      profiles.reload();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setDeleting(null);
    }
  }

  function edit(f: Form) {
    setOpen({ form: f, seq: (open?.seq ?? 0) + 1 });
    setNotice(null);
  }

  return (
    <div data-section="kpi_mapping">
      <p className="note">{t("kpi.mappingIntro")}</p>
      <ErrorBanner error={profiles.error} />
      <FormErrors error={error} shown={[]} />
      {notice ? <div className="banner info" data-notice>{notice}</div> : null}
      <div className="toolbar-row">
        {canEdit ? (
          <button type="button" name="profile_new" onClick={() => { edit(emptyForm()); }}>
            {t("kpi.newProfile")}
          </button>
        ) : null}
      </div>
      <Table<TicketProfile>
        name="kpi_profiles"
        rows={profiles.data ?? []}
        rowKey={(p) => p.name}
        onOpen={canEdit ? (p) => { edit(toForm(p)); } : undefined}
        columns={[
          { key: "name", label: t("kpi.profileName"), render: (p) => p.name, sort: (p) => p.name },
          { key: "format", label: t("kpi.importFormat"), render: (p) => formatLabel(t, p.format), sort: (p) => p.format },
          { key: "system", label: t("kpi.profileSystem"), render: (p) => p.system },
          { key: "delimiter", label: t("kpi.profileDelimiter"), render: (p) => delimiterLabel(t, p.delimiter) },
          { key: "groups", label: t("kpi.profileFirstLevel"), render: (p) => <span className="clip" title={p.first_level_groups.join(", ")}>{p.first_level_groups.join(", ") || "—"}</span> },
          {
            key: "actions",
            label: "",
            className: "nowrap",
            render: (p) =>
              canEdit ? (
                <>
                  <button type="button" className="link" name="profile_edit" onClick={() => { edit(toForm(p)); }}>
                    {t("common.edit")}
                  </button>
                  {p.format === "mapped" ? (
                    <button type="button" className="danger-link" name="profile_delete" onClick={() => { setDeleting(p); }}>
                      {t("kpi.deleteProfile")}
                    </button>
                  ) : null}
                </>
              ) : null,
          },
        ]}
        empty={t("kpi.noProfiles")}
      />
      {open && canEdit ? (
        <ProfileEditor
          key={open.seq}
          initial={open.form}
          onSaved={(p) => {
            setNotice(t("kpi.profileSaved", { name: p.name }));
            profiles.reload();
          }}
          onClose={() => { setOpen(null); }}
        />
      ) : null}
      {deleting ? (
        <Dialog title={t("kpi.deleteProfileTitle")} onClose={() => { setDeleting(null); }} name="profile_delete">
          <p>{t("kpi.deleteProfileText", { name: deleting.name })}</p>
          <div className="actions">
            <button type="button" onClick={() => { setDeleting(null); }}>{t("common.cancel")}</button>
            <button type="button" className="danger" name="confirm_profile_delete" onClick={() => void remove(deleting)}>
              {t("kpi.deleteProfile")}
            </button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}

function ProfileEditor({ initial, onSaved, onClose }: { initial: Form; onSaved: (p: TicketProfile) => void; onClose: () => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState<Form>(initial);
  const [preview, setPreview] = useState<FilePreview | null>(null);
  const [sample, setSample] = useState<string | null>(null);
  const [previewError, setPreviewError] = useState<ApiError | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(error);
  const set = (patch: Partial<Form>) => { setForm((f) => ({ ...f, ...patch })); };

  async function load(text: string, delimiter: string | null) {
    try {
      const p = await api.kpi_preview(text, delimiter);
      setPreview(p);
      setPreviewError(null);
      setForm((f) => ({ ...f, delimiter: p.delimiter }));
    } catch (err) {
      setPreview(null);
      setPreviewError(toApiError(err));
    }
  }

  async function pick(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    const text = await readStart(file);
    setSample(text);
    await load(text, null);
  }

  function chooseDelimiter(d: string) {
    set({ delimiter: d });
    if (sample !== null) void load(sample, d);
  }

  // The columns to choose from: the sample's, and those the profile already names.
  const fileColumns = preview?.columns ?? [];
  const named = [...COLUMN_FIELDS.map((f) => form.columns[f]), ...FLAG_FIELDS.map((f) => form.flags[f].column)].filter(
    (c): c is ColumnRef => c !== null && !fileColumns.some((o) => sameColumn(c, o)),
  );
  const options = [...fileColumns, ...named.filter((c, i) => named.findIndex((o) => sameColumn(c, o)) === i)];

  function refuse(err: ApiError) {
    setError(err);
    focusFirstError(formRef.current, errorInputs(err, INPUTS, Object.values(INPUTS)));
  }

  async function save(e: SyntheticEvent) {
    e.preventDefault();
    if (saving) return;
    const satisfiedMin = parseWhole(form.satisfied_min);
    const scaleMax = parseWhole(form.scale_max);
    if (satisfiedMin === null) {
      refuse(localFieldError("satisfied_min", t("kpi.wholeNumber")));
      return;
    }
    if (scaleMax === null) {
      refuse(localFieldError("scale_max", t("kpi.wholeNumber")));
      return;
    }
    const c = form.columns;
    const flag = (f: FlagField): FlagRule => ({ column: form.flags[f].column, tokens: list(form.flags[f].tokens) });
    const profile: TicketProfile = {
      name: form.name.trim(),
      format: form.format,
      system: form.system.trim(),
      delimiter: form.delimiter,
      date_format: form.date_format.trim() || "auto",
      time_basis: form.time_basis,
      key: c.key ?? { name: "", occurrence: 1 },
      title: c.title,
      created: c.created ?? { name: "", occurrence: 1 },
      resolved: c.resolved,
      status: c.status,
      group: c.group,
      due: c.due,
      sla_remaining: c.sla_remaining,
      satisfaction: c.satisfaction,
      resolved_statuses: list(form.resolved_statuses),
      first_level_groups: list(form.first_level_groups),
      escalated: flag("escalated"),
      returned: flag("returned"),
      reopened: flag("reopened"),
      satisfied_min: satisfiedMin,
      scale_max: scaleMax,
    };
    setSaving(true);
    try {
      const saved = await api.kpi_profile_save(profile);
      setError(null);
      setForm((f) => ({ ...f, original: saved.name, name: saved.name }));
      onSaved(saved);
    } catch (err) {
      refuse(toApiError(err));
    } finally {
      setSaving(false);
    }
  }

  function columnSelect(field: string, label: string, value: ColumnRef | null, onChange: (c: ColumnRef | null) => void, required = false) {
    return (
      <SelectField
        key={field}
        label={required ? `${label} *` : label}
        name={`map_${field}`}
        value={columnValue(value)}
        onChange={(v) => { onChange(parseColumn(v)); }}
        error={errors[field]}
      >
        <option value="">{required ? t("kpi.map.choose") : t("kpi.map.none")}</option>
        {options.map((c) => (
          <option key={columnValue(c)} value={columnValue(c)}>{columnLabel(c, options)}</option>
        ))}
      </SelectField>
    );
  }

  // Which fields each sample column feeds, for the sample's header.
  const mappedTo = (c: ColumnRef): string[] => [
    ...COLUMN_FIELDS.filter((f) => sameColumn(form.columns[f], c)).map((f) => t(COLUMN_LABEL[f])),
    ...FLAG_FIELDS.filter((f) => sameColumn(form.flags[f].column, c)).map((f) => t(FLAG_LABEL[f])),
  ];

  return (
    <form
      ref={formRef}
      className="side-form kpi-profile-form"
      onSubmit={(e) => void save(e)}
      noValidate
      data-form="kpi_profile"
      data-editing={form.original ?? undefined}
    >
      <h3>{form.original === null ? t("kpi.newProfile") : t("kpi.editProfile", { name: form.original })}</h3>
      {form.original !== null && form.format !== "mapped" ? <p className="note">{t("kpi.builtinNote", { format: formatLabel(t, form.format) })}</p> : null}
      <FormErrors error={error} shown={Object.keys(INPUTS)} />
      <div className="field">
        <label htmlFor="kpi-mapping-file">{t("kpi.sampleFile")}</label>
        <input id="kpi-mapping-file" type="file" name="mapping_file" onChange={(e) => void pick(e)} />
        <div className="field-hint">{t("kpi.sampleFileHint")}</div>
      </div>
      <ErrorBanner error={previewError} />

      <fieldset className="split kpi-map-fields">
        <legend>{t("kpi.map.columns")}</legend>
        <div className="kpi-map-grid">
          {COLUMN_FIELDS.map((f) =>
            columnSelect(f, t(COLUMN_LABEL[f]), form.columns[f], (c) => { set({ columns: { ...form.columns, [f]: c } }); }, REQUIRED.includes(f)),
          )}
        </div>
      </fieldset>
      <fieldset className="split kpi-map-fields">
        <legend>{t("kpi.map.flags")}</legend>
        <p className="field-hint">{t("kpi.map.flagsHint")}</p>
        <div className="kpi-map-grid">
          {FLAG_FIELDS.map((f) => (
            <div key={f} className="kpi-flag" data-flag={f}>
              {columnSelect(f, t(FLAG_LABEL[f]), form.flags[f].column, (c) => { set({ flags: { ...form.flags, [f]: { ...form.flags[f], column: c } } }); })}
              <Field
                label={t("kpi.map.tokens")}
                name={`map_${f}_tokens`}
                value={form.flags[f].tokens}
                onChange={(v) => { set({ flags: { ...form.flags, [f]: { ...form.flags[f], tokens: v } } }); }}
                error={errors[`${f}_tokens`] ?? errors[`${f}.tokens`]}
                placeholder={t("kpi.map.tokensHint")}
              />
            </div>
          ))}
        </div>
      </fieldset>

      {preview ? (
        <section className="kpi-sample" data-section="kpi_sample" data-columns={preview.columns.length} data-rows={preview.rows.length}>
          <h4>{t("kpi.sample", { n: Math.min(SAMPLE_ROWS, preview.rows.length) })}</h4>
          <div className="table-wrap">
            <table className="table compact" data-table="kpi_sample">
              <thead>
                <tr>
                  {preview.columns.map((c) => (
                    <th key={columnValue(c)}>
                      {columnLabel(c, preview.columns)}
                      <span className="kpi-mapped-to">{mappedTo(c).join(", ")}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.slice(0, SAMPLE_ROWS).map((row, i) => (
                  <tr key={i}>
                    {preview.columns.map((c, j) => (
                      <td key={columnValue(c)}>
                        <span className="clip narrow" title={row[j] ?? ""}>{row[j] ?? ""}</span>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <fieldset className="split">
        <legend>{t("kpi.map.reading")}</legend>
        <div className="kpi-map-grid">
          <Field
            label={t("kpi.profileName")}
            name="profile_name"
            value={form.name}
            onChange={(v) => { set({ name: v }); }}
            error={errors.name}
            readOnly={form.original !== null}
            hint={form.original !== null ? t("kpi.profileNameFixed") : undefined}
          />
          <Field label={t("kpi.profileSystem")} name="profile_system" value={form.system} onChange={(v) => { set({ system: v }); }} error={errors.system} hint={t("kpi.profileSystemHint")} />
          <SelectField label={t("kpi.profileDelimiter")} name="profile_delimiter" value={form.delimiter} onChange={chooseDelimiter} error={errors.delimiter}>
            {[...new Set([...DELIMITERS, form.delimiter])].map((d) => <option key={d} value={d}>{delimiterLabel(t, d)}</option>)}
          </SelectField>
          <Field
            label={t("kpi.profileDateFormat")}
            name="profile_date_format"
            value={form.date_format}
            onChange={(v) => { set({ date_format: v }); }}
            error={errors.date_format}
            hint={t("kpi.profileDateFormatHint")}
          />
          <SelectField label={t("kpi.profileTimeBasis")} name="profile_time_basis" value={form.time_basis} onChange={(v) => { set({ time_basis: v as TimeBasis }); }} error={errors.time_basis}>
            <option value="tallinn">{t("kpi.timeBasis.tallinn")}</option>
            <option value="utc">{t("kpi.timeBasis.utc")}</option>
          </SelectField>
          <Field
            label={t("kpi.profileResolvedStatuses")}
            name="profile_resolved_statuses"
            value={form.resolved_statuses}
            onChange={(v) => { set({ resolved_statuses: v }); }}
            error={errors.resolved_statuses}
            hint={t("kpi.profileResolvedStatusesHint")}
          />
          <Field
            label={t("kpi.profileFirstLevel")}
            name="profile_first_level_groups"
            value={form.first_level_groups}
            onChange={(v) => { set({ first_level_groups: v }); }}
            error={errors.first_level_groups}
            hint={t("kpi.profileFirstLevelHint")}
          />
          <Field
            label={t("kpi.profileSatisfiedMin")}
            name="profile_satisfied_min"
            value={form.satisfied_min}
            onChange={(v) => { set({ satisfied_min: v }); }}
            error={errors.satisfied_min}
            inputMode="numeric"
            size={4}
          />
          <Field
            label={t("kpi.profileScaleMax")}
            name="profile_scale_max"
            value={form.scale_max}
            onChange={(v) => { set({ scale_max: v }); }}
            error={errors.scale_max}
            inputMode="numeric"
            size={4}
          />
        </div>
      </fieldset>
      <div className="actions">
        <button type="button" name="profile_close" onClick={onClose}>{t("common.close")}</button>
        <button type="submit" className="primary" name="profile_save" disabled={saving}>
          {saving ? t("common.saving") : t("kpi.saveProfile")}
        </button>
      </div>
    </form>
  );
}
