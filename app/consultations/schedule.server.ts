import { sql } from "kysely";
import type { Executor } from "../../db/client.server";
import { audit } from "../audit/audit.server";
import { CounselorError } from "./counselor-schemas";
import { clockOf, counselorTransaction, type CounselorContext } from "./counselor.server";

// The counsellor's schedule: their own sessions only — every query here is scoped by counselor_id, so another
// counsellor's bookings never appear — and without the confidential texts (employee_note, consultation_notes):
// those are read only through notes.server.ts, which audits each read.

export const HISTORY_PAGE_SIZE = 20;

function sessionRows(db: Executor, counselorId: number) {
  return db
    .selectFrom("consultation_bookings as b")
    .innerJoin("employees as e", "e.id", "b.employee_id")
    .innerJoin("departments as d", "d.id", "e.department_id")
    .select([
      "b.id",
      "b.starts_at",
      "b.ends_at",
      "b.mode",
      "b.topic",
      "b.status",
      "b.cancelled_at",
      sql<boolean>`b.cancelled_by = b.counselor_id`.as("cancelled_by_counselor"),
      "e.name as employee_name",
      "e.employee_no",
      "d.name as unit_name",
    ])
    .where("b.counselor_id", "=", counselorId);
}

export type ScheduleRow = Awaited<ReturnType<ReturnType<typeof sessionRows>["execute"]>>[number];

/**
 * The schedule page: `upcoming` (booked, not yet started, soonest first), `awaitingRecord` (booked and started —
 * mark completed or no-show; oldest first) and one page of `history` (completed, no-show, cancelled; latest first).
 */
export async function listCounselorSchedule(db: Executor, counselorId: number, options: { now?: Date; page?: number; pageSize?: number } = {}) {
  const now = options.now ?? new Date();
  const pageSize = options.pageSize ?? HISTORY_PAGE_SIZE;
  const [upcoming, awaitingRecord, historyCount] = await Promise.all([
    sessionRows(db, counselorId).where("b.status", "=", "booked").where("b.starts_at", ">", now).orderBy("b.starts_at").execute(),
    sessionRows(db, counselorId).where("b.status", "=", "booked").where("b.starts_at", "<=", now).orderBy("b.starts_at").execute(),
    db
      .selectFrom("consultation_bookings")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("counselor_id", "=", counselorId)
      .where("status", "<>", "booked")
      .executeTakeFirstOrThrow(),
  ]);
  const total = Number(historyCount.n);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), pages);
  const history = await sessionRows(db, counselorId)
    .where("b.status", "<>", "booked")
    .orderBy("b.starts_at", "desc")
    .orderBy("b.id", "desc")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { upcoming, awaitingRecord, history: { rows: history, total, page, pages } };
}

/**
 * One session of the counsellor, with where it takes place — but not the notes. null when the booking does not
 * exist or belongs to another counsellor (the page answers 404 either way).
 */
export async function getCounselorSession(db: Executor, input: { bookingId: number; counselorId: number }) {
  const row = await db
    .selectFrom("consultation_bookings as b")
    .innerJoin("employees as e", "e.id", "b.employee_id")
    .innerJoin("departments as d", "d.id", "e.department_id")
    .innerJoin("counselor_profiles as p", "p.employee_id", "b.counselor_id")
    .select([
      "b.id",
      "b.counselor_id",
      "b.starts_at",
      "b.ends_at",
      "b.mode",
      "b.topic",
      "b.status",
      "b.cancelled_at",
      "b.cancel_reason",
      sql<boolean>`b.cancelled_by = b.counselor_id`.as("cancelled_by_counselor"),
      "b.created_at",
      "e.name as employee_name",
      "e.employee_no",
      "d.name as unit_name",
      "p.room",
      "p.meeting_url",
    ])
    .where("b.id", "=", input.bookingId)
    .where("b.counselor_id", "=", input.counselorId)
    .executeTakeFirst();
  return row ?? null;
}
export type CounselorSession = NonNullable<Awaited<ReturnType<typeof getCounselorSession>>>;

export type SessionOutcome = "completed" | "no_show";

/**
 * Records how a session went: completed (実施) or no_show (欠席). Only the booking's counsellor, only from
 * `booked`, only once the session has started — one conditional UPDATE, so a double click or two tabs record once.
 * Refusals: not_found, not_started, state_changed (already recorded or cancelled).
 */
export async function markSessionOutcome(db: Executor, input: { bookingId: number; outcome: SessionOutcome }, ctx: CounselorContext): Promise<void> {
  if (input.outcome !== "completed" && input.outcome !== "no_show") throw new RangeError(`unknown outcome "${String(input.outcome)}"`);
  const now = clockOf(ctx);
  await counselorTransaction(db, async (trx) => {
    const updated = await trx
      .updateTable("consultation_bookings")
      .set({ status: input.outcome, updated_at: now })
      .where("id", "=", input.bookingId)
      .where("counselor_id", "=", ctx.actorId)
      .where("status", "=", "booked")
      .where("starts_at", "<=", now)
      .returning("id")
      .executeTakeFirst();
    if (!updated) {
      const current = await trx
        .selectFrom("consultation_bookings")
        .select(["status"])
        .where("id", "=", input.bookingId)
        .where("counselor_id", "=", ctx.actorId)
        .executeTakeFirst();
      if (!current) throw new CounselorError("not_found");
      if (current.status === "booked") throw new CounselorError("not_started");
      throw new CounselorError("state_changed");
    }
    await audit(trx, {
      actorId: ctx.actorId,
      action: input.outcome === "completed" ? "consultation.complete" : "consultation.no_show",
      entityType: "consultation_booking",
      entityId: input.bookingId,
      ip: ctx.ip,
    });
  });
}
