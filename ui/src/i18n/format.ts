// Estonian conventions for dates and money, in both interface languages.

/** `2026-02-24` → `24.02.2026`. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3] ?? ""}.${m[2] ?? ""}.${m[1] ?? ""}` : iso;
}

/** The department's clock: every date and time is Tallinn's, as in the core. */
const TALLINN = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Tallinn",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function tallinnParts(d: Date): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const p of TALLINN.formatToParts(d)) parts[p.type] = p.value;
  return parts;
}

/** An RFC 3339 instant in Tallinn time: `24.02.2026 14:05`. */
export function formatDateTime(instant: string): string {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  const p = tallinnParts(d);
  return `${p.day ?? ""}.${p.month ?? ""}.${p.year ?? ""} ${p.hour ?? ""}:${p.minute ?? ""}`;
}

/** Today in Tallinn as `dd.mm.yyyy`. */
export function today(): string {
  const p = tallinnParts(new Date());
  return `${p.day ?? ""}.${p.month ?? ""}.${p.year ?? ""}`;
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

/** Today in Tallinn as `yyyy-mm-dd`, for comparing with the core's dates. */
export function isoToday(): string {
  return isoDate(new Date());
}

function isoDate(d: Date): string {
  const p = tallinnParts(d);
  return `${p.year ?? ""}-${p.month ?? ""}-${p.day ?? ""}`;
}

/** The Tallinn date of an RFC 3339 instant as `yyyy-mm-dd` (`2026-02-24T22:30:00Z` → `2026-02-25`);
 *  anything unreadable is returned as it is. */
export function tallinnIsoDate(instant: string): string {
  const d = new Date(instant);
  return Number.isNaN(d.getTime()) ? instant : isoDate(d);
}

/** Two `yyyy-mm-dd` dates as a period: `01.07.2026–14.07.2026`. */
export function formatPeriod(from: string, to: string): string {
  return `${formatDate(from)}–${formatDate(to)}`;
}

/** A whole number with thin grouping spaces: `12345` → `12 345`. */
export function formatCount(n: number): string {
  const sign = n < 0 ? "−" : "";
  return sign + Math.abs(Math.trunc(n)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
}

/** Hundredths of a unit (8550 = 85,5) with the unit, at most `decimals` decimals and no trailing
 *  zeros: `formatHundredths(8550, "%")` → `85,5 %`, `formatHundredths(7333, "%", 1)` → `73,3 %`. */
export function formatHundredths(value: number, unit = "", decimals = 2): string {
  const step = 10 ** (2 - Math.min(2, Math.max(0, decimals)));
  const rounded = Math.round(Math.abs(value) / step) * step;
  const sign = value < 0 && rounded > 0 ? "−" : "";
  const frac = String(rounded % 100).padStart(2, "0").replace(/0+$/, "");
  const number = `${sign}${formatCount(Math.floor(rounded / 100))}${frac ? `,${frac}` : ""}`;
  return unit ? `${number}\u00a0${unit}` : number;
}

/** Hundredths as the user would type them, for a form's starting value: 8550 → `85,5`. */
export function hundredthsInput(value: number): string {
  return formatHundredths(value).replaceAll("\u00a0", "").replace("−", "-");
}

/** `2026-03` → `03.2026`. */
export function formatMonth(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${m[2] ?? ""}.${m[1] ?? ""}` : month;
}
