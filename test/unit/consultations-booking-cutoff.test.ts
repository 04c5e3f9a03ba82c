import { describe, expect, it } from "vitest";
import { canEmployeeChange, changeCutoff, previousBusinessDay, reminderRunAt } from "~/consultations/cutoff";

const jst = (local: string) => new Date(`${local}:00+09:00`);

describe("change cutoff: 17:00 (Asia/Tokyo) on the previous business day", () => {
  it("a Wednesday session: Tuesday 17:00", () => {
    expect(changeCutoff(jst("2026-11-25T10:00"))).toEqual(jst("2026-11-24T17:00"));
  });

  it("across a weekend: a Monday session → Friday 17:00", () => {
    expect(changeCutoff(jst("2026-11-30T09:00"))).toEqual(jst("2026-11-27T17:00"));
  });

  it("across a weekend and a holiday: Tuesday 2026-11-24 (Mon 11-23 is 勤労感謝の日) → Friday 11-20 17:00", () => {
    expect(previousBusinessDay("2026-11-24")).toBe("2026-11-20");
    expect(changeCutoff(jst("2026-11-24T13:00"))).toEqual(jst("2026-11-20T17:00"));
  });

  it("across the year-end break: 2027-01-04 → 2026-12-28 17:00", () => {
    expect(changeCutoff(jst("2027-01-04T10:00"))).toEqual(jst("2026-12-28T17:00"));
  });

  it("uses the session's date in Tokyo, not in UTC", () => {
    // 2026-11-25T00:30Z is 09:30 on Wednesday in Tokyo (still the 25th in UTC too); 2026-11-24T23:30Z is 08:30 Wed in Tokyo.
    expect(changeCutoff(new Date("2026-11-24T23:30:00Z"))).toEqual(jst("2026-11-24T17:00"));
  });

  it("allows changes strictly before the cutoff", () => {
    const session = jst("2026-11-24T13:00");
    expect(canEmployeeChange(session, jst("2026-11-20T16:59"))).toBe(true);
    expect(canEmployeeChange(session, jst("2026-11-20T17:00"))).toBe(false);
    expect(canEmployeeChange(session, jst("2026-11-23T10:00"))).toBe(false);
  });
});

describe("reminder time", () => {
  it("is 09:00 Tokyo on the calendar day before", () => {
    expect(reminderRunAt(jst("2026-11-25T10:00"), jst("2026-11-16T12:00"))).toEqual(jst("2026-11-24T09:00"));
    // the day before, not the business day before
    expect(reminderRunAt(jst("2026-11-24T10:00"), jst("2026-11-16T12:00"))).toEqual(jst("2026-11-23T09:00"));
  });

  it("is now when 09:00 the day before has passed but the session is more than 2 hours away", () => {
    const now = jst("2026-11-24T12:00");
    expect(reminderRunAt(jst("2026-11-25T10:00"), now)).toEqual(now);
  });

  it("is null when the session is 2 hours away or less", () => {
    expect(reminderRunAt(jst("2026-11-25T10:00"), jst("2026-11-25T08:00"))).toBeNull();
    expect(reminderRunAt(jst("2026-11-25T10:00"), jst("2026-11-25T07:59"))).toEqual(jst("2026-11-25T07:59"));
  });
});
