import { useId, type ReactNode, type TextareaHTMLAttributes } from "react";
import type { Authority, BudgetLine, ContractStatus, SignerCapacity } from "../../api/bindings";
import type { ApiError } from "../../api/client";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useI18n, type Translate } from "../../i18n";
import { formatMoney } from "../../i18n/format";

export const STATUSES: ContractStatus[] = ["draft", "signed", "in_force", "ended", "terminated"];

export function statusLabel(t: Translate, s: ContractStatus): string {
  return t(`contracts.status.${s}`);
}

export function capacityLabel(t: Translate, c: SignerCapacity): string {
  return t(`contracts.capacity.${c}`);
}

/** `2026 · 4500 Arvutitehnika` */
export function lineLabel(l: Pick<BudgetLine, "year" | "code" | "name">): string {
  return `${l.year} · ${l.code} ${l.name}`;
}

/** Basis points as a percentage for display: 2400 → `24 %`, 950 → `9,5 %`. */
export function percentFromBp(bp: number): string {
  return `${String(bp / 100).replace(".", ",")}\u00a0%`;
}

/** Tenths of a per cent for display: 935 → `93,5 %`. */
export function percentFromPermille(p: number): string {
  return `${String(p / 10).replace(".", ",")}\u00a0%`;
}

/** Cents as the user would type them, for a form's starting value: `9 200,00`. */
export function moneyInput(cents: number): string {
  return formatMoney(cents).replace(/\u00a0€$/, "").replaceAll("\u00a0", " ").replace("−", "-");
}

/** A file size for people: `12,3 kB`. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${kb.toFixed(1).replace(".", ",")} kB`;
  return `${(kb / 1024).toFixed(1).replace(".", ",")} MB`;
}

/** Errors not shown beside a field: the banner for a plain error, a list for field errors no input shows. */
export function FormErrors({ error, shown }: { error: ApiError | null; shown: readonly string[] }) {
  if (!error) return null;
  if (error.fields.length === 0) return <ErrorBanner error={error} />;
  const rest = error.fields.filter((f) => !shown.includes(f.field));
  if (rest.length === 0) return null;
  return (
    <div className="banner error" role="alert" data-error-code={error.code}>
      {rest.map((f) => (
        <div key={f.field} data-field-error={f.field}>
          {f.message}
        </div>
      ))}
    </div>
  );
}

interface SelectFieldProps {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  disabled?: boolean;
  children: ReactNode;
  className?: string;
}

/** A labelled select with its error beside it, like Field. */
export function SelectField({ label, name, value, onChange, error, hint, disabled, children, className }: SelectFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={[error ? "field has-error" : "field", className ?? ""].join(" ").trim()}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        value={value}
        disabled={disabled}
        onChange={(e) => { onChange(e.target.value); }}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      >
        {children}
      </select>
      {error ? (
        <div className="field-error" id={errorId} data-field-error={name} role="alert">
          {error}
        </div>
      ) : hint ? (
        <div className="field-hint">{hint}</div>
      ) : null}
    </div>
  );
}

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "onChange"> {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  className?: string;
}

/** A labelled textarea; Ctrl+Enter submits its form (plain Enter makes a new line). */
export function TextAreaField({ label, name, value, onChange, error, className, ...rest }: TextAreaFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={[error ? "field has-error" : "field", className ?? ""].join(" ").trim()}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        value={value}
        rows={2}
        onChange={(e) => { onChange(e.target.value); }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            e.currentTarget.form?.requestSubmit();
          }
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        {...rest}
      />
      {error ? (
        <div className="field-error" id={errorId} data-field-error={name} role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

/** The § 3.8.2 decision of the core: within the head's authority, or why not. */
export function AuthorityLine({ authority }: { authority: Authority }) {
  const { t } = useI18n();
  if (authority.head_may_sign) {
    return (
      <div className="authority ok" data-authority="ok">
        <div>
          <span aria-hidden="true">✔ </span>
          {t("contracts.authorityOk", { value: formatMoney(authority.value_cents), limit: formatMoney(authority.limit_cents) })}
        </div>
        {authority.lines.map((l) => (
          <div key={l.budget_line_id} className="muted" data-need={l.code}>
            <span aria-hidden="true">✔ </span>
            {t("contracts.budgetFree", { code: l.code, year: l.year, need: formatMoney(l.need_cents), free: formatMoney(l.free_cents) })}
          </div>
        ))}
      </div>
    );
  }
  return (
    <div className="authority refused" data-authority="refused">
      <ul>
        {authority.reasons.map((r) => (
          <li key={r}>
            <span aria-hidden="true">✖ </span>
            {r}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The signed-in user's current year. */
export function currentYear(): number {
  return new Date().getFullYear();
}

/** Field names in the order of a form, those in the error first-come; for focusFirstError. */
export function errorInputs(error: ApiError, map: Record<string, string>, order: readonly string[]): string[] {
  const has = new Set(error.fields.map((f) => map[f.field] ?? f.field));
  return order.filter((n) => has.has(n));
}
