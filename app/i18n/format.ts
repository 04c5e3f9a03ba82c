import type { Locale } from "./locale";

export const TIME_ZONE = "Asia/Tokyo";

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let f = dateFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", { timeZone: TIME_ZONE, ...options });
    dateFormatters.set(key, f);
  }
  return f;
}

// The two formats tables print once per row, held per locale: finding them in the map above costs a
// JSON.stringify of the options on every call.
const dateOnly: Partial<Record<Locale, Intl.DateTimeFormat>> = {};
const dateTime: Partial<Record<Locale, Intl.DateTimeFormat>> = {};

/** A calendar date ('YYYY-MM-DD') or an instant, shown as a date in Asia/Tokyo. */
export function formatDate(value: string | Date | null | undefined, locale: Locale = "ja"): string {
  if (!value) return "";
  const instant = typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00+09:00`) : new Date(value);
  return (dateOnly[locale] ??= formatter(locale, { year: "numeric", month: locale === "ja" ? "long" : "short", day: "numeric" })).format(instant);
}

export function formatDateTime(value: string | Date | null | undefined, locale: Locale = "ja"): string {
  if (!value) return "";
  return (dateTime[locale] ??= formatter(locale, { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false })).format(new Date(value));
}

// Building an Intl.DateTimeFormat costs far more than formatting with one; this one is made once.
let isoDateFormatter: Intl.DateTimeFormat | undefined;

/** Today's calendar date in Asia/Tokyo as 'YYYY-MM-DD'. */
export function todayInTokyo(now: Date = new Date()): string {
  isoDateFormatter ??= new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
  return isoDateFormatter.format(now);
}

/** Fiscal year (April–March) containing a 'YYYY-MM-DD' date. */
export function fiscalYearOf(date: string): number {
  const [y, m] = date.split("-").map(Number);
  return m >= 4 ? y : y - 1;
}

/** 令和N年度 (FY2024 = 令和6年度) or "FY2024". */
export function fiscalYearLabel(fiscalYear: number, locale: Locale = "ja"): string {
  if (locale === "en") return `FY${fiscalYear}`;
  const reiwa = fiscalYear - 2018;
  return reiwa === 1 ? "令和元年度" : `令和${reiwa}年度`;
}
