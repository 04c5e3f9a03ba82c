import { beforeAll, describe, expect, it } from "vitest";
import { bookConsultation } from "~/consultations/booking.server";
import { BookingError } from "~/consultations/booking-errors";
import { useTestDatabase } from "../helpers/db";
import { at, bookingInput, buildBookingWorld, businessDay, key, outbox, type BookingWorld } from "./consultations-booking-fixtures";

// No double booking, however many people press the button at once: the exclusion constraints decide, not a check
// before the insert (cal.com #13397, Easy!Appointments #31/#845).

const t = useTestDatabase();
let w: BookingWorld;

beforeAll(async () => {
  w = await buildBookingWorld(t.db);
});

function outcome(results: PromiseSettledResult<unknown>[]) {
  return results.map((r) => (r.status === "fulfilled" ? "ok" : r.reason instanceof BookingError ? r.reason.code : `unexpected:${String(r.reason)}`));
}

async function rowsAt(counselorId: number, startsAt: Date) {
  return t.db.selectFrom("consultation_bookings").select(["id", "employee_id"]).where("counselor_id", "=", counselorId).where("starts_at", "=", startsAt).where("status", "<>", "cancelled").execute();
}

describe("30 employees, one slot", () => {
  it("books exactly one; the 29 others are told 「この時間は先に予約が入りました」 with the next 3 free times of that counsellor", async () => {
    const day = businessDay(10);
    const slot = at(day, "10:00");
    const employees = await Promise.all(Array.from({ length: 30 }, (_, i) => w.newEmployee(`同時 太郎${i}`)));
    const results = await Promise.allSettled(
      employees.map((e) => bookConsultation(t.db, bookingInput({ counselorId: w.counselorA.id, startsAt: slot, mode: "in_person" }), { actorId: e.id })),
    );
    const codes = outcome(results);
    expect(codes.filter((c) => c === "ok")).toHaveLength(1);
    expect(codes.filter((c) => c === "slot_taken")).toHaveLength(29);

    const refusals = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as BookingError);
    for (const refusal of refusals) {
      expect(refusal.message).toBe("この時間は先に予約が入りました。");
      expect(refusal.status).toBe(409);
      const alternatives = refusal.details.alternatives ?? [];
      expect(alternatives).toHaveLength(3);
      expect(alternatives.every((a) => a.counselorId === w.counselorA.id && a.counselorName === "酒井 恵")).toBe(true);
      // The nearest times after the one taken, in order: 11:00, 13:00, 14:00 the same day.
      expect(alternatives.map((a) => a.startsAt)).toEqual([at(day, "11:00"), at(day, "13:00"), at(day, "14:00")].map((d) => d.toISOString()));
    }

    const rows = await rowsAt(w.counselorA.id, slot);
    expect(rows).toHaveLength(1);
    const winner = results.findIndex((r) => r.status === "fulfilled");
    expect(rows[0].employee_id).toBe(employees[winner].id);
    // The losers wrote nothing: two emails (employee + counsellor) and one reminder job for the one booking.
    const confirmations = (await outbox(t.db, "consultation-booking-confirmed")).filter((m) => m.dedupe_key === `consultation-booked:${rows[0].id}:employee`);
    expect(confirmations).toHaveLength(1);
    const employeeIds = employees.map((e) => e.id);
    const allConfirmations = (await outbox(t.db, "consultation-booking-confirmed")).filter((m) => employeeIds.includes(m.to_employee_id!));
    expect(allConfirmations).toHaveLength(1);
    const jobs = await t.db.selectFrom("jobs").select("unique_key").where("unique_key", "like", `consultation-reminder:${rows[0].id}:%`).execute();
    expect(jobs).toHaveLength(1);

    // An offered alternative really is bookable.
    const offered = refusals[0].details.alternatives![0];
    const second = await bookConsultation(t.db, bookingInput({ counselorId: offered.counselorId, startsAt: new Date(offered.startsAt), mode: "in_person" }), { actorId: employees.find((_, i) => i !== winner)!.id });
    expect(second.repeated).toBe(false);
  });

  it("指定なし: 3 employees at once on a time both counsellors have free → one each (lowest id first), the third refused with alternatives of any counsellor", async () => {
    const day = businessDay(11);
    const slot = at(day, "14:00");
    const employees = await Promise.all([w.newEmployee(), w.newEmployee(), w.newEmployee()]);
    const results = await Promise.allSettled(employees.map((e) => bookConsultation(t.db, bookingInput({ counselorId: null, startsAt: slot, mode: "online" }), { actorId: e.id })));
    expect(outcome(results).sort()).toEqual(["ok", "ok", "slot_taken"]);
    const booked = results.filter((r) => r.status === "fulfilled").map((r) => (r as PromiseFulfilledResult<{ counselorId: number }>).value.counselorId);
    expect(booked.sort((a, b) => a - b)).toEqual([w.counselorA.id, w.counselorB.id].sort((a, b) => a - b));
    const refusal = (results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason as BookingError;
    const alternatives = refusal.details.alternatives!;
    expect(alternatives).toHaveLength(3);
    expect(alternatives[0].startsAt).toBe(at(day, "15:00").toISOString());
    // 指定なし offers one entry per time, from the counsellor with the lowest id that is free.
    expect(alternatives[0].counselorId).toBe(Math.min(w.counselorA.id, w.counselorB.id));
  });

  it("指定なし assigns the counsellor with the lowest id when both are free", async () => {
    const employee = await w.newEmployee();
    const result = await bookConsultation(t.db, bookingInput({ counselorId: null, startsAt: at(businessDay(12), "09:00"), mode: "online" }), { actorId: employee.id });
    expect(result.counselorId).toBe(Math.min(w.counselorA.id, w.counselorB.id));
    // In person: only A offers it.
    const other = await w.newEmployee();
    const inPerson = await bookConsultation(t.db, bookingInput({ counselorId: null, startsAt: at(businessDay(12), "10:00"), mode: "in_person" }), { actorId: other.id });
    expect(inPerson.counselorId).toBe(w.counselorA.id);
  });
});

