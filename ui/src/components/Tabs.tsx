import type { ReactNode } from "react";

export interface TabDef<T extends string> {
  id: T;
  /** The button's name (for tests and keyboard users' scripts). */
  name: string;
  label: ReactNode;
}

/** A page's tab bar: one button per tab, the current one marked. */
export function Tabs<T extends string>({ tabs, value, onChange }: { tabs: TabDef<T>[]; value: T; onChange: (id: T) => void }) {
  return (
    <div className="tabs" role="tablist">
      {tabs.map((x) => (
        <button
          key={x.id}
          type="button"
          role="tab"
          name={x.name}
          aria-selected={value === x.id}
          className={value === x.id ? "on" : undefined}
          onClick={() => { onChange(x.id); }}
        >
          {x.label}
        </button>
      ))}
    </div>
  );
}
