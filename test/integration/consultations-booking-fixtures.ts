// Shared set-up for the booking integration tests (not a test file itself). Counsellor profiles and weekly hours are
// inserted directly (the settings pages belong to the counsellor side).
import type { DB } from "../../db/client.server";
import { addBusinessDays, tokyoDateTime } from "~/calendar/business-days";
import type { BookConsultationInput } from "~/consultations/booking.server";
import { todayInTokyo } from "~/i18n/format";
import { createDepartment, createEmployee } from "../helpers/factories";

export const ROOM = "県庁本館4階 キャリア相談室";
export const MEETING_URL = "https://meet.example.jp/career-room";

/**
 * A business day `n` business days after today (Asia/Tokyo). The database trigger that limits future bookings uses
 * the real clock, so every test books real future times.
 */
export const businessDay = (n: number) => addBusinessDays(todayInTokyo(), n);
/** The instant of 'HH:MM' on `date` in Asia/Tokyo. */
export const at = (date: string, time: string) => tokyoDateTime(date, time);

let keyCounter = 0;
export const key = () => `test-key-${Date.now().toString(36)}-${(++keyCounter).toString().padStart(6, "0")}`;

export async function createCounselor(
  db: DB,
  input: { departmentId: number; name: string; inPerson?: boolean; online?: boolean; maxPerDay?: number; horizonDays?: number; weekly?: [number, string, string][] },
) {
  const employee = await createEmployee(db, { departmentId: input.departmentId, name: input.name, roles: [{ role: "counselor" }] });
  const inPerson = input.inPerson ?? true;
  const online = input.online ?? true;
  await db
    .insertInto("counselor_profiles")
    .values({
      employee_id: employee.id,
      display_name: input.name,
      qualifications: "国家資格キャリアコンサルタント",
      introduction: "人事課で20年、職員の相談に応じてきました。",
      offers_in_person: inPerson,
      room: inPerson ? ROOM : "",
      offers_online: online,
      meeting_url: online ? MEETING_URL : "",
      max_per_day: input.maxPerDay ?? 4,
      horizon_days: input.horizonDays ?? 60,
      updated_at: new Date(),
    })
    .execute();
  const weekly = input.weekly ?? [1, 2, 3, 4, 5].flatMap((d): [number, string, string][] => [
    [d, "09:00", "12:00"],
    [d, "13:00", "17:00"],
  ]);
  await db
    .insertInto("counselor_weekly_hours")
    .values(weekly.map(([weekday, starts, ends]) => ({ counselor_id: employee.id, weekday, starts, ends })))
    .execute();
  return employee;
}

export type BookingWorld = Awaited<ReturnType<typeof buildBookingWorld>>;

/** 人事課 with two counsellors (A offers both modes, B online only, A has the lower id), and a unit of employees. */
export async function buildBookingWorld(db: DB) {
  const hr = await createDepartment(db, { name: "人事課" });
  const tourism = await createDepartment(db, { name: "観光振興課" });
  const counselorA = await createCounselor(db, { departmentId: hr.id, name: "酒井 恵" });
  const counselorB = await createCounselor(db, { departmentId: hr.id, name: "北野 明子", inPerson: false });
  const hrAdmin = await createEmployee(db, { departmentId: hr.id, name: "吉田 直美", roles: [{ role: "hr_admin" }] });
  const newEmployee = (name?: string) => createEmployee(db, { departmentId: tourism.id, name });
  return { units: { hr, tourism }, counselorA, counselorB, hrAdmin, newEmployee };
}

export function bookingInput(extra: Partial<BookConsultationInput> & Pick<BookConsultationInput, "startsAt">): BookConsultationInput {
  return { counselorId: null, mode: "online", topic: "career_plan", note: "", idempotencyKey: key(), ...extra };
}

export async function outbox(db: DB, template: string) {
  return db.selectFrom("outbox_emails").selectAll().where("template", "=", template).orderBy("id").execute();
}

export function icsOf(email: { attachments: unknown }): string[] {
  return (email.attachments as { content: string; contentType: string }[]).filter((a) => a.contentType.startsWith("text/calendar")).map((a) => Buffer.from(a.content, "base64").toString("utf8"));
}

/** Unfolded ICS content lines. */
export function icsLines(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, "").split("\r\n").filter(Boolean);
}
