import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

export interface Column<T> {
  key: string;
  label: string;
  render: (row: T) => ReactNode;
  /** The value to sort by; a column without one is not sortable. */
  sort?: (row: T) => string | number;
  className?: string;
}

interface TableProps<T> {
  name: string;
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string | number;
  onOpen?: (row: T) => void;
  empty: ReactNode;
  footer?: ReactNode;
  rowClass?: (row: T) => string;
  /** Put the keyboard in the table when it appears, so ↑/↓ and Enter work at once. */
  autoFocus?: boolean;
}

const collator = new Intl.Collator("et", { sensitivity: "base", numeric: true });

/** A dense table: sortable headers, sticky header row, ↑/↓ to select, Enter to open. */
export function Table<T>({ name, rows, columns, rowKey, onOpen, empty, footer, rowClass, autoFocus = false }: TableProps<T>) {
  const [sortKey, setSortKey] = useState<string | null>(null);
  const [descending, setDescending] = useState(false);
  const [selected, setSelected] = useState(0);
  const body = useRef<HTMLTableSectionElement>(null);
  const hasRows = rows.length > 0;

  useEffect(() => {
    if (autoFocus && hasRows) body.current?.focus({ preventScroll: true });
  }, [autoFocus, hasRows]);

  const sorted = useMemo(() => {
    const col = columns.find((c) => c.key === sortKey);
    if (!col?.sort) return rows;
    const by = col.sort;
    const out = [...rows].sort((a, b) => {
      const x = by(a);
      const y = by(b);
      const c = typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y));
      return descending ? -c : c;
    });
    return out;
  }, [rows, columns, sortKey, descending]);

  const current = Math.min(selected, Math.max(sorted.length - 1, 0));

  useEffect(() => {
    body.current?.children[current]?.scrollIntoView({ block: "nearest" });
  }, [current]);

  function onKeyDown(e: KeyboardEvent<HTMLTableSectionElement>) {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setSelected(Math.min(current + 1, sorted.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setSelected(Math.max(current - 1, 0));
    } else if (e.key === "Home" || e.key === "End") {
      e.preventDefault();
      setSelected(e.key === "Home" ? 0 : sorted.length - 1);
    } else if (e.key === "Enter" && onOpen) {
      const row = sorted[current];
      if (row) {
        e.preventDefault();
        onOpen(row);
      }
    }
  }

  function toggleSort(key: string) {
    if (sortKey === key) setDescending(!descending);
    else {
      setSortKey(key);
      setDescending(false);
    }
  }

  if (rows.length === 0) {
    return <div className="empty" data-empty={name}>{empty}</div>;
  }

  return (
    <div className="table-wrap">
      <table className="table" data-table={name}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} className={c.className} aria-sort={sortKey === c.key ? (descending ? "descending" : "ascending") : undefined}>
                {c.sort ? (
                  <button type="button" className="sort" onClick={() => { toggleSort(c.key); }}>
                    {c.label}
                    <span className="sort-mark">{sortKey === c.key ? (descending ? " ▼" : " ▲") : ""}</span>
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody tabIndex={0} onKeyDown={onKeyDown} ref={body}>
          {sorted.map((row, i) => (
            <tr
              key={rowKey(row)}
              className={[i === current ? "selected" : "", rowClass?.(row) ?? ""].join(" ").trim() || undefined}
              onClick={() => { setSelected(i); }}
              onDoubleClick={() => onOpen?.(row)}
              data-row={rowKey(row)}
            >
              {columns.map((c) => (
                <td key={c.key} className={c.className}>
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {footer ? (
          <tfoot>
            <tr>
              <td colSpan={columns.length}>{footer}</td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
