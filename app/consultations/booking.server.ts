import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Executor } from "../../db/client.server";
import type { ConsultationMode, ConsultationTopic } from "../../db/schema";
import { audit } from "../audit/audit.server";
import { env } from "../env.server";
import { scheduleJob } from "../jobs/schedule.server";
import { enqueueEmail } from "../notifications/outbox.server";
import { getCounselorForBooking, loadFreeSlots, offersMode, type CounselorForBooking } from "./booking-queries.server";
import { BookingError, isBookingError, type SlotOffer } from "./booking-errors";
import { CANCEL_REASON_MAX, NOTE_MAX } from "./booking-limits";
import { charCount, MODES, TOPICS } from "./booking-schemas";
import { canEmployeeChange, changeCutoff, reminderRunAt } from "./cutoff";
import { buildIcs, icsAttachment, type IcsMethod } from "./ics";
import type { Slot } from "./slots";

export { loadFreeSlots } from "./booking-queries.server";

// Commands of the booking side: book, move, cancel, remind. Each: `db` first (the pool or a caller's transaction),
// then the input, then who acts and when. One transaction each; the database guarantees what matters:
//   - no double booking: the rows are inserted/updated directly and the exclusion constraints
//     consultation_bookings_counselor_overlap / _employee_overlap (SQLSTATE 23P01) refuse the loser — there is
//     no check-then-insert to race (cal.com #13397);
//   - at most 2 future bookings per employee: the consultation_bookings_future_limit trigger;
//   - one booking per form: idempotency_key is UNIQUE, and a repeat returns the booking the first one made.
// The free-slot check before writing re-validates the posted time against the rules (never trust the form), and
// the emails (with their .ics) and the reminder job are written in the same transaction as the change.

export interface BookingContext {
  actorId: number;
  ip?: string | null;
  /** Defaults to the current time; also "today" for minimum notice, horizon and cutoff. */
  now?: Date;
  /** Base of links in emails; defaults to APP_URL. */
  appUrl?: string;
}

export const BOOKING_REMINDER_JOB = "consultations.booking-reminder";
const ALTERNATIVES = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

function baseUrl(ctx: BookingContext): string {
  return (ctx.appUrl ?? env().appUrl).replace(/\/$/, "");
}

const links = (ctx: BookingContext) => {
  const base = baseUrl(ctx);
  return {
    employee: (id: number) => `${base}/consultations/${id}`,
    list: () => `${base}/consultations`,
    counselor: () => `${base}/counselor`,
  };
};

/** The hidden idempotency key of a booking form, generated when the form renders. */
export function newIdempotencyKey(): string {
  return randomUUID();
}

function newIcsUid(ctx: BookingContext): string {
  let host = "portal.invalid";
  try {
    host = new URL(baseUrl(ctx)).hostname || host;
  } catch {
    // keep the placeholder host
  }
  return `consultation-${randomUUID()}@${host}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Database refusals → BookingError

interface PgError {
  code?: string;
  constraint?: string;
}
const pgError = (error: unknown) => (typeof error === "object" && error !== null ? error : {}) as PgError;

export function isCounselorOverlap(error: unknown): boolean {
  const e = pgError(error);
  return e.code === "23P01" && e.constraint === "consultation_bookings_counselor_overlap";
}
export function isEmployeeOverlap(error: unknown): boolean {
  const e = pgError(error);
  return e.code === "23P01" && e.constraint === "consultation_bookings_employee_overlap";
}
export function isFutureLimit(error: unknown): boolean {
  const e = pgError(error);
  return e.code === "23514" && e.constraint === "consultation_bookings_future_limit";
}
function isIdempotencyDuplicate(error: unknown): boolean {
  const e = pgError(error);
  return e.code === "23505" && (e.constraint ?? "").includes("idempotency_key");
}

function mapDatabaseError(error: unknown): unknown {
  if (isCounselorOverlap(error)) return new BookingError("slot_taken");
  if (isEmployeeOverlap(error)) return new BookingError("employee_overlap");
  if (isFutureLimit(error)) return new BookingError("limit_reached");
  if (isIdempotencyDuplicate(error)) return new BookingError("state_changed");
  return error;
}

let savepointCounter = 0;

/** A savepoint inside `trx`: a failed statement rolls back to it and the transaction carries on. */
async function inSavepoint<T>(trx: Executor, work: () => Promise<T>): Promise<T> {
  const name = sql.raw(`booking_sp_${++savepointCounter}`);
  await sql`SAVEPOINT ${name}`.execute(trx);
  try {
    const result = await work();
    await sql`RELEASE SAVEPOINT ${name}`.execute(trx);
    return result;
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT ${name}`.execute(trx);
    throw error;
  }
}

