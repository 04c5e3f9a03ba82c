import { sql } from "kysely";
import type { Executor } from "../../db/client.server";
import { audit } from "../audit/audit.server";
import { addDays, tokyoDate, tokyoDateTime } from "../calendar/business-days";
import { CounselorError, OVERRIDE_MAX_DAYS_AHEAD, OVERRIDE_NOTE_MAX, charCount, minutesOfDay } from "./counselor-schemas";
import { clockOf, counselorTransaction, type CounselorContext } from "./counselor.server";

// The counsellor's availability: weekly hours (ISO weekday + Asia/Tokyo wall-clock range, several a day, never
// overlapping — the table's exclusion constraint) and date exceptions (a day off, whole or partial, or extra hours).
// Every command is scoped to the acting counsellor, locks their profile row (so two tabs editing queue up),
// and writes an audit entry. Slot generation (app/consultations/slots.ts) reads these rows.

interface PgError {
  code?: string;
  table?: string;
}

/** 23P01 from counselor_weekly_hours' EXCLUDE constraint: the new range overlaps one of the same weekday. */
export function isWeeklyOverlap(error: unknown): boolean {
  const e = (typeof error === "object" && error !== null ? error : {}) as PgError;
  return e.code === "23P01" && e.table === "counselor_weekly_hours";
}

async function lockProfile(trx: Executor, counselorId: number) {
  const profile = await trx
    .selectFrom("counselor_profiles")
    .select(["employee_id", "session_minutes"])
    .where("employee_id", "=", counselorId)
    .forUpdate()
    .executeTakeFirst();
  if (!profile) throw new CounselorError("no_profile");
  return profile;
}

const toTime = (value: string) => {
  const minutes = minutesOfDay(value);
  if (minutes === null) throw new RangeError(`not a time of day: "${value}"`);
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
};

// ---------------------------------------------------------------------------------------------------------------
// Weekly hours

export async function listWeeklyHours(db: Executor, counselorId: number) {
  return db
    .selectFrom("counselor_weekly_hours")
    .select(["id", "weekday", "starts", "ends"])
    .where("counselor_id", "=", counselorId)
    .orderBy("weekday")
    .orderBy("starts")
    .execute();
}

export interface WeeklyHoursInput {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** 'HH:MM', Asia/Tokyo wall-clock time. */
  starts: string;
  ends: string;
}

/**
 * Adds a weekly range. Refuses (CounselorError) a range shorter than one session (range_too_short) and one that
 * overlaps another range of the same weekday (hours_overlap — decided by the exclusion constraint, so two
 * simultaneous requests cannot both get in). Ranges that merely touch (09:00–12:00 and 12:00–13:00) are fine.
 */
export async function addWeeklyHours(db: Executor, input: WeeklyHoursInput, ctx: CounselorContext): Promise<{ id: number }> {
  if (!Number.isInteger(input.weekday) || input.weekday < 1 || input.weekday > 7) throw new RangeError("weekday must be 1 (Monday) … 7 (Sunday)");
  const starts = toTime(input.starts);
  const ends = toTime(input.ends);
  const length = (minutesOfDay(ends) ?? 0) - (minutesOfDay(starts) ?? 0);
  if (length <= 0) throw new RangeError("ends must be after starts");
  try {
    return await counselorTransaction(db, async (trx) => {
      const profile = await lockProfile(trx, ctx.actorId);
      if (length < profile.session_minutes) throw new CounselorError("range_too_short", { minutes: profile.session_minutes });
      const row = await trx
        .insertInto("counselor_weekly_hours")
        .values({ counselor_id: ctx.actorId, weekday: input.weekday, starts, ends })
        .returning("id")
        .executeTakeFirstOrThrow();
      await audit(trx, {
        actorId: ctx.actorId,
        action: "counselor.hours.add",
        entityType: "counselor_profile",
        entityId: ctx.actorId,
        detail: { id: row.id, weekday: input.weekday, starts, ends },
        ip: ctx.ip,
      });
      return { id: row.id };
    });
  } catch (error) {
    if (isWeeklyOverlap(error)) throw new CounselorError("hours_overlap");
    throw error;
  }
}

