// Shared set-up for the counsellor-side integration tests (not a test file itself). Bookings are inserted directly
// (the booking command belongs to the other half of issue 5): each one respects the exclusion constraints (a
// counsellor's buffered sessions and an employee's sessions never overlap) and the 2-future-bookings trigger.
import type { DB } from "../../db/client.server";
import type { BookingStatus, ConsultationMode, ConsultationTopic } from "../../db/schema";
import { createDepartment, createEmployee, sessionCookie } from "../helpers/factories";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** An instant relative to now, rounded to the minute. */
export const fromNow = (ms: number) => new Date(Math.floor((Date.now() + ms) / MINUTE) * MINUTE);
export const hours = (n: number) => n * HOUR;
export const days = (n: number) => n * DAY;

export async function buildCounselorWorld(db: DB) {
  const soumu = await createDepartment(db, { name: "総務部" });
  const jinji = await createDepartment(db, { name: "人事課", parentId: soumu.id });
  const kanko = await createDepartment(db, { name: "観光部" });
  const kankoShinko = await createDepartment(db, { name: "観光振興課", parentId: kanko.id });
  const counselor = await createEmployee(db, { departmentId: jinji.id, name: "酒井 恵", roles: [{ role: "counselor" }] });
  const otherCounselor = await createEmployee(db, { departmentId: jinji.id, name: "森 和子", roles: [{ role: "counselor" }] });
  // HR who is also a counsellor: still no way into another counsellor's booking.
  const hrCounselor = await createEmployee(db, { departmentId: jinji.id, name: "石田 修", roles: [{ role: "counselor" }, { role: "hr_admin" }] });
  const hr = await createEmployee(db, { departmentId: jinji.id, name: "吉田 直美", roles: [{ role: "hr_admin" }] });
  const employee = await createEmployee(db, { departmentId: kankoShinko.id, name: "中川 さくら", birthYear: 1994 });
  const otherEmployee = await createEmployee(db, { departmentId: kankoShinko.id, name: "北村 翔", birthYear: 1988 });
  const supervisor = await createEmployee(db, { departmentId: kankoShinko.id, name: "高畑 誠", grade: "課長", roles: [{ role: "supervisor", departmentId: kankoShinko.id }] });
  for (const c of [counselor, otherCounselor, hrCounselor]) await insertProfile(db, c.id, c.name);
  return {
    units: { soumu, jinji, kanko, kankoShinko },
    people: { counselor, otherCounselor, hrCounselor, hr, employee, otherEmployee, supervisor },
  };
}
export type CounselorWorld = Awaited<ReturnType<typeof buildCounselorWorld>>;
export type Who = keyof CounselorWorld["people"];

export async function cookiesFor(people: CounselorWorld["people"]): Promise<Record<Who, string>> {
  const entries = await Promise.all(Object.entries(people).map(async ([key, person]) => [key, await sessionCookie(person.id)] as const));
  return Object.fromEntries(entries) as Record<Who, string>;
}

export async function insertProfile(db: DB, employeeId: number, displayName: string) {
  await db
    .insertInto("counselor_profiles")
    .values({ employee_id: employeeId, display_name: displayName, room: "県庁本館2階 相談室A", meeting_url: "https://meet.example.jp/room-a" })
    .execute();
}

let bookingCounter = 0;

export interface BookingInput {
  counselorId: number;
  employeeId: number;
  startsAt: Date;
  minutes?: number;
  buffer?: number;
  mode?: ConsultationMode;
  topic?: ConsultationTopic;
  note?: string;
  status?: BookingStatus;
}

export async function insertBooking(db: DB, input: BookingInput) {
  bookingCounter += 1;
  const minutes = input.minutes ?? 50;
  const endsAt = new Date(input.startsAt.getTime() + minutes * MINUTE);
  const status = input.status ?? "booked";
  return db
    .insertInto("consultation_bookings")
    .values({
      counselor_id: input.counselorId,
      employee_id: input.employeeId,
      starts_at: input.startsAt,
      ends_at: endsAt,
      blocked_until: new Date(endsAt.getTime() + (input.buffer ?? 10) * MINUTE),
      mode: input.mode ?? "in_person",
      topic: input.topic ?? "career_plan",
      employee_note: input.note ?? "",
      status,
      cancelled_at: status === "cancelled" ? new Date() : null,
      ics_uid: `test-${process.pid}-${Date.now()}-${bookingCounter}@portal.test`,
    })
    .returning(["id", "ics_uid", "starts_at", "ends_at"])
    .executeTakeFirstOrThrow();
}

export async function countAudit(db: DB, action: string, entityId?: number) {
  let query = db.selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n")).where("action", "=", action);
  if (entityId !== undefined) query = query.where("entity_id", "=", String(entityId));
  return Number((await query.executeTakeFirstOrThrow()).n);
}
