import { beforeAll, describe, expect, it } from "vitest";
import { addDays, isBusinessDay, tokyoDate, tokyoDateTime } from "~/calendar/business-days";
import { counselorsAndFutureBookings, countFutureBookings, listCounselors, loadFreeSlots, loadWeek, readAheadWindow } from "~/consultations/booking-queries.server";
import { bookConsultation } from "~/consultations/booking.server";
import { weekStart, type Slot } from "~/consultations/slots";
import { loader as bookLoader } from "~/routes/consultations.book";
import { useTestDatabase } from "../helpers/db";
import { request, respond, sessionCookie } from "../helpers/factories";
import { at, bookingInput, buildBookingWorld, businessDay, type BookingWorld } from "./consultations-booking-fixtures";

// The booking page computes only the week it shows (and, when that week is empty, the weeks after it one at a
// time). These tests hold it to the figures of the former computation — every free slot of the whole horizon,
// then the week of the first one, the slots of the shown week and the first free time after it — restated
// here with loadFreeSlots over the whole horizon, on a calendar with empty weeks, a full day, the employee's own
// booking and an extra opening on a Saturday.

const t = useTestDatabase();
let w: BookingWorld;
let employeeId: number;
let firstWeek: string;
/** The first business day on or after week 3's Monday (the first week with free times), and the one after it. */
let fullDay: string;
let ownDay: string;

const businessDayFrom = (date: string) => {
  let day = date;
  while (!isBusinessDay(day)) day = addDays(day, 1);
  return day;
};

const offDays = async (counselorIds: number[], from: string, days: number) => {
  const rows = counselorIds.flatMap((counselor_id) => Array.from({ length: days }, (_, i) => ({ counselor_id, on_date: addDays(from, i), kind: "off" as const })));
  await t.db.insertInto("counselor_date_overrides").values(rows).execute();
};

beforeAll(async () => {
  w = await buildBookingWorld(t.db);
  employeeId = (await w.newEmployee("予約 する人")).id;
  const both = [w.counselorA.id, w.counselorB.id];
  firstWeek = weekStart(businessDay(1));
  // Nobody receives in the first two bookable weeks, nor in week 5.
  await offDays(both, firstWeek, 14);
  await offDays(both, addDays(firstWeek, 28), 7);
  // From week 3: counsellor A's first business day is full (4 bookings by 4 people); the employee has a session
  // with B on the next one.
  fullDay = businessDayFrom(addDays(firstWeek, 14));
  ownDay = businessDayFrom(addDays(fullDay, 1));
  for (const time of ["09:00", "10:00", "13:00", "14:00"]) {
    const someone = await w.newEmployee();
    await bookConsultation(t.db, bookingInput({ counselorId: w.counselorA.id, startsAt: at(fullDay, time) }), { actorId: someone.id });
  }
  await bookConsultation(t.db, bookingInput({ counselorId: w.counselorB.id, startsAt: at(ownDay, "10:00") }), { actorId: employeeId });
  // Week 4: A also opens on Saturday morning.
  await t.db.insertInto("counselor_date_overrides").values({ counselor_id: w.counselorA.id, on_date: addDays(firstWeek, 26), kind: "extra", starts: "09:00", ends: "12:00" }).execute();
});

const iso = (slots: Slot[]) => slots.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), counselorId: s.counselorId }));

/** The former figures: every free slot of the horizon first, then the week. */
async function reference(input: { counselorId: number | null; week: string | null; now: Date; lastWeek: string; shownWeek: string }) {
  const horizonEnd = tokyoDateTime(addDays(input.lastWeek, 7));
  const common = { counselorId: input.counselorId, now: input.now, employeeId };
  const upcoming = await loadFreeSlots(t.db, { ...common, from: input.now, to: horizonEnd });
  const monday = input.week === null ? (upcoming.length ? weekStart(tokyoDate(upcoming[0].startsAt)) : firstWeek) : input.shownWeek;
  const from = tokyoDateTime(monday);
  const to = tokyoDateTime(addDays(monday, 7));
  const slots = await loadFreeSlots(t.db, { ...common, from, to });
  const later = slots.length === 0 ? await loadFreeSlots(t.db, { ...common, from: to, to: horizonEnd }) : [];
  return { monday, slots: iso(slots), nextFree: later[0] ? iso([later[0]])[0] : null };
}

