import { useRef, useState, type SyntheticEvent } from "react";
import type { Supplier, SupplierInput } from "../../api/bindings";
import { api, fieldErrors, toApiError, type ApiError } from "../../api/client";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Field, focusFirstError } from "../../components/Field";
import { Table, type Column } from "../../components/Table";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n";
import { errorInputs, FormErrors } from "./shared";

const INPUTS: Record<string, string> = {
  name: "supplier_name",
  reg_code: "supplier_reg_code",
  vat_no: "supplier_vat_no",
  contact: "supplier_contact",
  email: "supplier_email",
  phone: "supplier_phone",
};

function toInput(s: Supplier | null): SupplierInput {
  return {
    id: s?.id ?? null,
    name: s?.name ?? "",
    reg_code: s?.reg_code ?? "",
    vat_no: s?.vat_no ?? "",
    contact: s?.contact ?? "",
    email: s?.email ?? "",
    phone: s?.phone ?? "",
  };
}

/** The suppliers the department has contracts with. */
export function SuppliersTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const list = useLoad(() => api.suppliers(), []);
  const [form, setForm] = useState<SupplierInput>(toInput(null));
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(error);
  const set = (key: keyof Omit<SupplierInput, "id">) => (v: string) => { setForm({ ...form, [key]: v }); };

  function edit(s: Supplier) {
    if (!canEdit) return;
    setForm(toInput(s));
    setError(null);
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>('[name="supplier_name"]')?.focus());
  }

  async function save(e: SyntheticEvent) {
    e.preventDefault();
    setSaving(true);
    try {
      await api.supplier_save(form);
      setForm(toInput(null));
      setError(null);
      list.reload();
    } catch (err) {
      const apiErr = toApiError(err);
      setError(apiErr);
      focusFirstError(formRef.current, errorInputs(apiErr, INPUTS, Object.values(INPUTS)));
    } finally {
      setSaving(false);
    }
  }

  const columns: Column<Supplier>[] = [
    { key: "name", label: t("suppliers.name"), render: (s) => s.name, sort: (s) => s.name },
    { key: "reg", label: t("suppliers.regCode"), render: (s) => s.reg_code, sort: (s) => s.reg_code, className: "num" },
    { key: "vat", label: t("suppliers.vatNo"), render: (s) => s.vat_no, className: "nowrap" },
    { key: "contact", label: t("suppliers.contact"), render: (s) => s.contact, sort: (s) => s.contact },
    { key: "email", label: t("suppliers.email"), render: (s) => s.email },
    { key: "phone", label: t("suppliers.phone"), render: (s) => s.phone, className: "nowrap" },
    {
      key: "edit",
      label: "",
      render: (s) =>
        canEdit ? (
          <button type="button" className="link" name="supplier_edit" onClick={() => { edit(s); }}>
            {t("common.edit")}
          </button>
        ) : null,
    },
  ];

  return (
    <div data-section="suppliers">
      <ErrorBanner error={list.error} />
      {list.data ? (
        <Table
          name="suppliers"
          rows={list.data}
          columns={columns}
          rowKey={(s) => s.id}
          onOpen={canEdit ? edit : undefined}
          empty={canEdit ? t("suppliers.empty") : t("suppliers.emptyReadOnly")}
          footer={t("suppliers.count", { n: list.data.length })}
        />
      ) : (
        <p className="muted">{t("app.loading")}</p>
      )}
      {canEdit ? (
        <form ref={formRef} className="grid-form side-form" onSubmit={(e) => void save(e)} noValidate data-form="supplier">
          <h3 className="span-2">{form.id === null ? t("suppliers.add") : t("suppliers.edit")}</h3>
          <div className="span-2">
            <FormErrors error={error} shown={Object.keys(INPUTS)} />
          </div>
          <Field label={t("suppliers.name")} name="supplier_name" value={form.name} onChange={set("name")} error={errors.name} />
          <Field label={t("suppliers.regCode")} name="supplier_reg_code" value={form.reg_code} onChange={set("reg_code")} error={errors.reg_code} hint={t("suppliers.regHint")} inputMode="numeric" />
          <Field label={t("suppliers.vatNo")} name="supplier_vat_no" value={form.vat_no} onChange={set("vat_no")} error={errors.vat_no} hint={t("suppliers.vatHint")} />
          <Field label={t("suppliers.contact")} name="supplier_contact" value={form.contact} onChange={set("contact")} error={errors.contact} />
          <Field label={t("suppliers.email")} name="supplier_email" type="email" value={form.email} onChange={set("email")} error={errors.email} />
          <Field label={t("suppliers.phone")} name="supplier_phone" type="tel" value={form.phone} onChange={set("phone")} error={errors.phone} />
          <div className="actions span-2">
            {form.id !== null ? <button type="button" onClick={() => { setForm(toInput(null)); setError(null); }}>{t("common.cancel")}</button> : null}
            <button type="submit" className="primary" name="supplier_save" disabled={saving}>{t("common.save")}</button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
