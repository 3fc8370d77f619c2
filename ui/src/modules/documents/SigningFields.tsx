import { useState } from "react";
import type { HashAlg, SigningInput } from "../../api/bindings";
import { Field } from "../../components/Field";
import { useI18n } from "../../i18n";

export type KeyChoice = "none" | "p12" | "pkcs11";

export interface SigningState {
  choice: KeyChoice;
  file: File | null;
  password: string;
  pin: string;
  hash: HashAlg | "";
}

export const NO_SIGNING: SigningState = { choice: "none", file: null, password: "", pin: "", hash: "" };

/** The signing input the core wants, read from the form (the key file's bytes included). */
export async function signingInput(s: SigningState): Promise<SigningInput | null> {
  const hash = s.hash === "" ? null : s.hash;
  if (s.choice === "p12" && s.file) {
    const content = Array.from(new Uint8Array(await s.file.arrayBuffer()));
    return { key: { source: "p12", content, password: s.password }, hash };
  }
  if (s.choice === "pkcs11") return { key: { source: "pkcs11", pin: s.pin }, hash };
  return null;
}

interface Props {
  value: SigningState;
  onChange: (s: SigningState) => void;
  /** Offer "do not sign" (export) or not (signing a file). */
  optional: boolean;
  /** The role the signature will carry, or null when the user may not sign. */
  role: string | null;
  /** A field error of the key (wrong password, wrong PIN). */
  keyError?: string | undefined;
}

/** Choosing the key: none, a .p12 file with its password, or the ID card with PIN2. The password
 *  and PIN go to the core for this one signature and are not kept. */
export function SigningFields({ value, onChange, optional, role, keyError }: Props) {
  const { t } = useI18n();
  const [fileName, setFileName] = useState("");
  const set = (patch: Partial<SigningState>) => { onChange({ ...value, ...patch }); };
  const choices: KeyChoice[] = optional ? ["none", "p12", "pkcs11"] : ["p12", "pkcs11"];
  return (
    <fieldset className="signing" data-signing={value.choice}>
      <legend>{t("docs.signing")}</legend>
      {role === null ? <p className="muted" data-no-signing>{t("docs.mayNotSign")}</p> : null}
      <div className="choices">
        {choices.map((c) => (
          <label key={c} className="check">
            <input
              type="radio"
              name="sign_with"
              value={c}
              checked={value.choice === c}
              disabled={role === null && c !== "none"}
              onChange={() => { set({ choice: c }); }}
            />{" "}
            {t(c === "none" ? "docs.signNone" : c === "p12" ? "docs.signP12" : "docs.signCard")}
          </label>
        ))}
      </div>
      {value.choice === "p12" ? (
        <div className="grid-form">
          <div className="field">
            <label htmlFor="p12_file">{t("docs.keyFile")}</label>
            <input
              id="p12_file"
              type="file"
              name="p12_file"
              accept=".p12,.pfx,application/x-pkcs12"
              onChange={(e) => {
                const f = e.target.files?.[0] ?? null;
                setFileName(f?.name ?? "");
                set({ file: f });
              }}
            />
            {fileName ? <div className="field-hint">{fileName}</div> : null}
          </div>
          <Field
            label={t("docs.keyPassword")}
            name="p12_password"
            type="password"
            autoComplete="off"
            value={value.password}
            onChange={(v) => { set({ password: v }); }}
            error={keyError}
          />
        </div>
      ) : null}
      {value.choice === "pkcs11" ? (
        <div className="grid-form">
          <Field
            label={t("docs.pin2")}
            name="pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            value={value.pin}
            onChange={(v) => { set({ pin: v }); }}
            error={keyError}
            hint={t("docs.pin2Hint")}
          />
        </div>
      ) : null}
      {value.choice !== "none" ? (
        <>
          <div className="grid-form">
            <div className="field">
              <label htmlFor="sign_hash">{t("docs.hash")}</label>
              <select id="sign_hash" name="sign_hash" value={value.hash} onChange={(e) => { set({ hash: e.target.value as HashAlg | "" }); }}>
                <option value="">{t("docs.hashAuto")}</option>
                <option value="sha256">SHA-256</option>
                <option value="sha384">SHA-384</option>
              </select>
            </div>
          </div>
          {role !== null ? (
            <p className="muted" data-role>
              {t("docs.roleWritten", { role })}
            </p>
          ) : null}
          <p className="muted small">{t("docs.noTimestamp")}</p>
        </>
      ) : null}
    </fieldset>
  );
}
