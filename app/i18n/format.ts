import type { Locale } from "./locale";
import { clockTime, MONTHS_EN, pad2, tokyoParts } from "./tokyo-time";

export const TIME_ZONE = "Asia/Tokyo";

/** A calendar date ('YYYY-MM-DD') or an instant, shown as a date in Asia/Tokyo: 2026年11月21日 / 21 Nov 2026. */
export function formatDate(value: string | Date | null | undefined, locale: Locale = "ja"): string {
  if (!value) return "";
  const p = tokyoParts(value);
  return locale === "en" ? `${p.day} ${MONTHS_EN[p.month - 1]} ${p.year}` : `${p.year}年${p.month}月${p.day}日`;
}

/** An instant in Asia/Tokyo: 2026/11/21 09:05 / 21/11/2026, 09:05. */
export function formatDateTime(value: string | Date | null | undefined, locale: Locale = "ja"): string {
  if (!value) return "";
  const p = tokyoParts(value instanceof Date ? value : new Date(value));
  return locale === "en" ? `${pad2(p.day)}/${pad2(p.month)}/${p.year}, ${clockTime(p)}` : `${p.year}/${pad2(p.month)}/${pad2(p.day)} ${clockTime(p)}`;
}

/** Today's calendar date in Asia/Tokyo as 'YYYY-MM-DD'. */
export function todayInTokyo(now: Date = new Date()): string {
  const p = tokyoParts(now);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
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
