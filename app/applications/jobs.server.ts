// Job handlers of this area (registerJobHandler / registerPeriodicJob); imported by app/jobs/manifest.server.ts.
import { registerJobHandler, registerPeriodicJob } from "../jobs/handlers.server";
import { CONSENT_REMINDER_JOB, sendConsentReminder, startDueParticipations } from "./commands.server";

export const START_PARTICIPATIONS_JOB = "applications.start-participations";

export function registerApplicationJobs(): void {
  // Scheduled at submission for 09:00 JST three business days later; re-checks the status, so a decided,
  // withdrawn or cancelled application gets no reminder. "Now" is never earlier than the slot it was due in.
  registerJobHandler<{ applicationId: number }>(CONSENT_REMINDER_JOB, async (db, payload, job) => {
    const now = new Date(Math.max(Date.now(), new Date(job.run_at).getTime()));
    await sendConsentReminder(db, { applicationId: Number(payload.applicationId), now });
  });

  // accepted → participating once the period has begun. Hourly (at :05), so a missed run is caught up within the
  // hour; the UPDATE is set-based and idempotent.
  registerPeriodicJob(
    START_PARTICIPATIONS_JOB,
    60,
    async (db, payload) => {
      // The slot's own time decides "today", so a run is reproducible whenever the worker gets to it.
      await startDueParticipations(db, { now: new Date(payload.slotStart) });
    },
    { offsetMinutes: 5 },
  );
}

registerApplicationJobs();
