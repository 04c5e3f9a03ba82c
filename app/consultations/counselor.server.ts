import { sql } from "kysely";
import type { Executor } from "../../db/client.server";
import { audit } from "../audit/audit.server";
import { isBookingError } from "./booking-errors";
import { cancelBooking } from "./booking.server";
import { CANCEL_REASON_MAX, charCount, CounselorError, PROFILE_LIMITS, type CounselorErrorCode } from "./counselor-schemas";

// The counsellor's side of the career consultation room: the profile and booking rules, and the counsellor's
// cancellation of a session (delegated to the booking side's cancelBooking). Commands: `(db, input, ctx)` — db is
// the pool or the caller's transaction; one transaction (a savepoint inside the caller's); conditional UPDATEs,
// 0 rows → a CounselorError (404/409); audit entries and emails written in the same transaction.

export interface CounselorContext {
  /** The counsellor acting; every command is scoped to their own profile and bookings. */
  actorId: number;
  ip?: string | null;
  /** Defaults to the current time; seeds pass it to replay history. */
  now?: Date;
  /** Base of links in emails; defaults to APP_URL. */
  appUrl?: string;
}

export const clockOf = (ctx: { now?: Date }) => ctx.now ?? new Date();

/** A new transaction, or a savepoint inside the caller's so a refusal leaves the caller's work intact. */
export async function counselorTransaction<T>(db: Executor, work: (trx: Executor) => Promise<T>): Promise<T> {
  if (!db.isTransaction) return db.transaction().execute(work);
  await sql`SAVEPOINT counselor_command`.execute(db);
  try {
    const result = await work(db);
    await sql`RELEASE SAVEPOINT counselor_command`.execute(db);
    return result;
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT counselor_command`.execute(db);
    throw error;
  }
}

export async function hasCounselorRole(db: Executor, employeeId: number): Promise<boolean> {
  const grant = await db.selectFrom("role_grants").select("id").where("employee_id", "=", employeeId).where("role", "=", "counselor").executeTakeFirst();
  return Boolean(grant);
}

// ---------------------------------------------------------------------------------------------------------------
// Profile and booking rules

export async function getCounselorProfile(db: Executor, counselorId: number) {
  const row = await db.selectFrom("counselor_profiles").selectAll().where("employee_id", "=", counselorId).executeTakeFirst();
  return row ?? null;
}
export type CounselorProfile = NonNullable<Awaited<ReturnType<typeof getCounselorProfile>>>;

export interface CounselorProfileInput {
  displayName: string;
  qualifications?: string;
  introduction?: string;
  sessionMinutes?: number;
  bufferMinutes?: number;
  minNoticeBusinessDays?: number;
  horizonDays?: number;
  maxPerDay?: number;
  offersInPerson?: boolean;
  room?: string;
  offersOnline?: boolean;
  meetingUrl?: string;
  accepting?: boolean;
}

/** What a new profile starts with (the database's defaults), for the settings form. */
export function defaultProfile(displayName: string) {
  return {
    display_name: displayName,
    qualifications: "",
    introduction: "",
    session_minutes: PROFILE_LIMITS.sessionMinutes.default,
    buffer_minutes: PROFILE_LIMITS.bufferMinutes.default,
    min_notice_business_days: PROFILE_LIMITS.minNoticeBusinessDays.default,
    horizon_days: PROFILE_LIMITS.horizonDays.default,
    max_per_day: PROFILE_LIMITS.maxPerDay.default,
    offers_in_person: true,
    room: "",
    offers_online: true,
    meeting_url: "",
    accepting: true,
  };
}

const PROFILE_FIELDS = [
  "display_name",
  "qualifications",
  "introduction",
  "session_minutes",
  "buffer_minutes",
  "min_notice_business_days",
  "horizon_days",
  "max_per_day",
  "offers_in_person",
  "room",
  "offers_online",
  "meeting_url",
  "accepting",
] as const;
/** Settings whose old and new values go into the audit entry (the free texts are recorded as changed only). */
const AUDITED_VALUES = new Set<string>(["session_minutes", "buffer_minutes", "min_notice_business_days", "horizon_days", "max_per_day", "offers_in_person", "offers_online", "accepting"]);

function checkRange(name: string, value: number, limits: { min: number; max: number }) {
  if (!Number.isInteger(value) || value < limits.min || value > limits.max) throw new RangeError(`${name} must be an integer in [${limits.min}, ${limits.max}]`);
}

/**
 * Creates or updates the acting counsellor's own profile (the row must exist before anyone can book them).
 * Only a holder of the `counselor` role may have one. Omitted settings keep their current (or default) values.
 * Audit: counselor.profile.create | counselor.profile.update with the changed fields.
 */
export async function saveCounselorProfile(db: Executor, input: CounselorProfileInput, ctx: CounselorContext): Promise<{ created: boolean; changed: string[] }> {
  const now = clockOf(ctx);
  return counselorTransaction(db, async (trx) => {
    if (!(await hasCounselorRole(trx, ctx.actorId))) throw new CounselorError("forbidden");
    const before = await trx.selectFrom("counselor_profiles").selectAll().where("employee_id", "=", ctx.actorId).forUpdate().executeTakeFirst();
    const base = before ?? defaultProfile("");
    const next = {
      display_name: input.displayName.trim(),
      qualifications: (input.qualifications ?? base.qualifications).trim(),
      introduction: (input.introduction ?? base.introduction).trim(),
      session_minutes: input.sessionMinutes ?? base.session_minutes,
      buffer_minutes: input.bufferMinutes ?? base.buffer_minutes,
      min_notice_business_days: input.minNoticeBusinessDays ?? base.min_notice_business_days,
      horizon_days: input.horizonDays ?? base.horizon_days,
      max_per_day: input.maxPerDay ?? base.max_per_day,
      offers_in_person: input.offersInPerson ?? base.offers_in_person,
      room: (input.room ?? base.room).trim(),
      offers_online: input.offersOnline ?? base.offers_online,
      meeting_url: (input.meetingUrl ?? base.meeting_url).trim(),
      accepting: input.accepting ?? base.accepting,
    };
    if (!next.display_name || charCount(next.display_name) > PROFILE_LIMITS.displayName) throw new RangeError("displayName is required (≤ 60 characters)");
    checkRange("sessionMinutes", next.session_minutes, PROFILE_LIMITS.sessionMinutes);
    checkRange("bufferMinutes", next.buffer_minutes, PROFILE_LIMITS.bufferMinutes);
    checkRange("minNoticeBusinessDays", next.min_notice_business_days, PROFILE_LIMITS.minNoticeBusinessDays);
    checkRange("horizonDays", next.horizon_days, PROFILE_LIMITS.horizonDays);
    checkRange("maxPerDay", next.max_per_day, PROFILE_LIMITS.maxPerDay);

    await trx
      .insertInto("counselor_profiles")
      .values({ employee_id: ctx.actorId, ...next, updated_at: now })
      .onConflict((oc) => oc.column("employee_id").doUpdateSet({ ...next, updated_at: now }))
      .execute();

    const changed = PROFILE_FIELDS.filter((field) => !before || before[field] !== next[field]);
    const values: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of changed) if (AUDITED_VALUES.has(field)) values[field] = { from: before ? before[field] : null, to: next[field] };
    await audit(trx, {
      actorId: ctx.actorId,
      action: before ? "counselor.profile.update" : "counselor.profile.create",
      entityType: "counselor_profile",
      entityId: ctx.actorId,
      detail: { changed, values },
      ip: ctx.ip,
    });
    return { created: !before, changed };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Cancellation by the counsellor

export interface CancelByCounselorInput {
  bookingId: number;
  reason: string;
}

const FROM_BOOKING: Partial<Record<string, CounselorErrorCode>> = {
  not_found: "not_found",
  already_started: "already_started",
  state_changed: "state_changed",
};

/**
 * The counsellor cancels one of their own sessions before it starts, with a reason the employee reads. A reason
 * is required here (the page's form asks for it). The work is the booking side's `cancelBooking(…, by: 'counselor')`
 * (app/consultations/booking.server.ts): one transaction that locks the booking, sets status cancelled,
 * cancelled_at/by and the reason, bumps ics_sequence, audit-logs consultation.cancel and emails the employee and
 * the counsellor the METHOD:CANCEL calendar entry (same UID, the new SEQUENCE; title キャリア相談 only).
 * Refusals become CounselorErrors: not_found (no such booking of this counsellor), already_started, state_changed.
 */
export async function cancelBookingByCounselor(db: Executor, input: CancelByCounselorInput, ctx: CounselorContext): Promise<{ bookingId: number }> {
  const reason = input.reason.trim();
  if (!reason || charCount(reason) > CANCEL_REASON_MAX) throw new RangeError(`reason is required (≤ ${CANCEL_REASON_MAX} characters)`);
  try {
    return await cancelBooking(db, { bookingId: input.bookingId, reason, by: "counselor" }, ctx);
  } catch (error) {
    const code = isBookingError(error) ? FROM_BOOKING[error.code] : undefined;
    if (code) throw new CounselorError(code);
    throw error;
  }
}
