import {
  addBusinessDays,
  addDays,
  dayOfWeek,
  isYearEndBreak,
  publicHolidayName,
  tokyoDate,
  tokyoMidnight,
  type IsoDate,
} from "../calendar/business-days";

// Free consultation slots of one counsellor. PURE: everything it needs is passed in (profile, weekly hours, date
// exceptions, existing bookings, the clock), so the page, the booking command's re-validation and the tests all
// agree. All wall-clock times are Asia/Tokyo (no daylight saving time).
//
// The rules, in order, for each calendar date in [from, to):
//   1. the weekly ranges of that ISO weekday — none on a national holiday or in the year-end break (12/29–1/3);
//   2. minus the 'off' exceptions of the date (the whole day when the exception has no times, else that range);
//   3. plus the 'extra' ranges of the date (an explicit exception, so it also opens a holiday);
//   4. slots of session_minutes, starting at each range start and stepping by session + buffer; a slot must end
//      within its range;
//   5. minus slots whose [start, end + buffer) overlaps an existing booking's [starts_at, blocked_until) — the
//      same test the database's exclusion constraint applies to the new row;
//   6. minimum notice: the slot's date is on or after the min_notice_business_days-th business day after today,
//      and the slot starts after now;
//   7. horizon: the slot starts before now + horizon_days;
//   8. a day that already has max_per_day bookings offers nothing more.

export interface SlotProfile {
  /** counselor_profiles.employee_id */
  employee_id: number;
  session_minutes: number;
  buffer_minutes: number;
  min_notice_business_days: number;
  horizon_days: number;
  max_per_day: number;
  /** false: the counsellor takes no new bookings (defaults to true). */
  accepting?: boolean;
}

export interface WeeklyRange {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** 'HH:MM' or 'HH:MM:SS' (PostgreSQL `time`). */
  starts: string;
  ends: string;
}

export interface DateOverride {
  on_date: IsoDate;
  kind: "off" | "extra";
  starts: string | null;
  ends: string | null;
}

/** A non-cancelled booking of the counsellor. */
export interface BusyBooking {
  starts_at: Date | string;
  blocked_until: Date | string;
}

export interface Slot {
  counselorId: number;
  startsAt: Date;
  endsAt: Date;
}

export interface FreeSlotsInput {
  profile: SlotProfile;
  weekly: WeeklyRange[];
  overrides: DateOverride[];
  bookings: BusyBooking[];
  now: Date;
  /** Slots starting at or after this instant … */
  from: Date;
  /** … and before this one. */
  to: Date;
}

const MINUTE = 60_000;

/** Minutes after midnight of 'HH:MM' or 'HH:MM:SS'; '24:00' is allowed as an end. */
export function minutesOf(time: string): number {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(time.trim());
  if (!match) throw new Error(`Not a time of day: "${time}"`);
  return Number(match[1]) * 60 + Number(match[2]) + (match[3] ? Number(match[3]) / 60 : 0);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  return dayOfWeek(date) === 0 ? 7 : dayOfWeek(date);
}

