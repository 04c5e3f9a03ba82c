import { registerJobHandler } from "../jobs/handlers.server";
import { BOOKING_REMINDER_JOB, sendBookingReminder } from "./booking.server";

// Job handlers of the booking side; imported (one line) by app/consultations/jobs.server.ts.

/**
 * The day-before reminder, scheduled at booking and again on every move with the booking's ics_sequence. The
 * command re-reads the booking and sends nothing for a cancelled or moved one. "Now" is never earlier than the
 * time the job was due, so a late run decides as of then.
 */
registerJobHandler<{ bookingId: number; sequence: number }>(BOOKING_REMINDER_JOB, async (db, payload, job) => {
  const now = new Date(Math.max(Date.now(), new Date(job.run_at).getTime()));
  await sendBookingReminder(db, { bookingId: Number(payload.bookingId), sequence: Number(payload.sequence), now });
});
