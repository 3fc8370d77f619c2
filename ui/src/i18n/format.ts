// Estonian conventions for dates and money, in both interface languages.

/** `2026-02-24` → `24.02.2026`. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3] ?? ""}.${m[2] ?? ""}.${m[1] ?? ""}` : iso;
}

/** An RFC 3339 instant in local time: `24.02.2026 14:05`. */
export function formatDateTime(instant: string): string {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Today as `dd.mm.yyyy`. */
export function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()}`;
}

/** Integer cents → `1 234,56 €` (thin grouping space, decimal comma). */
export function formatMoney(cents: number, currency = "EUR"): string {
  const sign = cents < 0 ? "−" : "";
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
  const frac = String(abs % 100).padStart(2, "0");
  const symbol = currency === "EUR" ? "€" : currency;
  return `${sign}${whole},${frac}\u00a0${symbol}`;
}
