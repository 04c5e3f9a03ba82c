import { describe, expect, it } from "vitest";
import { freeSlots, isoWeekday, openRanges, unionByStart, weekStart, type DateOverride, type FreeSlotsInput, type SlotProfile, type WeeklyRange } from "~/consultations/slots";

// Calendar used below (Asia/Tokyo): Fri 2026-11-20, Sat 21, Sun 22, Mon 23 = 勤労感謝の日, Tue 24, Wed 25, Thu 26.

const jst = (local: string) => new Date(`${local}:00+09:00`);

const profile: SlotProfile = {
  employee_id: 7,
  session_minutes: 50,
  buffer_minutes: 10,
  min_notice_business_days: 1,
  horizon_days: 60,
  max_per_day: 4,
};

const weekdays = (ranges: [string, string][]): WeeklyRange[] => [1, 2, 3, 4, 5].flatMap((weekday) => ranges.map(([starts, ends]) => ({ weekday, starts, ends })));
const everyDay = (ranges: [string, string][]): WeeklyRange[] => [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => ranges.map(([starts, ends]) => ({ weekday, starts, ends })));

const standardWeek = weekdays([
  ["09:00:00", "12:00:00"],
  ["13:00:00", "17:00:00"],
]);

function slots(overrides: Partial<FreeSlotsInput> & { day?: string; days?: [string, string] } = {}) {
  const [fromDay, toDay] = overrides.days ?? [overrides.day ?? "2026-11-25", overrides.day ?? "2026-11-25"];
  const input: FreeSlotsInput = {
    profile,
    weekly: standardWeek,
    overrides: [],
    bookings: [],
    now: jst("2026-11-16T10:00"),
    from: jst(`${fromDay}T00:00`),
    to: new Date(jst(`${toDay}T00:00`).getTime() + 24 * 3600_000),
    ...overrides,
  };
  return freeSlots(input);
}

/** 'YYYY-MM-DD HH:MM' in Tokyo for each slot start. */
const starts = (list: { startsAt: Date }[]) =>
  list.map((s) => {
    const local = new Date(s.startsAt.getTime() + 9 * 3600_000).toISOString();
    return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
  });
const times = (list: { startsAt: Date }[]) => starts(list).map((s) => s.slice(11));

describe("slot generation from weekly hours", () => {
  it("steps by session + buffer from each range start, in Asia/Tokyo, and a slot must end within its range", () => {
    const result = slots();
    expect(times(result)).toEqual(["09:00", "10:00", "11:00", "13:00", "14:00", "15:00", "16:00"]);
    expect(result[0]).toEqual({ counselorId: 7, startsAt: new Date("2026-11-25T00:00:00Z"), endsAt: new Date("2026-11-25T00:50:00Z") });
  });

  it("drops the last slot when it would end after the range, but does not need room for the trailing buffer", () => {
    expect(times(slots({ weekly: weekdays([["09:00", "11:30"]]) }))).toEqual(["09:00", "10:00"]);
    // 10:00–10:50 ends exactly at the range end: allowed, though its buffer would run past it.
    expect(times(slots({ weekly: weekdays([["09:00", "10:50"]]) }))).toEqual(["09:00", "10:00"]);
    expect(times(slots({ weekly: weekdays([["09:00", "10:49"]]) }))).toEqual(["09:00"]);
  });

  it("follows the session length and buffer of the profile", () => {
    expect(times(slots({ weekly: weekdays([["09:00", "11:30"]]), profile: { ...profile, buffer_minutes: 0 } }))).toEqual(["09:00", "09:50", "10:40"]);
    expect(times(slots({ weekly: weekdays([["09:00", "12:00"]]), profile: { ...profile, session_minutes: 30, buffer_minutes: 15 } }))).toEqual(["09:00", "09:45", "10:30", "11:15"]);
  });

  it("offers nothing on a weekday without hours, and nothing at all when the counsellor is not accepting", () => {
    expect(slots({ day: "2026-11-28" })).toEqual([]); // Saturday
    expect(slots({ profile: { ...profile, accepting: false } })).toEqual([]);
  });
});