/** The Monday of the week containing `date`. */
export function weekStart(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** A national holiday or the year-end break: no weekly hours that day. */
export function isClosedDay(date: IsoDate): boolean {
  return publicHolidayName(date) !== null || isYearEndBreak(date);
}

type Range = [start: number, end: number]; // minutes after midnight, end exclusive

function normalise(ranges: Range[]): Range[] {
  const sorted = ranges.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Range[] = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

function subtract(ranges: Range[], cut: Range): Range[] {
  const out: Range[] = [];
  for (const [s, e] of ranges) {
    if (cut[1] <= s || cut[0] >= e) {
      out.push([s, e]);
      continue;
    }
    if (cut[0] > s) out.push([s, cut[0]]);
    if (cut[1] < e) out.push([cut[1], e]);
  }
  return out;
}

/** Weekly hours by ISO weekday (index 1–7), in minutes, merged and sorted: parsed once per computation. */
function weeklyByWeekday(weekly: WeeklyRange[]): Range[][] {
  const byDay: Range[][] = Array.from({ length: 8 }, () => []);
  for (const w of weekly) byDay[w.weekday]?.push([minutesOf(w.starts), minutesOf(w.ends)]);
  return byDay.map(normalise);
}

/** The open ranges of one date after weekly hours, holidays and exceptions (rules 1–3), merged and sorted. */
export function openRanges(date: IsoDate, weekly: WeeklyRange[], overrides: DateOverride[]): Range[] {
  return openRangesOf(date, weeklyByWeekday(weekly), overrides.filter((o) => o.on_date === date));
}

/** openRanges with the weekly hours already by weekday and only this date's exceptions. Never changes `weeklyByDay`. */
function openRangesOf(date: IsoDate, weeklyByDay: Range[][], todays: DateOverride[]): Range[] {
  let ranges: Range[] = isClosedDay(date) ? [] : weeklyByDay[isoWeekday(date)];
  if (todays.length === 0) return ranges;
  for (const off of todays.filter((o) => o.kind === "off")) {
    ranges = off.starts === null || off.ends === null ? [] : subtract(ranges, [minutesOf(off.starts), minutesOf(off.ends)]);
  }
  const extras = todays.filter((o) => o.kind === "extra" && o.starts !== null && o.ends !== null).map((o): Range => [minutesOf(o.starts!), minutesOf(o.ends!)]);
  return normalise([...ranges, ...extras]);
}

const time = (value: Date | string) => (value instanceof Date ? value.getTime() : new Date(value).getTime());

/** The earliest calendar date on which a slot may be booked as of `now` (rule 6). */
export function earliestBookableDate(now: Date, minNoticeBusinessDays: number): IsoDate {
  return addBusinessDays(tokyoDate(now), minNoticeBusinessDays);
}

export function freeSlots(input: FreeSlotsInput): Slot[] {
  const { profile, now } = input;
  if (profile.accepting === false) return [];
  const session = profile.session_minutes * MINUTE;
  const buffer = profile.buffer_minutes * MINUTE;
  const step = session + buffer;
  if (session <= 0) return [];

  const earliestDate = earliestBookableDate(now, profile.min_notice_business_days);
  const horizonEnd = now.getTime() + profile.horizon_days * 24 * 60 * MINUTE;
  const fromMs = Math.max(input.from.getTime(), now.getTime());
  const toMs = Math.min(input.to.getTime(), horizonEnd);
  if (toMs <= fromMs) return [];

  const busy = input.bookings.map((b) => ({ start: time(b.starts_at), end: time(b.blocked_until), date: tokyoDate(new Date(time(b.starts_at))) }));
  const perDay = new Map<IsoDate, number>();
  for (const b of busy) perDay.set(b.date, (perDay.get(b.date) ?? 0) + 1);

  const weeklyByDay = weeklyByWeekday(input.weekly);
  const overridesByDate = new Map<IsoDate, DateOverride[]>();
  for (const o of input.overrides) overridesByDate.set(o.on_date, [...(overridesByDate.get(o.on_date) ?? []), o]);

  const slots: Slot[] = [];
  const lastDate = tokyoDate(new Date(toMs - 1));
  let date = tokyoDate(new Date(fromMs));
  if (date < earliestDate) date = earliestDate;
  for (; date <= lastDate; date = addDays(date, 1)) {
    if ((perDay.get(date) ?? 0) >= profile.max_per_day) continue;
    const midnight = tokyoMidnight(date);
    for (const [rangeStart, rangeEnd] of openRangesOf(date, weeklyByDay, overridesByDate.get(date) ?? [])) {
      const endOfRange = midnight + rangeEnd * MINUTE;
      for (let start = midnight + rangeStart * MINUTE; start + session <= endOfRange; start += step) {
        if (start < fromMs || start <= now.getTime() || start >= toMs) continue;
        const end = start + session;
        const blockedUntil = end + buffer;
        if (busy.some((b) => start < b.end && b.start < blockedUntil)) continue;
        slots.push({ counselorId: profile.employee_id, startsAt: new Date(start), endsAt: new Date(end) });
      }
    }
  }
  return slots;
}

/**
 * 指定なし: one entry per start time, taken by the free counsellor with the lowest id (deterministic), sorted by
 * time. `slots` may come from several counsellors in any order.
 */
export function unionByStart(slots: Slot[]): Slot[] {
  const byStart = new Map<number, Slot>();
  for (const slot of slots) {
    const key = slot.startsAt.getTime();
    const current = byStart.get(key);
    if (!current || slot.counselorId < current.counselorId) byStart.set(key, slot);
  }
  return [...byStart.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** Slots grouped by their Asia/Tokyo calendar date, in time order. */
export function groupByTokyoDate<T extends { startsAt: Date | string }>(slots: T[]): Map<IsoDate, T[]> {
  const days = new Map<IsoDate, T[]>();
  for (const slot of [...slots].sort((a, b) => time(a.startsAt) - time(b.startsAt))) {
    const date = tokyoDate(new Date(time(slot.startsAt)));
    const list = days.get(date) ?? [];
    list.push(slot);
    days.set(date, list);
  }
  return days;
}
