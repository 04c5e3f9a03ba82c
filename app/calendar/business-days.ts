import holidayJp from "@holiday-jp/holiday_jp";

// Business days of a Japanese prefectural office (行政機関の休日): every day except Saturdays, Sundays, national
// holidays (国民の祝日・振替休日・国民の休日, from @holiday-jp/holiday_jp, offline) and the year-end break
// 12月29日〜1月3日. Pure functions over calendar dates written 'YYYY-MM-DD' (Asia/Tokyo); no clock, no database.

export type IsoDate = string;

const TOKYO_OFFSET_MS = 9 * 60 * 60 * 1000; // Japan has no daylight saving time.
const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const holidays = holidayJp.holidays as Record<string, { name: string; name_en: string } | undefined>;

function parts(date: IsoDate): [number, number, number] {
  const match = ISO_DATE.exec(date);
  if (!match) throw new Error(`Not a calendar date (YYYY-MM-DD): "${date}"`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function toUtcMidnight(date: IsoDate): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d);
}

function fromUtcMidnight(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The calendar date `days` after (or before, when negative) `date`. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtcMidnight(toUtcMidnight(date) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(toUtcMidnight(date)).getUTCDay();
}

export function isWeekend(date: IsoDate): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

/** The national holiday's name (e.g. 勤労感謝の日), or null. */
export function publicHolidayName(date: IsoDate, locale: "ja" | "en" = "ja"): string | null {
  parts(date);
  const holiday = holidays[date];
  if (!holiday) return null;
  return locale === "en" ? holiday.name_en : holiday.name;
}

/** 年末年始の休日: 12月29日から翌年1月3日まで. */
export function isYearEndBreak(date: IsoDate): boolean {
  const [, m, d] = parts(date);
  return (m === 12 && d >= 29) || (m === 1 && d <= 3);
}

export function isBusinessDay(date: IsoDate): boolean {
  return !isWeekend(date) && !isYearEndBreak(date) && publicHolidayName(date) === null;
}

/**
 * The date that is `count` business days after `date` (`date` itself is not counted, whatever it is).
 * count 0 returns `date` unchanged.
 */
export function addBusinessDays(date: IsoDate, count: number): IsoDate {
  if (!Number.isInteger(count) || count < 0) throw new Error(`addBusinessDays: count must be a non-negative integer, got ${count}`);
  let current = date;
  let remaining = count;
  while (remaining > 0) {
    current = addDays(current, 1);
    if (isBusinessDay(current)) remaining -= 1;
  }
  return current;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMidnight(to) - toUtcMidnight(from)) / DAY_MS);
}

/** Business days d with from < d ≤ to: how many working days have passed since `from`. 0 when `to` ≤ `from`. */
export function businessDaysBetween(from: IsoDate, to: IsoDate): number {
  let count = 0;
  for (let current = addDays(from, 1); current <= to; current = addDays(current, 1)) {
    if (isBusinessDay(current)) count += 1;
  }
  return count;
}

/** The calendar date in Asia/Tokyo of an instant. */
export function tokyoDate(instant: Date): IsoDate {
  return fromUtcMidnight(Math.floor((instant.getTime() + TOKYO_OFFSET_MS) / DAY_MS) * DAY_MS);
}

/** The instant of a wall-clock time ('HH:MM') on a date in Asia/Tokyo. */
export function tokyoDateTime(date: IsoDate, time = "00:00"): Date {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new Error(`Not a time (HH:MM): "${time}"`);
  return new Date(toUtcMidnight(date) + (Number(match[1]) * 60 + Number(match[2])) * 60_000 - TOKYO_OFFSET_MS);
}

/**
 * When a follow-up due `count` business days after `now` happens: at `time` (Asia/Tokyo) on the `count`-th
 * business day after today. E.g. submitted on Fri 2026-11-20 → 3 business days later, skipping the weekend
 * and 勤労感謝の日 (Mon 11-23) → Thu 2026-11-26 09:00 JST.
 */
export function businessDaysLaterAt(now: Date, count: number, time = "09:00"): Date {
  return tokyoDateTime(addBusinessDays(tokyoDate(now), count), time);
}

export interface Elapsed {
  calendarDays: number;
  businessDays: number;
}

/** How long something that started at `since` has been waiting, as of `now` (both Asia/Tokyo dates). */
export function elapsedSince(since: Date, now: Date): Elapsed {
  const from = tokyoDate(since);
  const to = tokyoDate(now);
  return { calendarDays: Math.max(0, calendarDaysBetween(from, to)), businessDays: businessDaysBetween(from, to) };
}
