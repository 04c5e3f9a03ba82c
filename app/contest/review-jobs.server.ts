import { registerPeriodicJob } from "../jobs/handlers.server";
import { sendReviewReminders } from "./reviews.server";

// Job handlers of the review part of the contest; imported (one line) by app/contest/jobs.server.ts.

export const REVIEW_REMINDER_JOB = "contest.review-reminder";

/**
 * Daily at 09:00 JST: reviewers with unsubmitted reviews in a round whose review window closes within 3 days get
 * one reminder per round (outbox dedupe key per round and reviewer, so a re-run or a second instance sends
 * nothing more). "Now" is the slot's start, so a late run still decides by the day it was due.
 */
registerPeriodicJob(
  REVIEW_REMINDER_JOB,
  24 * 60,
  async (db, payload) => {
    const slot = payload?.slotStart ? new Date(payload.slotStart) : new Date();
    await sendReviewReminders(db, { now: Number.isNaN(slot.getTime()) ? new Date() : slot });
  },
  { offsetMinutes: 9 * 60 },
);
