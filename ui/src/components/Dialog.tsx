import { useEffect, useRef, type ReactNode } from "react";
import { useI18n } from "../i18n";

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  name: string;
}

/** A modal dialog: Esc closes it, focus starts inside it and returns where it was. */
export function Dialog({ title, onClose, children, name }: DialogProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>("input, select, textarea, button")?.focus();
    return () => previous?.focus();
  }, []);
  return (
    <div
      className="dialog-backdrop"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="dialog" role="dialog" aria-modal="true" aria-label={title} ref={ref} data-dialog={name}>
        <header>
          <h2>{title}</h2>
          <button type="button" className="icon" onClick={onClose} aria-label={t("common.close")}>
            ×
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
