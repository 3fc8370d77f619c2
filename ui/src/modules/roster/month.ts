// Month arithmetic for the roster's navigation (YYYY-MM strings).

export function currentMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}`;
}

export function shiftMonth(month: string, delta: number): string {
  const [y = 2000, m = 1] = month.split("-").map(Number);
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** "2026-12" → "detsember 2026" with the translated month names. */
export function monthTitle(month: string, names: string): string {
  const [y, m = 1] = month.split("-").map(Number);
  const name = names.split(",")[m - 1] ?? month;
  return `${name.charAt(0).toUpperCase()}${name.slice(1)} ${y ?? ""}`;
}

export function hours(minutes: number): string {
  const h = minutes / 60;
  return Number.isInteger(h) ? String(h) : h.toFixed(1).replace(".", ",");
}