describe("the week shown on the booking page", () => {
  it("is the week of the first free slot, skipping empty weeks, with the same slots as before", async () => {
    const now = new Date();
    for (const counselorId of [null, w.counselorA.id, w.counselorB.id]) {
      const week = await loadWeek(t.db, { counselorId, week: null, now, employeeId, locale: "ja" });
      expect(week.firstWeek).toBe(firstWeek);
      const expected = await reference({ counselorId, week: null, now, lastWeek: week.lastWeek, shownWeek: week.weekStart });
      expect(week.weekStart, `counselor ${counselorId}`).toBe(expected.monday);
      expect(week.weekStart).toBe(weekStart(fullDay));
      expect(week.days.flatMap((d) => d.slots.map(({ counselorName: _name, ...s }) => s))).toEqual(expected.slots);
      expect(week.nextFree).toBeNull();
    }
  });

  it("every week of the horizon, for 指定なし and each counsellor: the same free slots and the same next free time", async () => {
    const now = new Date();
    const accepting = (await listCounselors(t.db, { now })).filter((c) => c.id !== employeeId);
    let emptyWithNext = 0;
    for (const counselorId of [null, w.counselorA.id, w.counselorB.id]) {
      const first = await loadWeek(t.db, { counselorId, week: null, now, employeeId, locale: "ja" });
      for (let monday = addDays(firstWeek, -7); monday <= addDays(first.lastWeek, 7); monday = addDays(monday, 7)) {
        const week = await loadWeek(t.db, { counselorId, week: monday, now, employeeId, locale: "ja" });
        // the booking page hands over the counsellors it has just listed instead: the same week
        expect(await loadWeek(t.db, { counselorId, week: monday, now, employeeId, locale: "ja", accepting: accepting.map((c) => c.rules) }), `${counselorId} ${monday}`).toEqual(week);
        const expected = await reference({ counselorId, week: monday, now, lastWeek: first.lastWeek, shownWeek: week.weekStart });
        const shown = week.days.flatMap((d) => d.slots.map(({ counselorName: _name, ...s }) => s));
        expect(shown, `${counselorId} ${monday}`).toEqual(expected.slots);
        expect(week.nextFree && { startsAt: week.nextFree.startsAt, endsAt: week.nextFree.endsAt, counselorId: week.nextFree.counselorId }, `${counselorId} ${monday}`).toEqual(expected.nextFree);
        if (shown.length === 0 && week.nextFree) emptyWithNext += 1;
      }
    }
    // The calendar above does exercise the search after an empty week.
    expect(emptyWithNext).toBeGreaterThanOrEqual(6);
  });

  it("the figures the calendar was built for: the full day, the employee's own session, the Saturday opening", async () => {
    const now = new Date();
    const any = await loadWeek(t.db, { counselorId: null, week: fullDay, now, employeeId, locale: "ja" });
    const full = any.days.find((d) => d.date === fullDay)!;
    // A's day is full: 指定なし offers B at every time.
    expect(full.slots.length).toBeGreaterThan(0);
    expect(new Set(full.slots.map((s) => s.counselorId))).toEqual(new Set([w.counselorB.id]));
    const own = (await loadWeek(t.db, { counselorId: null, week: ownDay, now, employeeId, locale: "ja" })).days.find((d) => d.date === ownDay)!;
    expect(own.slots.map((s) => s.startsAt)).toContain(at(ownDay, "09:00").toISOString());
    expect(own.slots.map((s) => s.startsAt)).not.toContain(at(ownDay, "10:00").toISOString());
    const saturday = (await loadWeek(t.db, { counselorId: w.counselorA.id, week: addDays(firstWeek, 21), now, employeeId, locale: "ja" })).days[5];
    expect(saturday.slots.map((s) => s.startsAt)).toEqual(["09:00", "10:00", "11:00"].map((time) => at(saturday.date, time).toISOString()));
    // Week 5 is closed: the next free time is at 9:00 on the first business day after it.
    const closed = await loadWeek(t.db, { counselorId: null, week: addDays(firstWeek, 28), now, employeeId, locale: "ja" });
    expect(closed.days.every((d) => d.slots.length === 0)).toBe(true);
    expect(closed.nextFree?.startsAt).toBe(at(businessDayFrom(addDays(firstWeek, 35)), "09:00").toISOString());
  });

  it("the page: ?c=any opens on that week; a chosen slot is confirmed from the week shown, a taken one is gone", async () => {
    const cookie = await sessionCookie(employeeId);
    const page = await (await respond(() => bookLoader({ request: request("/consultations/book?c=any", { cookie }), params: {}, context: {} }))).json();
    expect(page.week.weekStart).toBe(weekStart(fullDay));
    const slot = page.week.days.flatMap((d: { slots: { startsAt: string }[] }) => d.slots)[3];
    const chosen = await (await respond(() => bookLoader({ request: request(`/consultations/book?c=any&slot=${encodeURIComponent(slot.startsAt)}`, { cookie }), params: {}, context: {} }))).json();
    const free = await loadFreeSlots(t.db, { counselorId: null, from: new Date(slot.startsAt), to: new Date(new Date(slot.startsAt).getTime() + 1), now: new Date(), employeeId });
    expect(chosen.selected).toMatchObject({ startsAt: slot.startsAt, counselorId: free[0].counselorId, endsAt: free[0].endsAt.toISOString() });
    const taken = at(fullDay, "09:00").toISOString();
    const gone = await (await respond(() => bookLoader({ request: request(`/consultations/book?c=${w.counselorA.id}&slot=${encodeURIComponent(taken)}`, { cookie }), params: {}, context: {} }))).json();
    expect(gone).toMatchObject({ selected: null, slotGone: true });
    // A slot outside the week asked for is still checked (and found free).
    const otherWeek = addDays(weekStart(fullDay), 7);
    const elsewhere = await (await respond(() => bookLoader({ request: request(`/consultations/book?c=any&week=${otherWeek}&slot=${encodeURIComponent(slot.startsAt)}`, { cookie }), params: {}, context: {} }))).json();
    expect(elsewhere.week.weekStart).toBe(otherWeek);
    expect(elsewhere.selected).toMatchObject({ startsAt: slot.startsAt });
  });
});

