import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  addDays,
  businessDaysBetween,
  businessDaysLaterAt,
  calendarDaysBetween,
  dayOfWeek,
  elapsedSince,
  isBusinessDay,
  isWeekend,
  isYearEndBreak,
  publicHolidayName,
  tokyoDate,
  tokyoDateTime,
  tokyoMidnight,
} from "~/calendar/business-days";

describe("business days (行政機関の休日)", () => {
  it("treats Saturdays and Sundays as closed", () => {
    expect(isWeekend("2026-11-21")).toBe(true); // 土
    expect(isWeekend("2026-11-22")).toBe(true); // 日
    expect(isBusinessDay("2026-11-21")).toBe(false);
    expect(isBusinessDay("2026-11-22")).toBe(false);
    expect(isBusinessDay("2026-11-20")).toBe(true); // 金
    expect(isBusinessDay("2026-11-24")).toBe(true); // 火
  });

  it("treats national holidays as closed: 2026-11-23 勤労感謝の日 (a Monday)", () => {
    expect(publicHolidayName("2026-11-23")).toBe("勤労感謝の日");
    expect(publicHolidayName("2026-11-23", "en")).toBe("Labor Thanksgiving Day");
    expect(isWeekend("2026-11-23")).toBe(false);
    expect(isBusinessDay("2026-11-23")).toBe(false);
    expect(publicHolidayName("2026-11-24")).toBeNull();
  });

  it("treats substitute holidays (振替休日) as closed", () => {
    // 2026-05-03 憲法記念日 falls on a Sunday; Wednesday 05-06 is the 振替休日.
    expect(publicHolidayName("2026-05-06")).toContain("振替休日");
    expect(isBusinessDay("2026-05-06")).toBe(false);
    expect(isBusinessDay("2026-05-07")).toBe(true);
  });

  it("treats the year-end break 12/29–1/3 as closed, although they are not national holidays", () => {
    expect(isBusinessDay("2026-12-28")).toBe(true); // 月: 仕事納め
    for (const day of ["2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03"]) {
      expect(isYearEndBreak(day)).toBe(true);
      expect(isBusinessDay(day)).toBe(false);
    }
    expect(publicHolidayName("2026-12-29")).toBeNull();
    expect(isBusinessDay("2027-01-04")).toBe(true); // 月: 仕事始め
    expect(addBusinessDays("2026-12-28", 1)).toBe("2027-01-04");
    expect(businessDaysBetween("2026-12-25", "2027-01-05")).toBe(3); // 12/28, 1/4, 1/5
  });

  it("counts business days forward, skipping a weekend and a holiday", () => {
    // Fri 11-20 + 3 business days: Sat, Sun, Mon (holiday) skipped → Tue 24, Wed 25, Thu 26.
    expect(addBusinessDays("2026-11-20", 3)).toBe("2026-11-26");
    expect(addBusinessDays("2026-11-20", 1)).toBe("2026-11-24");
    expect(addBusinessDays("2026-11-20", 0)).toBe("2026-11-20");
    // Counting starts after the given day even when that day is closed.
    expect(addBusinessDays("2026-11-22", 1)).toBe("2026-11-24");
    // A plain week: Mon 11-30 + 3 → Thu 12-03.
    expect(addBusinessDays("2026-11-30", 3)).toBe("2026-12-03");
    expect(() => addBusinessDays("2026-11-20", -1)).toThrow();
  });

  it("counts business days elapsed between two dates (exclusive start, inclusive end)", () => {
    expect(businessDaysBetween("2026-11-20", "2026-11-23")).toBe(0);
    expect(businessDaysBetween("2026-11-20", "2026-11-24")).toBe(1);
    expect(businessDaysBetween("2026-11-20", "2026-11-26")).toBe(3);
    expect(businessDaysBetween("2026-11-26", "2026-11-20")).toBe(0);
    expect(calendarDaysBetween("2026-11-20", "2026-11-26")).toBe(6);
    expect(calendarDaysBetween("2026-12-31", "2027-01-01")).toBe(1);
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
  });

  it("works in Asia/Tokyo dates whatever the host's zone", () => {
    expect(tokyoDate(new Date("2026-11-20T14:59:59Z"))).toBe("2026-11-20"); // 23:59:59 JST
    expect(tokyoDate(new Date("2026-11-20T15:00:00Z"))).toBe("2026-11-21"); // 00:00 JST
    expect(tokyoDateTime("2026-11-26", "09:00").toISOString()).toBe("2026-11-26T00:00:00.000Z");
  });

  it("places a follow-up at 09:00 JST on the 3rd business day", () => {
    const submitted = new Date("2026-11-20T16:30:00+09:00"); // Fri afternoon
    expect(businessDaysLaterAt(submitted, 3).toISOString()).toBe("2026-11-26T00:00:00.000Z"); // Thu 09:00 JST
    // Late on Friday night in UTC terms is already Saturday in Tokyo: still counts from Saturday.
    const saturdayTokyo = new Date("2026-11-20T15:30:00Z");
    expect(businessDaysLaterAt(saturdayTokyo, 3).toISOString()).toBe("2026-11-26T00:00:00.000Z");
    // Before the year-end break: Fri 12-25 → Mon 12-28, Mon 1-4, Tue 1-5.
    expect(businessDaysLaterAt(new Date("2026-12-25T10:00:00+09:00"), 3, "09:00").toISOString()).toBe("2027-01-05T00:00:00.000Z");
  });

  it("describes waiting time in calendar and business days", () => {
    const submitted = new Date("2026-11-20T10:00:00+09:00");
    expect(elapsedSince(submitted, new Date("2026-11-20T18:00:00+09:00"))).toEqual({ calendarDays: 0, businessDays: 0 });
    expect(elapsedSince(submitted, new Date("2026-11-23T09:00:00+09:00"))).toEqual({ calendarDays: 3, businessDays: 0 });
    expect(elapsedSince(submitted, new Date("2026-11-25T09:00:00+09:00"))).toEqual({ calendarDays: 5, businessDays: 2 });
  });

  it("refuses malformed dates, every time they are asked (only valid dates are remembered)", () => {
    for (let i = 0; i < 2; i++) {
      expect(() => isBusinessDay("2026/11/20")).toThrow();
      expect(() => isYearEndBreak("12-29-2026")).toThrow();
      expect(() => publicHolidayName("2026-11-2")).toThrow();
      expect(() => addDays("tomorrow", 1)).toThrow();
    }
    expect(() => tokyoDateTime("2026-11-20", "9:00")).toThrow();
  });

  it("gives the weekday of any date, before 1970 too, and the same answers when asked again", () => {
    const known: [string, number][] = [["2026-11-22", 0], ["2026-11-23", 1], ["2026-11-28", 6], ["1970-01-01", 4], ["1969-12-31", 3], ["1900-01-01", 1], ["2100-03-01", 1]];
    for (let i = 0; i < 2; i++) for (const [date, day] of known) expect([date, dayOfWeek(date)]).toEqual([date, day]);
    expect(addDays("1969-12-31", 1)).toBe("1970-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
  });

  it("gives the instant a Tokyo date begins", () => {
    expect(new Date(tokyoMidnight("2026-11-23")).toISOString()).toBe("2026-11-22T15:00:00.000Z");
    expect(tokyoMidnight("2026-11-23")).toBe(tokyoDateTime("2026-11-23").getTime());
  });
});
