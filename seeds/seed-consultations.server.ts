import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { Executor } from "../db/client.server";
import type { ConsultationMode, ConsultationTopic } from "../db/schema";
import { addBusinessDays, tokyoDateTime } from "../app/calendar/business-days";
import { addWeeklyHours } from "../app/consultations/availability.server";
import { bookConsultation } from "../app/consultations/booking.server";
import { loadFreeSlots } from "../app/consultations/booking-queries.server";
import { saveCounselorProfile } from "../app/consultations/counselor.server";
import { addSessionNote } from "../app/consultations/notes.server";
import { markSessionOutcome } from "../app/consultations/schedule.server";
import { grantRolesBulk } from "../app/people/roles.server";
import { addDays } from "../app/postings/model";
import { DEMO_ACCOUNTS } from "./demo-accounts";

// 職員キャリア相談室: three counsellors with weekly hours, the room's history since it opened in May 2024 — 15
// sessions held 2024-05-01 … 2024-09-30 (DESIGN §2) and a steady flow since — and bookings in the coming weeks.
// Bookings are made through the booking command against the free slots of their day, then recorded as held.

const TOPICS: ConsultationTopic[] = ["career_plan", "transfer", "skills", "work_life", "relationships", "other"];
const MODES: ConsultationMode[] = ["in_person", "online"];
const at = (date: string, time = "09:00") => new Date(`${date}T${time}:00+09:00`);
const key = () => randomBytes(12).toString("hex");

const COUNSELORS = [
  { hours: [[1, "13:00", "17:00"], [3, "09:00", "12:00"], [3, "13:00", "17:00"]] as const, qualifications: "国家資格キャリアコンサルタント", introduction: "人事課で長く人材育成を担当してきました。キャリアの棚卸しから異動の悩みまで、お気軽にご相談ください。" },
  { hours: [[2, "13:00", "17:00"], [4, "13:00", "17:00"]] as const, qualifications: "国家資格キャリアコンサルタント、産業カウンセラー", introduction: "仕事と生活の両立や職場の人間関係について、一緒に整理しましょう。" },
  { hours: [[5, "09:00", "12:00"], [5, "13:00", "16:00"]] as const, qualifications: "2級キャリアコンサルティング技能士", introduction: "若手職員の能力開発やキャリアプランの相談を多く受けています。" },
];

