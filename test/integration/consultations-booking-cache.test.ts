import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "~/calendar/business-days";
import { counselorsAndFutureBookings, readAheadWindow } from "~/consultations/booking-queries.server";
import { bookConsultation } from "~/consultations/booking.server";
import { useTestDatabase } from "../helpers/db";
import { at, bookingInput, buildBookingWorld, businessDay, type BookingWorld } from "./consultations-booking-fixtures";

// What every employee's booking page shares — the accepting counsellors and their weekly hours, exceptions and
// bookings for the read-ahead window — is cached under the report data version (ADR 012, migration 0013). A repeated
// view takes it from the cache; every committed write of it changes the version, so the next view shows the write;
// what is the employee's own (their count and their bookings) is read for each view and never shared.

const t = useTestDatabase();
let w: BookingWorld;
let employeeId: number;
const now = new Date();
const window = readAheadWindow(now);
/** Five weeks from this Monday: the first bookable days are in it whatever today is. */
const wide = { from: window.from, to: new Date(window.from.getTime() + 35 * 86_400_000) };

beforeAll(async () => {
  w = await buildBookingWorld(t.db);
  employeeId = (await w.newEmployee("予約 する人")).id;
});

const page = (who = employeeId) => counselorsAndFutureBookings(t.db, who, now, wide);
/** The same, computed afresh: inside a transaction the cache is bypassed. */
const fresh = (who = employeeId) => t.db.transaction().execute((trx) => counselorsAndFutureBookings(trx, who, now, wide));

/** The write shows on the next view, which equals a fresh computation; the view before it came from the cache. */
async function afterWrite(write: () => Promise<unknown>) {
  const before = await page();
  expect((await page()).counselors, "a repeated view is served from the cache").toBe(before.counselors);
  await write();
  const after = await page();
  expect(after.counselors).not.toBe(before.counselors);
  expect(after).toEqual(await fresh());
  return { before, after };
}

const slotDay = () => businessDay(3);

describe("the booking page's shared inputs", () => {
  it("are served from the cache and equal a fresh read", async () => {
    const first = await page();
    const again = await page();
    expect(again.counselors).toBe(first.counselors);
    expect(again.prefetched!.inputs.weekly).toBe(first.prefetched!.inputs.weekly);
    expect(Object.isFrozen(first.counselors[0].rules)).toBe(true);
    expect(first).toEqual(await fresh());
    expect(first.counselors.map((c) => c.id)).toEqual([w.counselorA.id, w.counselorB.id]);
  });

  it("never carry one employee's own bookings or count to another", async () => {
    const other = (await w.newEmployee("予約 しない人")).id;
    await bookConsultation(t.db, bookingInput({ counselorId: w.counselorA.id, startsAt: at(businessDay(4), "09:00") }), { actorId: employeeId });
    const a = await page(employeeId);
    const b = await page(other);
    expect(b.prefetched!.inputs.bookings).toBe(a.prefetched!.inputs.bookings);
    expect(a.futureBookings).toBe(1);
    expect(b.futureBookings).toBe(0);
    expect(a.prefetched!.inputs.own.map((o) => o.starts_at)).toEqual([at(businessDay(4), "09:00")]);
    expect(b.prefetched!.inputs.own).toEqual([]);
    expect(a).toEqual(await fresh(employeeId));
    expect(b).toEqual(await fresh(other));
  });

  it("follow every write they depend on", async () => {
    // A counsellor's profile: the name shown and a booking rule.
    let r = await afterWrite(() => t.db.updateTable("counselor_profiles").set({ display_name: "酒井 めぐみ", max_per_day: 3 }).where("employee_id", "=", w.counselorA.id).execute());
    expect(r.after.counselors[0]).toMatchObject({ name: "酒井 めぐみ", rules: { max_per_day: 3 } });
    // Weekly hours and an exception.
    r = await afterWrite(() => t.db.insertInto("counselor_weekly_hours").values({ counselor_id: w.counselorB.id, weekday: 6, starts: "09:00", ends: "12:00" }).execute());
    expect(r.after.prefetched!.inputs.weekly.length).toBe(r.before.prefetched!.inputs.weekly.length + 1);
    r = await afterWrite(() => t.db.insertInto("counselor_date_overrides").values({ counselor_id: w.counselorB.id, on_date: slotDay(), kind: "off" }).execute());
    expect(r.after.prefetched!.inputs.overrides).toContainEqual(expect.objectContaining({ counselor_id: w.counselorB.id, on_date: slotDay(), kind: "off" }));
    // Someone else books A; the booking is moved, then handed to B.
    const someone = await w.newEmployee();
    r = await afterWrite(() => bookConsultation(t.db, bookingInput({ counselorId: w.counselorA.id, startsAt: at(slotDay(), "10:00") }), { actorId: someone.id }));
    const booking = r.after.prefetched!.inputs.bookings.find((b) => b.counselor_id === w.counselorA.id)!;
    expect(booking.starts_at).toEqual(at(slotDay(), "10:00"));
    r = await afterWrite(() =>
      t.db.updateTable("consultation_bookings").set({ starts_at: at(slotDay(), "13:00"), ends_at: at(slotDay(), "14:00"), blocked_until: at(slotDay(), "14:15") }).where("id", "=", booking.id).execute(),
    );
    expect(r.after.prefetched!.inputs.bookings.find((b) => b.id === booking.id)!.starts_at).toEqual(at(slotDay(), "13:00"));
    r = await afterWrite(() => t.db.updateTable("consultation_bookings").set({ blocked_until: at(slotDay(), "14:30") }).where("id", "=", booking.id).execute());
    expect(r.after.prefetched!.inputs.bookings.find((b) => b.id === booking.id)!.blocked_until).toEqual(at(slotDay(), "14:30"));
    r = await afterWrite(() => t.db.updateTable("consultation_bookings").set({ counselor_id: w.counselorB.id }).where("id", "=", booking.id).execute());
    expect(r.after.prefetched!.inputs.bookings.find((b) => b.id === booking.id)!.counselor_id).toBe(w.counselorB.id);
    r = await afterWrite(() => t.db.updateTable("consultation_bookings").set({ status: "cancelled", cancelled_at: new Date() }).where("id", "=", booking.id).execute());
    expect(r.after.prefetched!.inputs.bookings.some((b) => b.id === booking.id)).toBe(false);
    // B loses the counselor role, then gets it back; A stops accepting; A leaves the prefecture.
    r = await afterWrite(() => t.db.deleteFrom("role_grants").where("employee_id", "=", w.counselorB.id).where("role", "=", "counselor").execute());
    expect(r.after.counselors.map((c) => c.id)).toEqual([w.counselorA.id]);
    r = await afterWrite(() => t.db.insertInto("role_grants").values({ employee_id: w.counselorB.id, role: "counselor" }).execute());
    expect(r.after.counselors.map((c) => c.id)).toEqual([w.counselorA.id, w.counselorB.id]);
    r = await afterWrite(() => t.db.updateTable("counselor_profiles").set({ accepting: false }).where("employee_id", "=", w.counselorA.id).execute());
    expect(r.after.counselors.map((c) => c.id)).toEqual([w.counselorB.id]);
    r = await afterWrite(() => t.db.updateTable("employees").set({ left_on: addDays(businessDay(0), -1) }).where("id", "=", w.counselorB.id).execute());
    expect(r.after.counselors).toEqual([]);
  });

});
