import { describe, expect, it } from "vitest";
import { formatDay, formatTime } from "~/consultations/BookingParts";
import { formatDate, formatDateTime, todayInTokyo } from "~/i18n/format";
import { groupDigits, tokyoParts } from "~/i18n/tokyo-time";

// The arithmetic formatters must print exactly what Intl.DateTimeFormat with timeZone 'Asia/Tokyo' printed before
// them (pages, emails and tests were written against that text). Compared over instants spread across decades,
// around Tokyo midnight and in every month.

const zone = { timeZone: "Asia/Tokyo" } as const;
const intl = {
  dateJa: new Intl.DateTimeFormat("ja-JP", { ...zone, year: "numeric", month: "long", day: "numeric" }),
  dateEn: new Intl.DateTimeFormat("en-GB", { ...zone, year: "numeric", month: "short", day: "numeric" }),
  dateTimeJa: new Intl.DateTimeFormat("ja-JP", { ...zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false }),
  dateTimeEn: new Intl.DateTimeFormat("en-GB", { ...zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false }),
  iso: new Intl.DateTimeFormat("en-CA", { ...zone, year: "numeric", month: "2-digit", day: "2-digit" }),
  partsJa: new Intl.DateTimeFormat("ja-JP", { ...zone, year: "numeric", month: "numeric", day: "numeric", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
  partsEn: new Intl.DateTimeFormat("en-GB", { ...zone, year: "numeric", month: "short", day: "numeric", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
};

function instants(): Date[] {
  const out: Date[] = [];
  // every month of 1990–2040 at times either side of Tokyo midnight (15:00 UTC) and noon
  for (let year = 1990; year <= 2040; year += 1) {
    for (let month = 0; month < 12; month += 1) {
      for (const [day, hour, minute] of [[1, 14, 59], [1, 15, 0], [15, 3, 7], [28, 23, 59], [31, 15, 1]] as const) out.push(new Date(Date.UTC(year, month, day, hour, minute)));
    }
  }
  // and a pseudo-random spread, reproducible
  let seed = 42;
  for (let i = 0; i < 2000; i += 1) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    out.push(new Date(Date.UTC(1970, 0, 1) + (seed / 2 ** 31) * 80 * 365.25 * 86_400_000));
  }
  return out;
}

const part = (f: Intl.DateTimeFormat, at: Date, type: Intl.DateTimeFormatPartTypes) => f.formatToParts(at).find((p) => p.type === type)?.value;

describe("Tokyo time by arithmetic", () => {
  it("prints dates and date-times exactly as Intl does in Asia/Tokyo, in Japanese and English", () => {
    for (const at of instants()) {
      expect(formatDate(at, "ja")).toBe(intl.dateJa.format(at));
      expect(formatDate(at, "en")).toBe(intl.dateEn.format(at));
      expect(formatDateTime(at, "ja")).toBe(intl.dateTimeJa.format(at));
      expect(formatDateTime(at.toISOString(), "en")).toBe(intl.dateTimeEn.format(at));
      expect(todayInTokyo(at)).toBe(intl.iso.format(at));
      expect(formatTime(at, "ja")).toBe(`${part(intl.partsJa, at, "hour")}:${part(intl.partsJa, at, "minute")}`);
      expect(formatDay(at, "ja", true)).toBe(`${part(intl.partsJa, at, "year")}年${part(intl.partsJa, at, "month")}月${part(intl.partsJa, at, "day")}日（${part(intl.partsJa, at, "weekday")}）`);
      expect(formatDay(at, "en")).toBe(`${part(intl.partsEn, at, "weekday")} ${part(intl.partsEn, at, "day")} ${part(intl.partsEn, at, "month")}`);
    }
  });

  it("reads a calendar date 'YYYY-MM-DD' as that day in Tokyo, whatever the machine's zone", () => {
    expect(formatDate("2026-09-05", "ja")).toBe("2026年9月5日");
    expect(formatDate("2026-09-05", "en")).toBe("5 Sept 2026");
    expect(formatDay("2027-01-01", "ja")).toBe("1月1日（金）");
    expect(tokyoParts("2026-11-23")).toMatchObject({ year: 2026, month: 11, day: 23, weekday: 1, hour: 0, minute: 0 });
    expect(formatDate(null)).toBe("");
  });

  it("refuses an invalid date as Intl does, rather than printing NaN", () => {
    expect(() => formatDate("not a date")).toThrow(RangeError);
    expect(() => formatTime("2026-13-45T99:00:00Z", "ja")).toThrow(RangeError);
  });

  it("groups integers as Intl.NumberFormat('ja-JP') does", () => {
    const ja = new Intl.NumberFormat("ja-JP");
    for (const n of [0, 7, 12, 999, 1000, 1001, 12_345, 999_999, 1_000_000, 20_000, 123_456_789, -1, -1000, -987_654, Number.MAX_SAFE_INTEGER]) {
      expect(groupDigits(n)).toBe(ja.format(n));
    }
    expect(groupDigits(1234.5)).toBe(ja.format(1234.5));
  });
});