describe("buffers against existing bookings", () => {
  it("removes the slot a booking occupies and keeps the neighbours its buffer does not reach", () => {
    const booked = { starts_at: jst("2026-11-25T10:00"), blocked_until: jst("2026-11-25T11:00") };
    expect(times(slots({ bookings: [booked] }))).toEqual(["09:00", "11:00", "13:00", "14:00", "15:00", "16:00"]);
  });

  it("removes a slot that overlaps a booking's buffer (the booking's [starts_at, blocked_until))", () => {
    // Booked 09:10–10:00 with its buffer to 10:10: the 10:00 slot starts inside the buffer.
    const booked = { starts_at: jst("2026-11-25T09:10"), blocked_until: jst("2026-11-25T10:10") };
    expect(times(slots({ bookings: [booked] })).slice(0, 2)).toEqual(["11:00", "13:00"]);
  });

  it("removes a slot whose own buffer would run into a booking", () => {
    // 10:00–10:50 is free, but its buffer to 11:00 overlaps a booking starting 10:55.
    const booked = { starts_at: jst("2026-11-25T10:55"), blocked_until: jst("2026-11-25T11:55") };
    expect(times(slots({ bookings: [booked] }))).toEqual(["09:00", "13:00", "14:00", "15:00", "16:00"]);
    // With no buffer, 10:00–10:50 fits before 10:55.
    expect(times(slots({ bookings: [booked], profile: { ...profile, buffer_minutes: 0 } })).slice(0, 3)).toEqual(["09:00", "09:50", "13:00"]);
  });

  it("lets a slot start exactly when a booking's buffer ends (half-open ranges)", () => {
    const booked = { starts_at: jst("2026-11-25T09:00"), blocked_until: jst("2026-11-25T10:00") };
    expect(times(slots({ bookings: [booked] }))[0]).toBe("10:00");
  });
});

describe("minimum notice in business days", () => {
  it("1 business day: nothing today; tomorrow when tomorrow is a business day", () => {
    const now = jst("2026-11-24T08:00"); // Tue, before any slot of the day
    const result = slots({ now, days: ["2026-11-24", "2026-11-25"] });
    expect(starts(result)[0]).toBe("2026-11-25 09:00");
    expect(starts(result).some((s) => s.startsWith("2026-11-24"))).toBe(false);
  });

  it("across a weekend and a holiday: on Friday the earliest day is Tuesday (Sat, Sun and 勤労感謝の日 skipped)", () => {
    // The counsellor even has weekend hours; those days are before the notice date.
    const now = jst("2026-11-20T10:00");
    const result = slots({ now, weekly: everyDay([["09:00", "12:00"]]), days: ["2026-11-20", "2026-11-25"] });
    expect(starts(result)[0]).toBe("2026-11-24 09:00");
    expect(new Set(starts(result).map((s) => s.slice(0, 10)))).toEqual(new Set(["2026-11-24", "2026-11-25"]));
  });

  it("on Thursday the earliest day is Friday", () => {
    const result = slots({ now: jst("2026-11-19T15:00"), days: ["2026-11-19", "2026-11-24"] });
    expect(starts(result)[0]).toBe("2026-11-20 09:00");
  });

  it("2 business days from Friday is Wednesday; 0 means later today only", () => {
    const fromFriday = slots({ now: jst("2026-11-20T10:00"), profile: { ...profile, min_notice_business_days: 2 }, days: ["2026-11-20", "2026-11-26"] });
    expect(starts(fromFriday)[0]).toBe("2026-11-25 09:00");
    const sameDay = slots({ now: jst("2026-11-25T10:30"), profile: { ...profile, min_notice_business_days: 0 } });
    expect(times(sameDay)).toEqual(["11:00", "13:00", "14:00", "15:00", "16:00"]);
  });
});

describe("booking horizon", () => {
  it("offers slots starting before now + horizon_days only", () => {
    const now = jst("2026-11-16T10:00");
    const result = slots({ now, profile: { ...profile, horizon_days: 10 }, days: ["2026-11-25", "2026-11-27"] });
    // now + 10 days = Thu 2026-11-26 10:00: the 09:00 slot that day is in, 10:00 is not.
    expect(starts(result).filter((s) => s.startsWith("2026-11-26"))).toEqual(["2026-11-26 09:00"]);
    expect(starts(result).some((s) => s.startsWith("2026-11-27"))).toBe(false);
    expect(starts(result).filter((s) => s.startsWith("2026-11-25"))).toHaveLength(7);
  });
});

describe("public holidays and the year-end break", () => {
  it("has no slots on 2026-11-23 勤労感謝の日 although Mondays have hours", () => {
    const result = slots({ days: ["2026-11-23", "2026-11-24"] });
    expect(starts(result).some((s) => s.startsWith("2026-11-23"))).toBe(false);
    expect(starts(result).filter((s) => s.startsWith("2026-11-24"))).toHaveLength(7);
    // Control: the Monday after does have slots.
    expect(slots({ day: "2026-11-30" })).toHaveLength(7);
  });

  it("has no slots from 12/29 to 1/3, and resumes on 2027-01-04", () => {
    const result = slots({ now: jst("2026-12-20T10:00"), days: ["2026-12-28", "2027-01-04"] });
    const daysWithSlots = [...new Set(starts(result).map((s) => s.slice(0, 10)))];
    expect(daysWithSlots).toEqual(["2026-12-28", "2027-01-04"]);
  });

  it("an explicit extra range opens a holiday", () => {
    const extra: DateOverride = { on_date: "2026-11-23", kind: "extra", starts: "10:00:00", ends: "12:00:00" };
    expect(starts(slots({ day: "2026-11-23", overrides: [extra] }))).toEqual(["2026-11-23 10:00", "2026-11-23 11:00"]);
  });
});