describe("the booking page's counsellors and the employee's booking count, read in one statement", () => {
  it("gives what listCounselors and countFutureBookings give", async () => {
    const now = new Date();
    const nobody = (await w.newEmployee("予約 なし")).id;
    for (const id of [employeeId, nobody]) {
      const both = await counselorsAndFutureBookings(t.db, id, now);
      expect(both.counselors).toEqual(await listCounselors(t.db, { now }));
      expect(both.futureBookings).toBe(await countFutureBookings(t.db, id, now));
    }
    expect((await counselorsAndFutureBookings(t.db, employeeId, now)).futureBookings).toBe(1);
    expect((await counselorsAndFutureBookings(t.db, nobody, now)).futureBookings).toBe(0);
  });

  it("gives the same weeks when their slot inputs come with the counsellors, read ahead for any window", async () => {
    const now = new Date();
    // The two weeks from this Monday (nobody receives then here: the page reads on by itself), and five weeks from
    // the first bookable one (the first week with free times is inside).
    for (const window of [readAheadWindow(now), { from: tokyoDateTime(firstWeek), to: tokyoDateTime(addDays(firstWeek, 35)) }]) {
      const { counselors, prefetched } = await counselorsAndFutureBookings(t.db, employeeId, now, window);
      expect(prefetched?.inputs.weekly.length).toBeGreaterThan(0);
      const accepting = counselors.filter((c) => c.id !== employeeId).map((c) => c.rules);
      for (const counselorId of [null, w.counselorA.id, w.counselorB.id]) {
        const first = await loadWeek(t.db, { counselorId, week: null, now, employeeId, locale: "ja" });
        const weeks: (string | null)[] = [null];
        for (let monday = addDays(firstWeek, -7); monday <= addDays(first.lastWeek, 7); monday = addDays(monday, 7)) weeks.push(monday);
        for (const week of weeks) {
          const plain = await loadWeek(t.db, { counselorId, week, now, employeeId, locale: "ja" });
          expect(await loadWeek(t.db, { counselorId, week, now, employeeId, locale: "ja", accepting, prefetched }), `${counselorId} ${week}`).toEqual(plain);
        }
      }
    }
    expect((await counselorsAndFutureBookings(t.db, employeeId, now)).prefetched).toBeNull();
  });

  it("still counts the employee's bookings when no counsellor is taking bookings", async () => {
    const rollback = new Error("rollback");
    await expect(
      t.db.transaction().execute(async (trx) => {
        await trx.updateTable("counselor_profiles").set({ accepting: false }).execute();
        expect(await counselorsAndFutureBookings(trx, employeeId, new Date())).toEqual({ counselors: [], futureBookings: 1, prefetched: null });
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });
});