/** Removes one of the counsellor's own weekly ranges; anyone else's id is entry_not_found. Existing bookings stay. */
export async function removeWeeklyHours(db: Executor, input: { id: number }, ctx: CounselorContext): Promise<void> {
  await counselorTransaction(db, async (trx) => {
    await lockProfile(trx, ctx.actorId);
    const removed = await trx
      .deleteFrom("counselor_weekly_hours")
      .where("id", "=", input.id)
      .where("counselor_id", "=", ctx.actorId)
      .returning(["weekday", "starts", "ends"])
      .executeTakeFirst();
    if (!removed) throw new CounselorError("entry_not_found");
    await audit(trx, {
      actorId: ctx.actorId,
      action: "counselor.hours.remove",
      entityType: "counselor_profile",
      entityId: ctx.actorId,
      detail: { id: input.id, weekday: removed.weekday, starts: removed.starts.slice(0, 5), ends: removed.ends.slice(0, 5) },
      ip: ctx.ip,
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Date exceptions

/** The counsellor's exceptions from `from` (a 'YYYY-MM-DD' date; default: all), by date and time. */
export async function listDateOverrides(db: Executor, counselorId: number, options: { from?: string } = {}) {
  let query = db
    .selectFrom("counselor_date_overrides")
    .select(["id", "on_date", "kind", "starts", "ends", "note"])
    .where("counselor_id", "=", counselorId)
    .orderBy("on_date")
    .orderBy(sql`starts NULLS FIRST`);
  if (options.from) query = query.where("on_date", ">=", options.from);
  return query.execute();
}

export interface DateOverrideInput {
  onDate: string;
  kind: "off" | "extra";
  /** 'HH:MM'; both null for a whole day off; required for extra hours. */
  starts?: string | null;
  ends?: string | null;
  note?: string | null;
}

const overlaps = (a: [number, number], b: [number, number]) => a[0] < b[1] && b[0] < a[1];

/**
 * Adds a date exception for today or a later date (at most a year ahead). Refuses one that overlaps an exception
 * of the same kind on that date (a whole day off overlaps every 'off'), and — for extra hours — a range shorter
 * than one session. Returns how many active bookings already fall in a new day off, so the page can say that
 * they stay booked until cancelled.
 */
export async function addDateOverride(db: Executor, input: DateOverrideInput, ctx: CounselorContext): Promise<{ id: number; bookingsAffected: number }> {
  const now = clockOf(ctx);
  const today = tokyoDate(now);
  const starts = input.starts ? toTime(input.starts) : null;
  const ends = input.ends ? toTime(input.ends) : null;
  const note = (input.note ?? "").trim();
  if ((starts === null) !== (ends === null)) throw new RangeError("starts and ends go together");
  if (input.kind === "extra" && starts === null) throw new RangeError("extra hours need starts and ends");
  if (starts && ends && (minutesOfDay(ends) ?? 0) <= (minutesOfDay(starts) ?? 0)) throw new RangeError("ends must be after starts");
  if (charCount(note) > OVERRIDE_NOTE_MAX) throw new RangeError(`note is at most ${OVERRIDE_NOTE_MAX} characters`);
  if (input.onDate < today) throw new CounselorError("override_past");
  if (input.onDate > addDays(today, OVERRIDE_MAX_DAYS_AHEAD)) throw new CounselorError("override_too_far");

  return counselorTransaction(db, async (trx) => {
    const profile = await lockProfile(trx, ctx.actorId);
    const range: [number, number] = starts && ends ? [minutesOfDay(starts)!, minutesOfDay(ends)!] : [0, 24 * 60];
    if (input.kind === "extra" && range[1] - range[0] < profile.session_minutes) throw new CounselorError("range_too_short", { minutes: profile.session_minutes });
    const sameDay = await trx
      .selectFrom("counselor_date_overrides")
      .select(["kind", "starts", "ends"])
      .where("counselor_id", "=", ctx.actorId)
      .where("on_date", "=", input.onDate)
      .where("kind", "=", input.kind)
      .execute();
    for (const other of sameDay) {
      const otherRange: [number, number] = other.starts && other.ends ? [minutesOfDay(other.starts)!, minutesOfDay(other.ends)!] : [0, 24 * 60];
      if (overlaps(range, otherRange)) throw new CounselorError("override_overlap");
    }
    const row = await trx
      .insertInto("counselor_date_overrides")
      .values({ counselor_id: ctx.actorId, on_date: input.onDate, kind: input.kind, starts, ends, note })
      .returning("id")
      .executeTakeFirstOrThrow();

    let bookingsAffected = 0;
    if (input.kind === "off") {
      const from = tokyoDateTime(input.onDate, starts ?? "00:00");
      const to = ends ? tokyoDateTime(input.onDate, ends) : tokyoDateTime(addDays(input.onDate, 1));
      const found = await trx
        .selectFrom("consultation_bookings")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("counselor_id", "=", ctx.actorId)
        .where("status", "=", "booked")
        .where("starts_at", "<", to)
        .where("ends_at", ">", from)
        .executeTakeFirstOrThrow();
      bookingsAffected = Number(found.n);
    }
    await audit(trx, {
      actorId: ctx.actorId,
      action: "counselor.override.add",
      entityType: "counselor_profile",
      entityId: ctx.actorId,
      detail: { id: row.id, onDate: input.onDate, kind: input.kind, starts, ends },
      ip: ctx.ip,
    });
    return { id: row.id, bookingsAffected };
  });
}

export async function removeDateOverride(db: Executor, input: { id: number }, ctx: CounselorContext): Promise<void> {
  await counselorTransaction(db, async (trx) => {
    await lockProfile(trx, ctx.actorId);
    const removed = await trx
      .deleteFrom("counselor_date_overrides")
      .where("id", "=", input.id)
      .where("counselor_id", "=", ctx.actorId)
      .returning(["on_date", "kind"])
      .executeTakeFirst();
    if (!removed) throw new CounselorError("entry_not_found");
    await audit(trx, {
      actorId: ctx.actorId,
      action: "counselor.override.remove",
      entityType: "counselor_profile",
      entityId: ctx.actorId,
      detail: { id: input.id, onDate: removed.on_date, kind: removed.kind },
      ip: ctx.ip,
    });
  });
}