describe("date exceptions", () => {
  it("a whole day off removes every slot of that date only", () => {
    const off: DateOverride = { on_date: "2026-11-25", kind: "off", starts: null, ends: null };
    const result = slots({ overrides: [off], days: ["2026-11-25", "2026-11-26"] });
    expect(starts(result).some((s) => s.startsWith("2026-11-25"))).toBe(false);
    expect(starts(result).filter((s) => s.startsWith("2026-11-26"))).toHaveLength(7);
  });

  it("a partial day off splits the range; slots restart at the end of the time off", () => {
    const off: DateOverride = { on_date: "2026-11-25", kind: "off", starts: "09:30:00", ends: "10:30:00" };
    // 09:00–09:30 is too short for 50 minutes; 10:30–12:00 gives 10:30 (to 11:20) only; the afternoon is untouched.
    expect(times(slots({ overrides: [off] }))).toEqual(["10:30", "13:00", "14:00", "15:00", "16:00"]);
  });

  it("extra hours add slots, also on a day without weekly hours", () => {
    const evening: DateOverride = { on_date: "2026-11-25", kind: "extra", starts: "18:00:00", ends: "20:00:00" };
    expect(times(slots({ overrides: [evening] })).slice(-2)).toEqual(["18:00", "19:00"]);
    const saturday: DateOverride = { on_date: "2026-11-28", kind: "extra", starts: "10:00:00", ends: "11:00:00" };
    expect(starts(slots({ day: "2026-11-28", overrides: [saturday] }))).toEqual(["2026-11-28 10:00"]);
  });

  it("extra hours that touch a weekly range extend it (one range, one step grid)", () => {
    const lunch: DateOverride = { on_date: "2026-11-25", kind: "extra", starts: "12:00:00", ends: "13:00:00" };
    expect(times(slots({ overrides: [lunch] }))).toEqual(["09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00"]);
    expect(openRanges("2026-11-25", standardWeek, [lunch])).toEqual([[540, 1020]]);
  });

  it("exceptions of other dates change nothing", () => {
    const off: DateOverride = { on_date: "2026-11-26", kind: "off", starts: null, ends: null };
    expect(slots({ overrides: [off] })).toHaveLength(7);
  });
});

describe("maximum sessions per day", () => {
  const booking = (from: string, to: string) => ({ starts_at: jst(`2026-11-25T${from}`), blocked_until: jst(`2026-11-25T${to}`) });

  it("offers nothing on a day that already has max_per_day bookings", () => {
    const two = [booking("09:00", "10:00"), booking("13:00", "14:00")];
    const result = slots({ bookings: two, profile: { ...profile, max_per_day: 2 }, days: ["2026-11-25", "2026-11-26"] });
    expect(starts(result).some((s) => s.startsWith("2026-11-25"))).toBe(false);
    expect(starts(result).filter((s) => s.startsWith("2026-11-26"))).toHaveLength(7);
  });

  it("below the maximum the day stays open (minus the booked times)", () => {
    const result = slots({ bookings: [booking("09:00", "10:00")], profile: { ...profile, max_per_day: 2 } });
    expect(times(result)).toEqual(["10:00", "11:00", "13:00", "14:00", "15:00", "16:00"]);
  });

  it("counts bookings by their date in Asia/Tokyo", () => {
    // 2026-11-24T23:30Z is 08:30 on the 25th in Tokyo.
    const early = { starts_at: new Date("2026-11-24T23:30:00Z"), blocked_until: new Date("2026-11-24T23:59:00Z") };
    expect(slots({ bookings: [early], profile: { ...profile, max_per_day: 1 } })).toEqual([]);
  });
});

describe("helpers", () => {
  it("weekStart is the Monday; isoWeekday is 1–7", () => {
    expect(weekStart("2026-11-25")).toBe("2026-11-23");
    expect(weekStart("2026-11-29")).toBe("2026-11-23");
    expect(weekStart("2026-11-23")).toBe("2026-11-23");
    expect(isoWeekday("2026-11-29")).toBe(7);
  });

  it("unionByStart keeps one slot per time, from the counsellor with the lowest id", () => {
    const at = new Date("2026-11-25T01:00:00Z");
    const later = new Date("2026-11-25T02:00:00Z");
    const union = unionByStart([
      { counselorId: 9, startsAt: later, endsAt: later },
      { counselorId: 9, startsAt: at, endsAt: at },
      { counselorId: 3, startsAt: at, endsAt: at },
    ]);
    expect(union.map((s) => [s.counselorId, s.startsAt.toISOString()])).toEqual([
      [3, at.toISOString()],
      [9, later.toISOString()],
    ]);
  });
});
