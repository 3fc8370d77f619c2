import { createContext, useContext } from "react";
import type { Lang } from "../api/bindings";
import { en } from "./en";
import { et, type MessageKey } from "./et";

export type { MessageKey };

const tables: Record<Lang, Record<MessageKey, string>> = { et, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const table = tables[lang];
  return (key, params) => {
    let text = table[key];
    if (params) {
      for (const [name, value] of Object.entries(params)) {
        text = text.replaceAll(`{${name}}`, String(value));
      }
    }
    return text;
  };
}

export interface I18n {
  lang: Lang;
  t: Translate;
  setLang: (lang: Lang) => void;
}

export const I18nContext = createContext<I18n>({
  lang: "et",
  t: translator("et"),
  setLang: () => undefined,
});

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** A translation key that may not exist (e.g. an audit action from a newer version). */
export function hasKey(key: string): key is MessageKey {
  return key in et;
}
