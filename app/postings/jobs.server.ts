import { registerPeriodicJob } from "../jobs/handlers.server";
import { runPostingLifecycle } from "./postings.server";

// Job handlers of this area; imported by app/jobs/manifest.server.ts.

export const POSTING_LIFECYCLE_JOB = "postings.lifecycle";

/**
 * Every 15 minutes (slots aligned to midnight Asia/Tokyo, so the 00:00 slot closes yesterday's deadlines at
 * once): published postings past their deadline close, closed ones past their period complete. Set-based and
 * idempotent, so a slot that runs twice or late changes nothing more. "Now" is the slot's start: the job does
 * exactly what was due at that moment, however late the worker picks it up.
 */
registerPeriodicJob(POSTING_LIFECYCLE_JOB, 15, async (db, payload) => {
  const slot = payload?.slotStart ? new Date(payload.slotStart) : new Date();
  const now = Number.isNaN(slot.getTime()) ? new Date() : slot;
  await runPostingLifecycle(db, { now });
});
