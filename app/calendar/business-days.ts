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

// Date arithmetic on 'YYYY-MM-DD' strings parses and formats the same few hundred dates over and over: the booking
// page's free slots alone walked 8 counsellors × 7 days through these two conversions several times each, a tenth
// of the page's CPU. Both directions are remembered (valid dates only: parts() throws first); the bound only
// matters for a process that has touched thousands of distinct dates.
const MEMO_LIMIT = 4096;
const midnightOf = new Map<IsoDate, number>();
const dateAt = new Map<number, IsoDate>();

function remember<K, V>(memo: Map<K, V>, key: K, value: V): V {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

function toUtcMidnight(date: IsoDate): number {
  const known = midnightOf.get(date);
  if (known !== undefined) return known;
  const [y, m, d] = parts(date);
  return remember(midnightOf, date, Date.UTC(y, m - 1, d));
}

function fromUtcMidnight(ms: number): IsoDate {
  return dateAt.get(ms) ?? remember(dateAt, ms, new Date(ms).toISOString().slice(0, 10));
}

/** The calendar date `days` after (or before, when negative) `date`. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtcMidnight(toUtcMidnight(date) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((Math.floor(toUtcMidnight(date) / DAY_MS) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: IsoDate): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

/** The national holiday's name (e.g. 勤労感謝の日), or null. */
export function publicHolidayName(date: IsoDate, locale: "ja" | "en" = "ja"): string | null {
  toUtcMidnight(date); // refuses anything but a calendar date
  const holiday = holidays[date];
  if (!holiday) return null;
  return locale === "en" ? holiday.name_en : holiday.name;
}

/** 年末年始の休日: 12月29日から翌年1月3日まで. */
export function isYearEndBreak(date: IsoDate): boolean {
  toUtcMidnight(date); // refuses anything but a calendar date, so the digits are where they should be
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
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

/** The instant (epoch milliseconds) a date begins in Asia/Tokyo. */
export function tokyoMidnight(date: IsoDate): number {
  return toUtcMidnight(date) - TOKYO_OFFSET_MS;
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
