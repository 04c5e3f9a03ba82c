import { addDays, isBusinessDay, tokyoDate, tokyoDateTime, type IsoDate } from "../calendar/business-days";

// Time rules around one booking. PURE (no clock, no database), Asia/Tokyo.

/** An employee may cancel or move a session until 17:00 (Asia/Tokyo) of the previous business day. */
export const CHANGE_CUTOFF_TIME = "17:00";
/** The reminder goes out at 09:00 (Asia/Tokyo) the day before the session. */
export const REMINDER_TIME = "09:00";
/** A reminder that could not go out the day before is still sent when the session is more than this far off. */
export const REMINDER_MIN_LEAD_MS = 2 * 60 * 60 * 1000;

/** The last business day strictly before `date`. */
export function previousBusinessDay(date: IsoDate): IsoDate {
  let current = addDays(date, -1);
  while (!isBusinessDay(current)) current = addDays(current, -1);
  return current;
}

/**
 * Until when the employee may cancel or move the session starting at `startsAt`: 17:00 on the previous business
 * day. A Monday session after a holiday weekend → the Friday before, 17:00.
 */
export function changeCutoff(startsAt: Date, time: string = CHANGE_CUTOFF_TIME): Date {
  return tokyoDateTime(previousBusinessDay(tokyoDate(startsAt)), time);
}

/** Whether the employee may still cancel or move (strictly before the cutoff). */
export function canEmployeeChange(startsAt: Date, now: Date): boolean {
  return now.getTime() < changeCutoff(startsAt).getTime();
}

/**
 * When to send the reminder: 09:00 the calendar day before the session; if that has already passed, right now as
 * long as the session is still more than 2 hours away; otherwise null (no reminder).
 */
export function reminderRunAt(startsAt: Date, now: Date): Date | null {
  const dayBefore = tokyoDateTime(addDays(tokyoDate(startsAt), -1), REMINDER_TIME);
  if (dayBefore.getTime() > now.getTime()) return dayBefore;
  if (startsAt.getTime() - now.getTime() > REMINDER_MIN_LEAD_MS) return now;
  return null;
}
