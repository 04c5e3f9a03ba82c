import type { Executor } from "../../db/client.server";
import { audit } from "../audit/audit.server";
import { CounselorError, NOTE_MAX, charCount } from "./counselor-schemas";
import { clockOf, counselorTransaction, type CounselorContext } from "./counselor.server";

// The confidential texts of a session: the employee's note to the counsellor (consultation_bookings.employee_note)
// and the counsellor's private notes (consultation_notes). Only the booking's counsellor reaches them here — no
// role, hr_admin included, has another way in. Every read writes `consultation.note_read` to the audit log in the
// same transaction as the read (no audit row, no text); audit details never carry the texts themselves.

export const NOTE_READ_ACTION = "consultation.note_read";

async function ownBooking(trx: Executor, bookingId: number, counselorId: number) {
  const booking = await trx
    .selectFrom("consultation_bookings")
    .select(["id", "employee_note"])
    .where("id", "=", bookingId)
    .where("counselor_id", "=", counselorId)
    .executeTakeFirst();
  if (!booking) throw new CounselorError("not_found");
  return booking;
}

/**
 * The employee's note and the counsellor's notes of one of the acting counsellor's sessions, audit-logged as
 * consultation.note_read (entity: the booking; detail: only whether there was an employee note and how many
 * notes — never their content). not_found for anyone but the booking's counsellor, and then nothing is logged
 * as read.
 */
export async function readSessionNotes(db: Executor, input: { bookingId: number }, ctx: CounselorContext) {
  return counselorTransaction(db, async (trx) => {
    const booking = await ownBooking(trx, input.bookingId, ctx.actorId);
    const notes = await trx
      .selectFrom("consultation_notes")
      .select(["id", "body", "created_at", "updated_at"])
      .where("booking_id", "=", booking.id)
      .where("counselor_id", "=", ctx.actorId)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    await audit(trx, {
      actorId: ctx.actorId,
      action: NOTE_READ_ACTION,
      entityType: "consultation_booking",
      entityId: booking.id,
      detail: { employeeNote: booking.employee_note.length > 0, notes: notes.length },
      ip: ctx.ip,
    });
    return { employeeNote: booking.employee_note, notes };
  });
}
export type SessionNotes = Awaited<ReturnType<typeof readSessionNotes>>;

function checkBody(body: string): string {
  const text = body.trim();
  if (!text || charCount(text) > NOTE_MAX) throw new RangeError(`note body is required (≤ ${NOTE_MAX} characters)`);
  return text;
}

/** A new private note on one of the acting counsellor's sessions (any status: preparation notes are fine too). */
export async function addSessionNote(db: Executor, input: { bookingId: number; body: string }, ctx: CounselorContext): Promise<{ id: number }> {
  const body = checkBody(input.body);
  const now = clockOf(ctx);
  return counselorTransaction(db, async (trx) => {
    const booking = await ownBooking(trx, input.bookingId, ctx.actorId);
    const row = await trx
      .insertInto("consultation_notes")
      .values({ booking_id: booking.id, counselor_id: ctx.actorId, body, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, { actorId: ctx.actorId, action: "consultation.note_add", entityType: "consultation_booking", entityId: booking.id, detail: { noteId: row.id }, ip: ctx.ip });
    return { id: row.id };
  });
}

/** Rewrites one of the acting counsellor's own notes on their own session; anything else is note_not_found. */
export async function updateSessionNote(db: Executor, input: { bookingId: number; noteId: number; body: string }, ctx: CounselorContext): Promise<void> {
  const body = checkBody(input.body);
  const now = clockOf(ctx);
  await counselorTransaction(db, async (trx) => {
    const booking = await ownBooking(trx, input.bookingId, ctx.actorId);
    const updated = await trx
      .updateTable("consultation_notes")
      .set({ body, updated_at: now })
      .where("id", "=", input.noteId)
      .where("booking_id", "=", booking.id)
      .where("counselor_id", "=", ctx.actorId)
      .returning("id")
      .executeTakeFirst();
    if (!updated) throw new CounselorError("note_not_found");
    await audit(trx, { actorId: ctx.actorId, action: "consultation.note_update", entityType: "consultation_booking", entityId: booking.id, detail: { noteId: input.noteId }, ip: ctx.ip });
  });
}