/** A new transaction, or a savepoint inside the caller's; database refusals become BookingErrors. */
async function atomically<T>(db: Executor, work: (trx: Executor) => Promise<T>): Promise<T> {
  try {
    if (!db.isTransaction) return await db.transaction().execute(work);
    return await inSavepoint(db, () => work(db));
  } catch (error) {
    throw mapDatabaseError(error);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Slots and alternatives

const tokyoMinuteKey = (d: Date) => d.getTime();

/** The free slots starting exactly at `startsAt` (one per counsellor, lowest id first). */
async function slotsAt(db: Executor, input: { counselorId: number | null; startsAt: Date; now: Date; mode?: ConsultationMode; excludeBookingId?: number; ignoreBookings?: boolean }): Promise<Slot[]> {
  const slots = await loadFreeSlots(db, {
    counselorId: input.counselorId,
    from: input.startsAt,
    to: new Date(input.startsAt.getTime() + 1),
    now: input.now,
    mode: input.mode,
    excludeBookingId: input.excludeBookingId,
    ignoreBookings: input.ignoreBookings,
    all: true,
  });
  return slots.filter((s) => tokyoMinuteKey(s.startsAt) === tokyoMinuteKey(input.startsAt)).sort((a, b) => a.counselorId - b.counselorId);
}

/** Refuses a time that is not a free slot: 「先に予約が入りました」 when only bookings stand in the way. */
async function refuseTime(db: Executor, input: Parameters<typeof slotsAt>[1]): Promise<never> {
  const withoutBookings = await slotsAt(db, { ...input, ignoreBookings: true });
  throw new BookingError(withoutBookings.length > 0 ? "slot_taken" : "slot_unavailable");
}

async function counselorNames(db: Executor, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("counselor_profiles").select(["employee_id", "display_name"]).where("employee_id", "in", ids).execute();
  return new Map(rows.map((r) => [r.employee_id, r.display_name]));
}

export async function toOffers(db: Executor, slots: Slot[]): Promise<SlotOffer[]> {
  const names = await counselorNames(db, [...new Set(slots.map((s) => s.counselorId))]);
  return slots.map((s) => ({ counselorId: s.counselorId, counselorName: names.get(s.counselorId) ?? "", startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() }));
}

/**
 * The nearest free times to offer after a refusal: the next 3 slots from the requested time on (of that
 * counsellor, or of any counsellor for 指定なし), leaving out times the employee is busy; from now on when
 * nothing is left after the requested time.
 */
export async function nearestAlternatives(
  db: Executor,
  input: { counselorId: number | null; startsAt: Date; employeeId: number; now: Date; mode?: ConsultationMode; excludeBookingId?: number; count?: number },
): Promise<SlotOffer[]> {
  const count = input.count ?? ALTERNATIVES;
  const until = new Date(input.now.getTime() + 366 * DAY_MS);
  const load = (from: Date) =>
    loadFreeSlots(db, {
      counselorId: input.counselorId,
      from,
      to: until,
      now: input.now,
      employeeId: input.employeeId,
      mode: input.counselorId === null ? input.mode : undefined,
      excludeBookingId: input.excludeBookingId,
    });
  const from = new Date(Math.max(input.startsAt.getTime(), input.now.getTime()));
  let slots = (await load(from)).filter((s) => s.startsAt.getTime() !== input.startsAt.getTime());
  if (slots.length === 0 && from.getTime() > input.now.getTime()) slots = await load(input.now);
  return toOffers(db, slots.slice(0, count));
}

// ---------------------------------------------------------------------------------------------------------------
// Mail: the facts every booking email needs, and the invitations

interface MailFacts {
  id: number;
  counselorId: number;
  employeeId: number;
  startsAt: Date;
  endsAt: Date;
  mode: ConsultationMode;
  icsUid: string;
  icsSequence: number;
  employeeName: string;
  employeeEmail: string;
  employeeUnit: string;
  counselorName: string;
  counselorEmail: string;
  room: string;
  meetingUrl: string;
}

async function mailFacts(db: Executor, bookingId: number): Promise<MailFacts> {
  const r = await db
    .selectFrom("consultation_bookings as b")
    .innerJoin("employees as e", "e.id", "b.employee_id")
    .leftJoin("departments as d", "d.id", "e.department_id")
    .innerJoin("counselor_profiles as cp", "cp.employee_id", "b.counselor_id")
    .innerJoin("employees as c", "c.id", "b.counselor_id")
    .select([
      "b.id",
      "b.counselor_id",
      "b.employee_id",
      "b.starts_at",
      "b.ends_at",
      "b.mode",
      "b.ics_uid",
      "b.ics_sequence",
      "e.name as employee_name",
      "e.email as employee_email",
      "d.name as unit_name",
      "cp.display_name",
      "c.email as counselor_email",
      "cp.room",
      "cp.meeting_url",
    ])
    .where("b.id", "=", bookingId)
    .executeTakeFirstOrThrow();
  return {
    id: r.id,
    counselorId: r.counselor_id,
    employeeId: r.employee_id,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    mode: r.mode,
    icsUid: r.ics_uid,
    icsSequence: r.ics_sequence,
    employeeName: r.employee_name,
    employeeEmail: r.employee_email,
    employeeUnit: r.unit_name ?? "",
    counselorName: r.display_name,
    counselorEmail: r.counselor_email,
    room: r.room,
    meetingUrl: r.meeting_url,
  };
}

/** The calendar entry: title キャリア相談, the room or オンライン — never the topic, the note or the meeting link. */
function invitation(f: MailFacts, method: IcsMethod, url: string, now: Date) {
  const ics = buildIcs({
    method,
    uid: f.icsUid,
    sequence: f.icsSequence,
    startsAt: f.startsAt,
    endsAt: f.endsAt,
    organizer: { name: f.counselorName, email: f.counselorEmail },
    attendee: { name: f.employeeName, email: f.employeeEmail },
    location: f.mode === "in_person" ? f.room || "対面" : "オンライン",
    url,
    now,
  });
  return [icsAttachment(ics, method)];
}

const sessionProps = (f: MailFacts) => ({
  startsAt: f.startsAt,
  endsAt: f.endsAt,
  counselorName: f.counselorName,
  mode: f.mode,
  room: f.mode === "in_person" ? f.room : null,
  meetingUrl: f.mode === "online" ? f.meetingUrl : null,
});

/** The reminder for this version of the booking (a move makes a new one; the old one finds a stale sequence). */
async function scheduleReminder(db: Executor, f: Pick<MailFacts, "id" | "startsAt" | "icsSequence">, now: Date): Promise<void> {
  const runAt = reminderRunAt(f.startsAt, now);
  if (!runAt) return;
  await scheduleJob(db, {
    name: BOOKING_REMINDER_JOB,
    runAt,
    payload: { bookingId: f.id, sequence: f.icsSequence },
    uniqueKey: `consultation-reminder:${f.id}:${f.icsSequence}`,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Book

export interface BookConsultationInput {
  /** null: 指定なし — the first free counsellor (lowest id) at that time who offers the mode. */
  counselorId: number | null;
  startsAt: Date;
  mode: ConsultationMode;
  topic: ConsultationTopic;
  note?: string | null;
  /** Generated when the form was rendered; the same key never books twice. */
  idempotencyKey: string;
}

export interface BookingResult {
  bookingId: number;
  counselorId: number;
  startsAt: Date;
  endsAt: Date;
  /** true when the key had already booked: nothing new was written. */
  repeated: boolean;
}

async function findByKey(db: Executor, key: string) {
  return db.selectFrom("consultation_bookings").select(["id", "employee_id", "counselor_id", "starts_at", "ends_at"]).where("idempotency_key", "=", key).executeTakeFirst();
}

function repeatOf(row: NonNullable<Awaited<ReturnType<typeof findByKey>>>, actorId: number): BookingResult {
  // A key is random per rendered form; one belonging to someone else is a forged or broken request.
  if (row.employee_id !== actorId) throw new BookingError("state_changed");
  return { bookingId: row.id, counselorId: row.counselor_id, startsAt: row.starts_at, endsAt: row.ends_at, repeated: true };
}

export async function bookConsultation(db: Executor, input: BookConsultationInput, ctx: BookingContext): Promise<BookingResult> {
  const now = ctx.now ?? new Date();
  const key = input.idempotencyKey.trim();
  if (!/^[A-Za-z0-9-]{16,100}$/.test(key)) throw new RangeError("idempotencyKey must be 16–100 letters, digits or hyphens");
  if (!MODES.includes(input.mode)) throw new RangeError(`unknown mode ${input.mode}`);
  if (!TOPICS.includes(input.topic)) throw new RangeError(`unknown topic ${input.topic}`);
  if (Number.isNaN(input.startsAt.getTime())) throw new RangeError("startsAt is not a valid date");
  const note = (input.note ?? "").trim();
  if (charCount(note) > NOTE_MAX) throw new RangeError(`note is longer than ${NOTE_MAX} characters`);
  if (input.counselorId === ctx.actorId) throw new BookingError("own_counselor");

  const earlier = await findByKey(db, key);
  if (earlier) return repeatOf(earlier, ctx.actorId);

  try {
    return await atomically(db, async (trx) => {
      const employee = await trx.selectFrom("employees").select(["id"]).where("id", "=", ctx.actorId).executeTakeFirst();
      if (!employee) throw new BookingError("forbidden");

      let candidates: CounselorForBooking[];
      if (input.counselorId !== null) {
        const counselor = await getCounselorForBooking(trx, input.counselorId, now);
        if (!counselor || !counselor.accepting) throw new BookingError("counselor_unavailable");
        if (!offersMode(counselor, input.mode)) throw new BookingError("mode_unavailable");
        const free = await slotsAt(trx, { counselorId: counselor.employee_id, startsAt: input.startsAt, now });
        if (free.length === 0) await refuseTime(trx, { counselorId: counselor.employee_id, startsAt: input.startsAt, now });
        candidates = [counselor];
      } else {
        const free = (await slotsAt(trx, { counselorId: null, startsAt: input.startsAt, now, mode: input.mode })).filter((s) => s.counselorId !== ctx.actorId);
        if (free.length === 0) await refuseTime(trx, { counselorId: null, startsAt: input.startsAt, now, mode: input.mode });
        candidates = [];
        for (const slot of free) {
          const counselor = await getCounselorForBooking(trx, slot.counselorId, now);
          if (counselor) candidates.push(counselor);
        }
        if (candidates.length === 0) throw new BookingError("slot_taken");
      }

      // Insert directly: the exclusion constraints decide a race. For 指定なし a counsellor taken in the meantime
      // just passes the turn to the next free one (each attempt in its own savepoint).
      let bookingId: number | null = null;
      for (const [index, counselor] of candidates.entries()) {
        const endsAt = new Date(input.startsAt.getTime() + counselor.session_minutes * 60_000);
        const blockedUntil = new Date(endsAt.getTime() + counselor.buffer_minutes * 60_000);
        const insert = () =>
          trx
            .insertInto("consultation_bookings")
            .values({
              counselor_id: counselor.employee_id,
              employee_id: ctx.actorId,
              starts_at: input.startsAt,
              ends_at: endsAt,
              blocked_until: blockedUntil,
              mode: input.mode,
              topic: input.topic,
              employee_note: note,
              ics_uid: newIcsUid(ctx),
              ics_sequence: 0,
              idempotency_key: key,
              created_at: now,
              updated_at: now,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
        const last = index === candidates.length - 1;
        try {
          bookingId = (last ? await insert() : await inSavepoint(trx, insert)).id;
          break;
        } catch (error) {
          if (!last && isCounselorOverlap(error)) continue;
          throw error;
        }
      }
      if (bookingId === null) throw new BookingError("slot_taken");

      const f = await mailFacts(trx, bookingId);
      const url = links(ctx);
      await audit(trx, {
        actorId: ctx.actorId,
        action: "consultation.book",
        entityType: "consultation_booking",
        entityId: bookingId,
        // Never the topic or the note: the audit log is read by HR.
        detail: { counselorId: f.counselorId, startsAt: f.startsAt.toISOString(), mode: f.mode, anyCounselor: input.counselorId === null },
        ip: ctx.ip,
      });
      await enqueueEmail(trx, {
        template: "consultation-booking-confirmed",
        to: f.employeeEmail,
        toEmployeeId: f.employeeId,
        dedupeKey: `consultation-booked:${f.id}:employee`,
        props: { ...sessionProps(f), employeeName: f.employeeName, changeUntil: changeCutoff(f.startsAt), url: url.employee(f.id) },
        attachments: invitation(f, "REQUEST", url.employee(f.id), now),
      });
      await enqueueEmail(trx, {
        template: "consultation-booking-counselor-notice",
        to: f.counselorEmail,
        toEmployeeId: f.counselorId,
        dedupeKey: `consultation-booked:${f.id}:counselor`,
        props: { ...sessionProps(f), recipientName: f.counselorName, employeeName: f.employeeName, employeeUnit: f.employeeUnit, url: url.counselor() },
        attachments: invitation(f, "REQUEST", url.counselor(), now),
      });
      await scheduleReminder(trx, f, now);
      return { bookingId, counselorId: f.counselorId, startsAt: f.startsAt, endsAt: f.endsAt, repeated: false };
    });
  } catch (error) {
    // A double-click: the other request may have booked with this key while this one waited and lost.
    const booked = await findByKey(db, key);
    if (booked) return repeatOf(booked, ctx.actorId);
    if (isBookingError(error) && (error.code === "slot_taken" || error.code === "slot_unavailable" || error.code === "employee_overlap")) {
      const alternatives = await nearestAlternatives(db, { counselorId: input.counselorId, startsAt: input.startsAt, employeeId: ctx.actorId, now, mode: input.mode });
      throw new BookingError(error.code, { alternatives });
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Move and cancel

async function lockBooking(trx: Executor, bookingId: number) {
  return trx
    .selectFrom("consultation_bookings")
    .select(["id", "counselor_id", "employee_id", "starts_at", "ends_at", "status", "mode", "ics_sequence"])
    .where("id", "=", bookingId)
    .forUpdate()
    .executeTakeFirst();
}

export interface MoveBookingInput {
  bookingId: number;
  startsAt: Date;
}

/**
 * The employee moves their booking to another free slot of the same counsellor, before the cutoff. The same row
 * is updated (same ics_uid, ics_sequence + 1), so calendars update the event rather than add one; the exclusion
 * constraints protect the new time exactly as they protect a new booking.
 */
export async function moveBooking(db: Executor, input: MoveBookingInput, ctx: BookingContext): Promise<BookingResult> {
  const now = ctx.now ?? new Date();
  if (Number.isNaN(input.startsAt.getTime())) throw new RangeError("startsAt is not a valid date");
  let counselorId: number | null = null;
  try {
    return await atomically(db, async (trx) => {
      const b = await lockBooking(trx, input.bookingId);
      if (!b || b.employee_id !== ctx.actorId) throw new BookingError("not_found");
      counselorId = b.counselor_id;
      if (b.status !== "booked") throw new BookingError("state_changed");
      if (!canEmployeeChange(b.starts_at, now)) throw new BookingError("past_cutoff");
      if (b.starts_at.getTime() === input.startsAt.getTime()) throw new BookingError("same_time");
      const counselor = await getCounselorForBooking(trx, b.counselor_id, now);
      if (!counselor || !counselor.accepting) throw new BookingError("counselor_unavailable");
      const free = await slotsAt(trx, { counselorId: b.counselor_id, startsAt: input.startsAt, now, excludeBookingId: b.id });
      if (free.length === 0) await refuseTime(trx, { counselorId: b.counselor_id, startsAt: input.startsAt, now, excludeBookingId: b.id });

      const endsAt = new Date(input.startsAt.getTime() + counselor.session_minutes * 60_000);
      const updated = await trx
        .updateTable("consultation_bookings")
        .set({
          starts_at: input.startsAt,
          ends_at: endsAt,
          blocked_until: new Date(endsAt.getTime() + counselor.buffer_minutes * 60_000),
          ics_sequence: b.ics_sequence + 1,
          updated_at: now,
        })
        .where("id", "=", b.id)
        .where("status", "=", "booked")
        .where("ics_sequence", "=", b.ics_sequence)
        .returning("id")
        .executeTakeFirst();
      if (!updated) throw new BookingError("state_changed");

      const f = await mailFacts(trx, b.id);
      const url = links(ctx);
      await audit(trx, {
        actorId: ctx.actorId,
        action: "consultation.move",
        entityType: "consultation_booking",
        entityId: b.id,
        detail: { from: b.starts_at.toISOString(), to: f.startsAt.toISOString(), sequence: f.icsSequence },
        ip: ctx.ip,
      });
      const previous = { previousStartsAt: b.starts_at, previousEndsAt: b.ends_at };
      await enqueueEmail(trx, {
        template: "consultation-booking-moved",
        to: f.employeeEmail,
        toEmployeeId: f.employeeId,
        dedupeKey: `consultation-moved:${f.id}:${f.icsSequence}:employee`,
        props: { ...sessionProps(f), ...previous, audience: "employee", recipientName: f.employeeName, employeeName: f.employeeName, url: url.employee(f.id) },
        attachments: invitation(f, "REQUEST", url.employee(f.id), now),
      });
      await enqueueEmail(trx, {
        template: "consultation-booking-moved",
        to: f.counselorEmail,
        toEmployeeId: f.counselorId,
        dedupeKey: `consultation-moved:${f.id}:${f.icsSequence}:counselor`,
        props: { ...sessionProps(f), ...previous, audience: "counselor", recipientName: f.counselorName, employeeName: f.employeeName, url: url.counselor() },
        attachments: invitation(f, "REQUEST", url.counselor(), now),
      });
      await scheduleReminder(trx, f, now);
      return { bookingId: f.id, counselorId: f.counselorId, startsAt: f.startsAt, endsAt: f.endsAt, repeated: false };
    });
  } catch (error) {
    if (isBookingError(error) && counselorId !== null && (error.code === "slot_taken" || error.code === "slot_unavailable" || error.code === "employee_overlap")) {
      const alternatives = await nearestAlternatives(db, { counselorId, startsAt: input.startsAt, employeeId: ctx.actorId, now, excludeBookingId: input.bookingId });
      throw new BookingError(error.code, { alternatives });
    }
    throw error;
  }
}

export interface CancelBookingInput {
  bookingId: number;
  reason?: string | null;
  /** employee: the booking's employee, before the cutoff. counselor: the booking's counsellor, before the start. */
  by: "employee" | "counselor";
}

export async function cancelBooking(db: Executor, input: CancelBookingInput, ctx: BookingContext): Promise<{ bookingId: number }> {
  const now = ctx.now ?? new Date();
  const reason = (input.reason ?? "").trim();
  if (charCount(reason) > CANCEL_REASON_MAX) throw new RangeError(`reason is longer than ${CANCEL_REASON_MAX} characters`);
  return atomically(db, async (trx) => {
    const b = await lockBooking(trx, input.bookingId);
    const owner = input.by === "employee" ? b?.employee_id : b?.counselor_id;
    if (!b || owner !== ctx.actorId) throw new BookingError("not_found");
    if (b.status !== "booked") throw new BookingError("state_changed");
    if (input.by === "employee" && !canEmployeeChange(b.starts_at, now)) throw new BookingError("past_cutoff");
    if (input.by === "counselor" && now.getTime() >= b.starts_at.getTime()) throw new BookingError("already_started");

    const updated = await trx
      .updateTable("consultation_bookings")
      .set({ status: "cancelled", cancelled_at: now, cancelled_by: ctx.actorId, cancel_reason: reason || null, ics_sequence: b.ics_sequence + 1, updated_at: now })
      .where("id", "=", b.id)
      .where("status", "=", "booked")
      .returning("id")
      .executeTakeFirst();
    if (!updated) throw new BookingError("state_changed");

    const f = await mailFacts(trx, b.id);
    const url = links(ctx);
    await audit(trx, {
      actorId: ctx.actorId,
      action: "consultation.cancel",
      entityType: "consultation_booking",
      entityId: b.id,
      detail: { by: input.by, startsAt: f.startsAt.toISOString(), sequence: f.icsSequence },
      ip: ctx.ip,
    });
    const common = { cancelledBy: input.by, employeeName: f.employeeName, counselorName: f.counselorName, startsAt: f.startsAt, endsAt: f.endsAt, reason: reason || null };
    await enqueueEmail(trx, {
      template: "consultation-booking-cancelled",
      to: f.employeeEmail,
      toEmployeeId: f.employeeId,
      dedupeKey: `consultation-cancelled:${f.id}:employee`,
      // The employee's own reason is not repeated back to them.
      props: { ...common, audience: "employee", recipientName: f.employeeName, reason: input.by === "counselor" ? common.reason : null, url: url.list() },
      attachments: invitation(f, "CANCEL", url.employee(f.id), now),
    });
    await enqueueEmail(trx, {
      template: "consultation-booking-cancelled",
      to: f.counselorEmail,
      toEmployeeId: f.counselorId,
      dedupeKey: `consultation-cancelled:${f.id}:counselor`,
      props: { ...common, audience: "counselor", recipientName: f.counselorName, url: url.counselor() },
      attachments: invitation(f, "CANCEL", url.counselor(), now),
    });
    return { bookingId: b.id };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Reminder

/**
 * The day-before reminder. Sent only while the booking is still 'booked', at the same ics_sequence the job was
 * scheduled for (a move or a cancellation bumps it) and before the session starts — so a cancelled or moved
 * session never gets a stale reminder. Returns whether an email was written.
 */
export async function sendBookingReminder(db: Executor, input: { bookingId: number; sequence: number; now?: Date; appUrl?: string }): Promise<boolean> {
  const now = input.now ?? new Date();
  const row = await db.selectFrom("consultation_bookings").select(["status", "ics_sequence", "starts_at"]).where("id", "=", input.bookingId).executeTakeFirst();
  if (!row || row.status !== "booked" || row.ics_sequence !== input.sequence || row.starts_at.getTime() <= now.getTime()) return false;
  const f = await mailFacts(db, input.bookingId);
  const cutoff = changeCutoff(f.startsAt);
  const url = links({ actorId: 0, appUrl: input.appUrl });
  await enqueueEmail(db, {
    template: "consultation-booking-reminder",
    to: f.employeeEmail,
    toEmployeeId: f.employeeId,
    dedupeKey: `consultation-reminder:${f.id}:${f.icsSequence}`,
    props: { ...sessionProps(f), employeeName: f.employeeName, counselorEmail: f.counselorEmail, changeUntil: now < cutoff ? cutoff : null, url: url.employee(f.id) },
  });
  return true;
}
