import type { Lang } from "../api/bindings";
import { useI18n } from "../i18n";

const LANGS: Lang[] = ["et", "en"];

/** ET | EN; the choice is stored in the database and survives a restart. */
export function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t("lang.switch")}>
      {LANGS.map((l) => (
        <button
          key={l}
          type="button"
          name={`lang_${l}`}
          className={l === lang ? "on" : undefined}
          aria-pressed={l === lang}
          lang={l}
          onClick={() => { setLang(l); }}
        >
          {t(`lang.${l}`)}
        </button>
      ))}
    </div>
  );
}