/** Sessions per month from May 2024: 15 by the end of September 2024, then three to five a month. */
function monthlyPlan(today: string): { month: string; count: number }[] {
  const plan = [
    { month: "2024-05", count: 2 },
    { month: "2024-06", count: 3 },
    { month: "2024-07", count: 3 },
    { month: "2024-08", count: 3 },
    { month: "2024-09", count: 4 },
  ];
  let [y, m] = [2024, 10];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, "0")}`;
    if (`${month}-01` > today) break;
    plan.push({ month, count: 3 + ((y * 12 + m) % 3) });
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return plan;
}

export async function seedConsultations(db: Executor, opts: { today: string; log?: (line: string) => void }): Promise<{ sessions: number; upcoming: number }> {
  const log = opts.log ?? (() => undefined);
  const existing = await db.selectFrom("counselor_profiles").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) {
    log("キャリア相談: 既に投入済みのため省略");
    return { sessions: 0, upcoming: 0 };
  }
  const demoCounselor = (await db.selectFrom("employees").select(["id", "name"]).where("employee_no", "=", DEMO_ACCOUNTS.find((a) => a.role === "counselor")!.employeeNo).executeTakeFirstOrThrow());
  const others = await db
    .selectFrom("employees")
    .select(["id", "name"])
    .where("grade", "in", ["主幹", "副主幹"])
    .where("left_on", "is", null)
    .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM role_grants r WHERE r.employee_id = employees.id)`)
    .orderBy(sql`md5(employee_no || 'counselor')`)
    .limit(2)
    .execute();
  const counselors = [demoCounselor, ...others];
  await grantRolesBulk(db, others.map((c) => ({ employeeId: c.id, role: "counselor" as const })));
  for (const [index, c] of counselors.entries()) {
    const spec = COUNSELORS[index];
    const ctx = { actorId: c.id, now: at("2024-04-20") };
    await saveCounselorProfile(db, { displayName: c.name, qualifications: spec.qualifications, introduction: spec.introduction, offersInPerson: true, room: "県庁本館2階 キャリア相談室", offersOnline: true, meetingUrl: "https://meet.pref.toyama.example/career" }, ctx);
    for (const [weekday, starts, ends] of spec.hours) await addWeeklyHours(db, { weekday, starts, ends }, ctx);
  }

  const clients = await db
    .selectFrom("employees as e")
    .select(["e.id", "e.hired_on"])
    .where("e.left_on", "is", null)
    .where("e.employee_no", "not like", "9000%")
    .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM role_grants r WHERE r.employee_id = e.id)`)
    .orderBy(sql`md5(e.employee_no || 'consultation')`)
    .limit(400)
    .execute();
  let next = 0;
  const client = (onDate: string) => {
    for (;;) {
      const c = clients[next++ % clients.length];
      if (c.hired_on <= onDate) return c.id;
    }
  };

  const outboxBefore = await maxId(db, "outbox_emails");
  const jobsBefore = await maxId(db, "jobs");
  let sessions = 0;
  for (const { month, count } of monthlyPlan(opts.today)) {
    for (let k = 0; k < count; k++) {
      const counselor = counselors[(sessions + k) % counselors.length];
      const day = `${month}-${String(3 + k * 6).padStart(2, "0")}`;
      const bookedAt = at(addDays(day, -10), "12:00");
      const slot = (await loadFreeSlots(db, { counselorId: counselor.id, from: at(day, "00:00"), to: at(addDays(day, 14), "00:00"), now: bookedAt }))[0];
      if (!slot || tokyoDateTime(addBusinessDays(opts.today, 0)) <= slot.startsAt) continue;
      const employee = client(day);
      const { bookingId } = await bookConsultation(
        db,
        { counselorId: counselor.id, startsAt: slot.startsAt, mode: MODES[(sessions + k) % 2], topic: TOPICS[(sessions * 7 + k) % TOPICS.length], note: "", idempotencyKey: key() },
        { actorId: employee, now: bookedAt },
      );
      const after = new Date(slot.endsAt.getTime() + 30 * 60_000);
      await markSessionOutcome(db, { bookingId, outcome: "completed" }, { actorId: counselor.id, now: after });
      if (k === 0) await addSessionNote(db, { bookingId, body: "今後のキャリアの方向性を整理した。次回は異動希望調書の書き方を確認する。" }, { actorId: counselor.id, now: after });
      sessions += 1;
    }
  }
  await db.deleteFrom("outbox_emails").where("id", ">", outboxBefore).execute();
  await db.deleteFrom("jobs").where("id", ">", jobsBefore).execute();

  // The coming weeks: a few sessions booked now (their confirmation mail and reminders are real).
  const now = new Date();
  let upcoming = 0;
  for (const [index, counselor] of counselors.entries()) {
    const slots = await loadFreeSlots(db, { counselorId: counselor.id, from: now, to: new Date(now.getTime() + 21 * 86_400_000), now });
    for (const slot of [slots[0], slots[Math.min(3, slots.length - 1)]].filter(Boolean)) {
      await bookConsultation(
        db,
        { counselorId: counselor.id, startsAt: slot.startsAt, mode: MODES[(index + upcoming) % 2], topic: TOPICS[(index + upcoming) % TOPICS.length], note: "異動希望について相談したいです。", idempotencyKey: key() },
        { actorId: client(opts.today), now },
      );
      upcoming += 1;
    }
  }
  log(`キャリア相談: 相談員 ${counselors.length} 名、実施済み ${sessions} 件、予約 ${upcoming} 件`);
  return { sessions, upcoming };
}

async function maxId(db: Executor, table: "outbox_emails" | "jobs"): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.max("id").as("max")).executeTakeFirst();
  return Number(row?.max ?? 0);
}