describe("one employee, overlapping times", () => {
  it("refuses a second booking with another counsellor at an overlapping time", async () => {
    const employee = await w.newEmployee();
    const slot = at(businessDay(13), "10:00");
    await bookConsultation(t.db, bookingInput({ counselorId: w.counselorA.id, startsAt: slot }), { actorId: employee.id });
    const refused = await bookConsultation(t.db, bookingInput({ counselorId: w.counselorB.id, startsAt: slot }), { actorId: employee.id }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BookingError);
    expect((refused as BookingError).code).toBe("employee_overlap");
    expect((refused as BookingError).message).toBe("同じ時間帯に、ご自身の別の相談の予約があります。");
    // Alternatives leave out the employee's own busy time.
    expect((refused as BookingError).details.alternatives!.map((a) => a.startsAt)).not.toContain(slot.toISOString());
    const mine = await t.db.selectFrom("consultation_bookings").select("counselor_id").where("employee_id", "=", employee.id).execute();
    expect(mine).toEqual([{ counselor_id: w.counselorA.id }]);
  });

  it("two simultaneous requests for two counsellors at the same time: the employee exclusion constraint lets one through", async () => {
    const employee = await w.newEmployee();
    const slot = at(businessDay(13), "13:00");
    const results = await Promise.allSettled([
      bookConsultation(t.db, bookingInput({ counselorId: w.counselorA.id, startsAt: slot }), { actorId: employee.id }),
      bookConsultation(t.db, bookingInput({ counselorId: w.counselorB.id, startsAt: slot }), { actorId: employee.id }),
    ]);
    expect(outcome(results).sort()).toEqual(["employee_overlap", "ok"]);
    const mine = await t.db.selectFrom("consultation_bookings").select("id").where("employee_id", "=", employee.id).where("status", "=", "booked").execute();
    expect(mine).toHaveLength(1);
  });
});

describe("at most 2 future bookings per employee", () => {
  it("refuses a 3rd, also when the three are submitted at once", async () => {
    const employee = await w.newEmployee();
    const day = businessDay(14);
    await bookConsultation(t.db, bookingInput({ counselorId: w.counselorA.id, startsAt: at(day, "09:00") }), { actorId: employee.id });
    await bookConsultation(t.db, bookingInput({ counselorId: w.counselorA.id, startsAt: at(day, "11:00") }), { actorId: employee.id });
    const third = await bookConsultation(t.db, bookingInput({ counselorId: w.counselorB.id, startsAt: at(day, "15:00") }), { actorId: employee.id }).catch((e: unknown) => e);
    expect((third as BookingError).code).toBe("limit_reached");
    expect((third as BookingError).status).toBe(409);

    const other = await w.newEmployee();
    const results = await Promise.allSettled(
      ["13:00", "14:00", "16:00"].map((time) => bookConsultation(t.db, bookingInput({ counselorId: w.counselorB.id, startsAt: at(day, time) }), { actorId: other.id })),
    );
    expect(outcome(results).sort()).toEqual(["limit_reached", "ok", "ok"]);
  });
});

describe("double submit", () => {
  it("the same idempotency key books once; the repeat returns the same booking", async () => {
    const employee = await w.newEmployee();
    const input = bookingInput({ counselorId: w.counselorB.id, startsAt: at(businessDay(15), "10:00"), idempotencyKey: key() });
    const first = await bookConsultation(t.db, input, { actorId: employee.id });
    const again = await bookConsultation(t.db, input, { actorId: employee.id });
    expect(first.repeated).toBe(false);
    expect(again).toEqual({ ...first, repeated: true });
    expect(await t.db.selectFrom("consultation_bookings").select("id").where("employee_id", "=", employee.id).execute()).toHaveLength(1);
  });

  it("5 simultaneous submits of one form create one booking, and every one of them answers with it", async () => {
    const employee = await w.newEmployee();
    const input = bookingInput({ counselorId: w.counselorB.id, startsAt: at(businessDay(15), "14:00"), idempotencyKey: key() });
    const results = await Promise.all(Array.from({ length: 5 }, () => bookConsultation(t.db, input, { actorId: employee.id })));
    expect(new Set(results.map((r) => r.bookingId)).size).toBe(1);
    expect(results.filter((r) => !r.repeated)).toHaveLength(1);
    const rows = await t.db.selectFrom("consultation_bookings").select("id").where("employee_id", "=", employee.id).execute();
    expect(rows).toHaveLength(1);
    const emails = (await outbox(t.db, "consultation-booking-confirmed")).filter((m) => m.to_employee_id === employee.id);
    expect(emails).toHaveLength(1);
  });

  it("another employee cannot reuse someone's key to see their booking", async () => {
    const owner = await w.newEmployee();
    const input = bookingInput({ counselorId: w.counselorB.id, startsAt: at(businessDay(15), "16:00") });
    await bookConsultation(t.db, input, { actorId: owner.id });
    const intruder = await w.newEmployee();
    const refused = await bookConsultation(t.db, input, { actorId: intruder.id }).catch((e: unknown) => e);
    expect((refused as BookingError).code).toBe("state_changed");
  });
});
