// Dates and times in Asia/Tokyo by arithmetic. Japan has had no daylight saving time since 1951, so Tokyo time is
// UTC + 9 hours: reading the UTC fields of a shifted Date gives what Intl.DateTimeFormat with timeZone 'Asia/Tokyo'
// gives, for a fraction of the cost (a table or a week of slots prints dozens of them per page; formatToParts was a
// visible share of the booking page's server time). It also prints the same text on the server and in every
// browser, whatever ICU each ships. Browser-safe: no Node APIs.

const TOKYO_OFFSET_MS = 9 * 60 * 60 * 1000;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface TokyoParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  hour: number;
  minute: number;
}

/** The Tokyo wall-clock fields of an instant, or of a calendar date 'YYYY-MM-DD' (taken at 00:00 there). */
export function tokyoParts(value: Date | string | number): TokyoParts {
  const date = typeof value === "string" ? CALENDAR_DATE.exec(value) : null;
  const ms = date
    ? Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])) - TOKYO_OFFSET_MS
    : value instanceof Date
      ? value.getTime()
      : new Date(value).getTime();
  // Intl throws on an invalid date; so do we, rather than print "NaN年".
  if (!Number.isFinite(ms)) throw new RangeError("Invalid time value");
  const shifted = new Date(ms + TOKYO_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    weekday: shifted.getUTCDay(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

export const WEEKDAYS_JA = ["日", "月", "火", "水", "木", "金", "土"] as const;
export const WEEKDAYS_EN = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
/** en-GB's short month names as ICU prints them (September is "Sept"). */
export const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"] as const;

export const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** 09:05 (24-hour clock). */
export const clockTime = (p: TokyoParts) => `${pad2(p.hour)}:${pad2(p.minute)}`;

/**
 * An integer with thousands separators, as Intl.NumberFormat('ja-JP') prints it (12,345; -1,000). Anything else
 * (fractions, NaN) goes to Intl.
 */
export function groupDigits(n: number): string {
  if (!Number.isSafeInteger(n)) return new Intl.NumberFormat("ja-JP").format(n);
  const digits = String(Math.abs(n));
  let out = "";
  for (let end = digits.length; end > 0; end -= 3) out = end - 3 > 0 ? `,${digits.slice(end - 3, end)}${out}` : `${digits.slice(0, end)}${out}`;
  return n < 0 ? `-${out}` : out;
}
