import { sql, type RawBuilder } from "kysely";
import type { Executor } from "../../db/client.server";
import type { BookingStatus, ConsultationMode, ConsultationTopic } from "../../db/schema";
import { addDays, isYearEndBreak, publicHolidayName, tokyoDate, tokyoDateTime, type IsoDate } from "../calendar/business-days";
import type { Locale } from "../i18n/locale";
import { cachedReport } from "../reports/report-cache.server";
import type { WeekDay } from "./BookingParts";
import type { SlotOffer } from "./booking-errors";
import { earliestBookableDate, freeSlots, groupByTokyoDate, unionByStart, weekStart, type Slot, type SlotProfile } from "./slots";

// Reads of the booking side. Every query that returns a booking is scoped to its employee: nobody else's
// bookings (or notes) ever leave this module for the employee pages.

export interface CounselorCard {
  id: number;
  name: string;
  qualifications: string;
  introduction: string;
  offersInPerson: boolean;
  room: string;
  offersOnline: boolean;
  sessionMinutes: number;
  accepting: boolean;
  /** The profile's booking rules: what loadWeek needs, so a page that lists the counsellors reads them once. */
  rules: SlotProfileRow;
}

// Constants go into these statements as literals, not parameters (as in postings/browse.server.ts): PostgreSQL then
// keeps one generic plan per prepared statement instead of planning every execution, and a generic plan can use the
// partial indexes on consultation_bookings (WHERE status <> 'cancelled') only when the status is written out.
const NOT_CANCELLED = sql.lit<BookingStatus>("cancelled");

/** Counsellors are employees holding the `counselor` role, still employed, with a profile. */
function counselorsQuery(db: Executor, today: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`not a calendar date: ${today}`);
  return db
    .selectFrom("counselor_profiles as cp")
    .innerJoin("employees as e", "e.id", "cp.employee_id")
    .where((eb) => eb.exists(eb.selectFrom("role_grants as rg").select("rg.id").whereRef("rg.employee_id", "=", "cp.employee_id").where("rg.role", "=", "counselor")))
    .where((eb) => eb.or([eb("e.left_on", "is", null), eb("e.left_on", ">=", sql.lit(today))]));
}

/** The counsellors employees can choose from (accepting ones), by id: the statement, for listCounselors and the booking page. */
function counselorCardsQuery(db: Executor, options: { now?: Date; includeNotAccepting?: boolean }) {
  let query = counselorsQuery(db, tokyoDate(options.now ?? new Date()))
    .select([
      "cp.employee_id as id",
      "cp.display_name as name",
      "cp.qualifications",
      "cp.introduction",
      "cp.offers_in_person",
      "cp.room",
      "cp.offers_online",
      "cp.session_minutes",
      "cp.accepting",
      "cp.buffer_minutes",
      "cp.min_notice_business_days",
      "cp.horizon_days",
      "cp.max_per_day",
    ])
    .orderBy("cp.employee_id");
  if (!options.includeNotAccepting) query = query.where("cp.accepting", "=", true);
  return query;
}

type CounselorCardRow = Awaited<ReturnType<ReturnType<typeof counselorCardsQuery>["execute"]>>[number];

function toCounselorCard(r: CounselorCardRow): CounselorCard {
  return {
    id: r.id,
    name: r.name,
    qualifications: r.qualifications,
    introduction: r.introduction,
    offersInPerson: r.offers_in_person,
    room: r.room,
    offersOnline: r.offers_online,
    sessionMinutes: r.session_minutes,
    accepting: r.accepting,
    rules: {
      employee_id: r.id,
      name: r.name,
      session_minutes: r.session_minutes,
      buffer_minutes: r.buffer_minutes,
      min_notice_business_days: r.min_notice_business_days,
      horizon_days: r.horizon_days,
      max_per_day: r.max_per_day,
      accepting: r.accepting,
    },
  };
}

/** The counsellors employees can choose from (accepting ones), by id. */
export async function listCounselors(db: Executor, options: { now?: Date; includeNotAccepting?: boolean } = {}): Promise<CounselorCard[]> {
  return (await counselorCardsQuery(db, options).execute()).map(toCounselorCard);
}

/** The two weeks from this Monday (Asia/Tokyo): where the booking page's first bookable week usually is. */
export function readAheadWindow(now: Date): { from: Date; to: Date } {
  const monday = weekStart(tokyoDate(now));
  return { from: tokyoDateTime(monday), to: tokyoDateTime(addDays(monday, 14)) };
}

/** Slot inputs read ahead for a window, for loadWeek (`prefetched`): the page's first week is usually in it. */
export interface PrefetchedSlotInputs {
  from: Date;
  to: Date;
  /** For every accepting counsellor (loadWeek takes the rows of those it shows), with the employee's own bookings; nothing excluded. */
  inputs: SlotInputs;
}

/** What every employee's booking page shares: the accepting counsellors and, for a window, their slot inputs. */
interface SharedBookingInputs {
  counselors: CounselorCard[];
  inputs: Omit<SlotInputs, "own"> | null;
}

/**
 * What the booking page starts from: the accepting counsellors (as listCounselors), how many future sessions the
 * employee has booked (what the 2-booking limit counts, as countFutureBookings) and, given a window, the slot inputs
 * of every accepting counsellor for it (as loadSlotInputs). The page's week depends on the counsellors' notice
 * periods, so it is only known afterwards; read for the two weeks from this Monday, it is in them unless a
 * counsellor asks for more than a week's notice or the reader pages ahead, and then loadWeek reads its own.
 *
 * The counsellors and their inputs are the same for every employee: they are cached under the report data version
 * (ADR 005, migration 0013; with `request`, the version its session statement read, ADR 012). Only the employee's
 * count and own bookings are read for each view, in one small statement.
 */
export async function counselorsAndFutureBookings(
  db: Executor,
  employeeId: number,
  now: Date,
  prefetch?: { from: Date; to: Date },
  options: { request?: Request } = {},
): Promise<{ counselors: CounselorCard[]; futureBookings: number; prefetched: PrefetchedSlotInputs | null }> {
  const key = `booking-inputs:${tokyoDate(now)}:${prefetch ? `${prefetch.from.toISOString()}/${prefetch.to.toISOString()}` : "-"}`;
  const [shared, mine] = await Promise.all([
    cachedReport(db, key, (trx) => readSharedBookingInputs(trx, now, prefetch), options),
    sql<{ future_bookings: string | number; own: JsonOwn[] | null }>`
      SELECT (${futureBookingsQuery(db, employeeId, now)}) AS future_bookings,
             ${prefetch ? ownBookingsColumn(prefetch, { employeeId }) : sql`NULL::json`} AS own
    `.execute(db),
  ]);
  const row = mine.rows[0];
  return {
    counselors: shared.counselors,
    futureBookings: Number(row?.future_bookings ?? 0),
    prefetched: prefetch && shared.inputs ? { from: prefetch.from, to: prefetch.to, inputs: { ...shared.inputs, own: toOwn(row?.own) } } : null,
  };
}

async function readSharedBookingInputs(db: Executor, now: Date, prefetch: { from: Date; to: Date } | undefined): Promise<SharedBookingInputs> {
  const accepting = counselorsQuery(db, tokyoDate(now)).where("cp.accepting", "=", true).select("cp.employee_id");
  const { rows } = await sql<{ counselors: CounselorCardRow[] | null } & Partial<SlotInputsRow>>`
    SELECT
      (SELECT json_agg(c ORDER BY c.id) FROM (${counselorCardsQuery(db, { now })}) AS c) AS counselors
      ${prefetch ? sql`, ${sharedInputColumns(sql`ANY(ARRAY(${accepting}))`, prefetch, {})}` : sql``}
  `.execute(db);
  const row = rows[0];
  return {
    counselors: (row?.counselors ?? []).map(toCounselorCard),
    inputs: prefetch && row ? toSharedInputs(row as SlotInputsRow) : null,
  };
}

export interface CounselorForBooking extends SlotProfile {
  name: string;
  email: string;
  offers_in_person: boolean;
  room: string;
  offers_online: boolean;
  meeting_url: string;
  accepting: boolean;
}

/** One counsellor with everything a booking needs (profile rules, modes, contact), or null. */
export async function getCounselorForBooking(db: Executor, counselorId: number, now: Date = new Date()): Promise<CounselorForBooking | null> {
  const row = await counselorsQuery(db, tokyoDate(now))
    .where("cp.employee_id", "=", counselorId)
    .select([
      "cp.employee_id",
      "cp.display_name as name",
      "e.email",
      "cp.session_minutes",
      "cp.buffer_minutes",
      "cp.min_notice_business_days",
      "cp.horizon_days",
      "cp.max_per_day",
      "cp.offers_in_person",
      "cp.room",
      "cp.offers_online",
      "cp.meeting_url",
      "cp.accepting",
    ])
    .executeTakeFirst();
  return row ?? null;
}

export function offersMode(counselor: Pick<CounselorForBooking, "offers_in_person" | "offers_online">, mode: ConsultationMode): boolean {
  return mode === "in_person" ? counselor.offers_in_person : counselor.offers_online;
}

export interface LoadFreeSlotsInput {
  /** null: every accepting counsellor (指定なし), one slot per time for the lowest free counsellor id. */
  counselorId: number | null;
  from: Date;
  to: Date;
  now: Date;
  /** Hide times that overlap this employee's own bookings (they would be refused), and never offer themself. */
  employeeId?: number;
  /** A booking being moved: it does not occupy its own counsellor or employee. */
  excludeBookingId?: number;
  /** Only counsellors offering this mode (指定なし with a mode already chosen). */
  mode?: ConsultationMode;
  /** 指定なし: keep every counsellor's slot instead of one per time. */
  all?: boolean;
  /** The grid as if nothing were booked (tells "taken" from "never a slot" when a time is refused). */
  ignoreBookings?: boolean;
}

export interface SlotProfileRow extends SlotProfile {
  employee_id: number;
  name: string;
}

/** The accepting counsellors a free-slot computation covers, with their booking rules (one query). */
function slotProfiles(db: Executor, input: { now: Date; counselorId: number | null; employeeId?: number; mode?: ConsultationMode }): Promise<SlotProfileRow[]> {
  let profiles = counselorsQuery(db, tokyoDate(input.now))
    .where("cp.accepting", "=", true)
    .select(["cp.employee_id", "cp.display_name as name", "cp.session_minutes", "cp.buffer_minutes", "cp.min_notice_business_days", "cp.horizon_days", "cp.max_per_day", "cp.accepting"])
    .orderBy("cp.employee_id");
  if (input.counselorId !== null) profiles = profiles.where("cp.employee_id", "=", input.counselorId);
  if (input.employeeId !== undefined) profiles = profiles.where("cp.employee_id", "<>", input.employeeId);
  if (input.mode === "in_person") profiles = profiles.where("cp.offers_in_person", "=", true);
  if (input.mode === "online") profiles = profiles.where("cp.offers_online", "=", true);
  return profiles.execute();
}

/** What the pure rules need besides the profiles, for the whole Tokyo days of [from, to). */
export interface SlotInputs {
  weekly: { counselor_id: number; weekday: number; starts: string; ends: string }[];
  overrides: { counselor_id: number; on_date: IsoDate; kind: "off" | "extra"; starts: string | null; ends: string | null }[];
  bookings: { id: number; counselor_id: number; starts_at: Date; blocked_until: Date }[];
  own: { starts_at: Date; ends_at: Date }[];
}

type SlotInputsRow = { weekly: SlotInputs["weekly"] | null; overrides: SlotInputs["overrides"] | null; bookings: JsonBooking[] | null; own: JsonOwn[] | null };

/** The window's whole Tokyo days, so the per-day maximum sees every booking of a day it touches. */
function wholeDays(window: { from: Date; to: Date }) {
  const firstDay = tokyoDate(window.from);
  const lastDay = tokyoDate(new Date(window.to.getTime() - 1));
  return { firstDay, lastDay, windowStart: tokyoDateTime(firstDay), windowEnd: tokyoDateTime(addDays(lastDay, 1)) };
}

const notMoved = (alias: string, excludeBookingId: number | undefined) => (excludeBookingId === undefined ? sql`` : sql` AND ${sql.ref(`${alias}.id`)} <> ${excludeBookingId}`);

/**
 * The counsellors' three inputs as JSON columns (weekly, overrides, bookings) of a SELECT. `counselors` is the
 * right-hand side of `counselor_id = …` (an `ANY(…)`).
 */
function sharedInputColumns(counselors: RawBuilder<unknown>, window: { from: Date; to: Date }, input: { excludeBookingId?: number; weekly?: SlotInputs["weekly"] }) {
  const { firstDay, lastDay, windowStart, windowEnd } = wholeDays(window);
  return sql`
      ${
        input.weekly
          ? sql`NULL::json`
          : sql`(SELECT json_agg(json_build_object('counselor_id', w.counselor_id, 'weekday', w.weekday, 'starts', w.starts, 'ends', w.ends))
                   FROM counselor_weekly_hours w WHERE w.counselor_id = ${counselors})`
      } AS weekly,
      (SELECT json_agg(json_build_object('counselor_id', o.counselor_id, 'on_date', o.on_date, 'kind', o.kind, 'starts', o.starts, 'ends', o.ends))
         FROM counselor_date_overrides o
        WHERE o.counselor_id = ${counselors} AND o.on_date >= ${firstDay}::date AND o.on_date <= ${lastDay}::date) AS overrides,
      (SELECT json_agg(json_build_object('id', b.id, 'counselor_id', b.counselor_id, 'starts_at', b.starts_at, 'blocked_until', b.blocked_until))
         FROM consultation_bookings b
        WHERE b.counselor_id = ${counselors} AND b.status <> ${NOT_CANCELLED} AND b.starts_at < ${windowEnd}
          AND b.blocked_until > ${windowStart}::timestamptz - interval '1 day'
          -- implied by the line above, as no booking blocks more than a day (migration 0012): a range of
          -- consultation_bookings_starts_idx whatever the values, so one generic plan serves every week
          AND b.starts_at > ${windowStart}::timestamptz - interval '48 hours'${notMoved("b", input.excludeBookingId)}) AS bookings`;
}

/** The employee's own bookings in the window's whole days, as a JSON column (null without an employee). */
function ownBookingsColumn(window: { from: Date; to: Date }, input: { employeeId?: number; excludeBookingId?: number }) {
  if (input.employeeId === undefined) return sql`NULL::json`;
  const { windowStart, windowEnd } = wholeDays(window);
  return sql`(SELECT json_agg(json_build_object('starts_at', s.starts_at, 'ends_at', s.ends_at))
                FROM consultation_bookings s
               WHERE s.employee_id = ${input.employeeId} AND s.status <> ${NOT_CANCELLED} AND s.starts_at < ${windowEnd}
                 AND s.ends_at > ${windowStart}${notMoved("s", input.excludeBookingId)})`;
}

/**
 * The four inputs as JSON columns (weekly, overrides, bookings, own) of one SELECT: on the booking page they were
 * four statements, and per statement the driver's and the server's fixed work cost more than these small reads.
 */
function slotInputsColumns(counselors: RawBuilder<unknown>, window: { from: Date; to: Date }, input: { employeeId?: number; excludeBookingId?: number; weekly?: SlotInputs["weekly"] }) {
  return sql`${sharedInputColumns(counselors, window, input)}, ${ownBookingsColumn(window, input)} AS own`;
}

function toSharedInputs(row: SlotInputsRow | undefined, weekly?: SlotInputs["weekly"]): Omit<SlotInputs, "own"> {
  return {
    weekly: weekly ?? row?.weekly ?? [],
    overrides: row?.overrides ?? [],
    bookings: (row?.bookings ?? []).map((b) => ({ id: b.id, counselor_id: b.counselor_id, starts_at: new Date(b.starts_at), blocked_until: new Date(b.blocked_until) })),
  };
}

const toOwn = (own: JsonOwn[] | null | undefined): SlotInputs["own"] => (own ?? []).map((b) => ({ starts_at: new Date(b.starts_at), ends_at: new Date(b.ends_at) }));

function toSlotInputs(row: SlotInputsRow | undefined, weekly?: SlotInputs["weekly"]): SlotInputs {
  return { ...toSharedInputs(row, weekly), own: toOwn(row?.own) };
}

async function loadSlotInputs(
  db: Executor,
  ids: number[],
  window: { from: Date; to: Date },
  input: { employeeId?: number; excludeBookingId?: number; weekly?: SlotInputs["weekly"] },
): Promise<SlotInputs> {
  const { rows } = await sql<SlotInputsRow>`SELECT ${slotInputsColumns(sql`ANY(${ids}::int[])`, window, input)}`.execute(db);
  return toSlotInputs(rows[0], input.weekly);
}

/** Timestamps arrive as ISO strings inside JSON. */
interface JsonBooking {
  id: number;
  counselor_id: number;
  starts_at: string;
  blocked_until: string;
}
interface JsonOwn {
  starts_at: string;
  ends_at: string;
}

/**
 * The pure part of loadFreeSlots: the slots in [from, to) from inputs loaded for (at least) the whole days of
 * that window — extra bookings or exceptions outside it change nothing.
 */
function computeFreeSlots(
  profiles: SlotProfile[],
  inputs: SlotInputs,
  input: { counselorId: number | null; from: Date; to: Date; now: Date; all?: boolean; ignoreBookings?: boolean },
): Slot[] {
  if (input.to.getTime() <= input.from.getTime()) return [];
  const all = profiles.flatMap((profile) =>
    freeSlots({
      profile,
      weekly: inputs.weekly.filter((w) => w.counselor_id === profile.employee_id),
      overrides: inputs.overrides.filter((o) => o.counselor_id === profile.employee_id),
      bookings: input.ignoreBookings ? [] : inputs.bookings.filter((b) => b.counselor_id === profile.employee_id),
      now: input.now,
      from: input.from,
      to: input.to,
    }),
  );
  // The employee cannot attend two sessions at once: [starts_at, ends_at) of theirs against the slot's session.
  const usable = all.filter((slot) => !inputs.own.some((b) => slot.startsAt < b.ends_at && b.starts_at < slot.endsAt));
  if (input.counselorId === null && !input.all) return unionByStart(usable);
  return usable.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.counselorId - b.counselorId);
}

/**
 * Free slots computed by the pure rules (slots.ts) from the database's profile, weekly hours, exceptions and
 * non-cancelled bookings. A snapshot for display and validation — the exclusion constraints decide races.
 */
export async function loadFreeSlots(db: Executor, input: LoadFreeSlotsInput): Promise<Slot[]> {
  if (input.to.getTime() <= input.from.getTime()) return [];
  const rows = await slotProfiles(db, input);
  if (rows.length === 0) return [];
  const inputs = await loadSlotInputs(db, rows.map((r) => r.employee_id), input, input);
  return computeFreeSlots(rows, inputs, input);
}

function futureBookingsQuery(db: Executor, employeeId: number, now: Date) {
  return db
    .selectFrom("consultation_bookings")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("employee_id", "=", employeeId)
    .where("status", "=", "booked")
    .where("starts_at", ">", now);
}

/** Future sessions still booked (what the 2-booking limit counts). */
export async function countFutureBookings(db: Executor, employeeId: number, now: Date): Promise<number> {
  const row = await futureBookingsQuery(db, employeeId, now).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface MyBookingRow {
  id: number;
  counselorId: number;
  counselorName: string;
  startsAt: Date;
  endsAt: Date;
  mode: ConsultationMode;
  status: BookingStatus;
}

/** The employee's own bookings: upcoming (booked, not yet over) soonest first; history (the rest) latest first. */
export async function listMyBookings(db: Executor, employeeId: number, now: Date): Promise<{ upcoming: MyBookingRow[]; history: MyBookingRow[] }> {
  const rows = await db
    .selectFrom("consultation_bookings as b")
    .innerJoin("counselor_profiles as cp", "cp.employee_id", "b.counselor_id")
    .select(["b.id", "b.counselor_id", "cp.display_name", "b.starts_at", "b.ends_at", "b.mode", "b.status"])
    .where("b.employee_id", "=", employeeId)
    .orderBy("b.starts_at")
    .orderBy("b.id")
    .execute();
  const mapped: MyBookingRow[] = rows.map((r) => ({ id: r.id, counselorId: r.counselor_id, counselorName: r.display_name, startsAt: r.starts_at, endsAt: r.ends_at, mode: r.mode, status: r.status }));
  const isUpcoming = (b: MyBookingRow) => b.status === "booked" && b.endsAt.getTime() > now.getTime();
  return { upcoming: mapped.filter(isUpcoming), history: mapped.filter((b) => !isUpcoming(b)).reverse() };
}

export interface OwnBooking {
  id: number;
  counselorId: number;
  counselorName: string;
  counselorEmail: string;
  counselorQualifications: string;
  employeeId: number;
  startsAt: Date;
  endsAt: Date;
  mode: ConsultationMode;
  room: string;
  meetingUrl: string;
  topic: ConsultationTopic;
  note: string;
  status: BookingStatus;
  cancelledAt: Date | null;
  cancelledByCounselor: boolean;
  cancelReason: string | null;
  icsSequence: number;
  createdAt: Date;
}

/** One booking, only when it is the employee's own; null otherwise (the page answers 404). */
export async function getOwnBooking(db: Executor, input: { bookingId: number; employeeId: number }): Promise<OwnBooking | null> {
  const r = await db
    .selectFrom("consultation_bookings as b")
    .innerJoin("counselor_profiles as cp", "cp.employee_id", "b.counselor_id")
    .innerJoin("employees as c", "c.id", "b.counselor_id")
    .select([
      "b.id",
      "b.counselor_id",
      "cp.display_name",
      "c.email",
      "cp.qualifications",
      "b.employee_id",
      "b.starts_at",
      "b.ends_at",
      "b.mode",
      "cp.room",
      "cp.meeting_url",
      "b.topic",
      "b.employee_note",
      "b.status",
      "b.cancelled_at",
      "b.cancelled_by",
      "b.cancel_reason",
      "b.ics_sequence",
      "b.created_at",
    ])
    .where("b.id", "=", input.bookingId)
    .where("b.employee_id", "=", input.employeeId)
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    counselorId: r.counselor_id,
    counselorName: r.display_name,
    counselorEmail: r.email,
    counselorQualifications: r.qualifications,
    employeeId: r.employee_id,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    mode: r.mode,
    room: r.room,
    meetingUrl: r.meeting_url,
    topic: r.topic,
    note: r.employee_note,
    status: r.status,
    cancelledAt: r.cancelled_at,
    cancelledByCounselor: r.cancelled_by !== null && r.cancelled_by === r.counselor_id,
    cancelReason: r.cancel_reason,
    icsSequence: r.ics_sequence,
    createdAt: r.created_at,
  };
}

export interface WeekView {
  weekStart: IsoDate;
  weekEnd: IsoDate;
  days: WeekDay[];
  /** When this week has nothing: the first free time after it (within the horizon), else null. */
  nextFree: SlotOffer | null;
  /** Week navigation bounds: this week … the week of the furthest horizon. */
  firstWeek: IsoDate;
  lastWeek: IsoDate;
  /** The longest booking horizon (days) of the counsellors shown. */
  horizonDays: number;
}

/** Normalises a ?week= parameter to a Monday within [first, last]; anything else → the first week with a slot. */
export function clampWeek(value: string | null, first: IsoDate, last: IsoDate): IsoDate | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(new Date(`${value}T00:00:00Z`).getTime())) return null;
  const monday = weekStart(value);
  if (monday < first) return first;
  if (monday > last) return last;
  return monday;
}

/**
 * A week (Monday–Sunday, Asia/Tokyo) of free slots for the booking and move pages, with holiday labels and,
 * when the week is empty, the next free time. `week` null: the week of the first free slot from now on.
 *
 * Only what is shown is computed: the asked-for week (or the first bookable one), and only when that week has
 * nothing, the weeks after it one at a time until a free slot turns up. The data of the later weeks is read in
 * one go, and only then.
 */
export async function loadWeek(
  db: Executor,
  input: {
    counselorId: number | null;
    week: string | null;
    now: Date;
    employeeId: number;
    excludeBookingId?: number;
    locale: Locale;
    around?: Date | null;
    /** The accepting counsellors' rules, when the caller has just read them (listCounselors): saves a query. */
    accepting?: SlotProfileRow[];
    /** Slot inputs read ahead with the counsellors (counselorsAndFutureBookings): a week inside their window needs no query. */
    prefetched?: PrefetchedSlotInputs | null;
  },
): Promise<WeekView> {
  const today = tokyoDate(input.now);
  // The counsellors shown (accepting; the chosen one, or everyone but the employee) with their rules and names;
  // the employee is never offered themself.
  const shown = input.accepting
    ? input.accepting.filter((p) => p.accepting !== false && (input.counselorId === null ? p.employee_id !== input.employeeId : p.employee_id === input.counselorId))
    : await slotProfiles(db, { now: input.now, counselorId: input.counselorId, employeeId: input.counselorId === null ? input.employeeId : undefined });
  const profiles = shown.filter((p) => p.employee_id !== input.employeeId);
  const horizonDays = Math.max(1, ...shown.map((r) => r.horizon_days));
  // Navigation starts at the week of the earliest bookable date (minimum notice), not at a week with nothing left.
  const earliest = shown.map((r) => earliestBookableDate(input.now, r.min_notice_business_days)).sort()[0] ?? today;
  const firstWeek = weekStart(earliest);
  const lastWeek = weekStart(addDays(today, horizonDays));
  const names = new Map(profiles.map((c) => [c.employee_id, c.name]));
  const horizonEnd = tokyoDateTime(addDays(lastWeek, 7));
  const ids = profiles.map((p) => p.employee_id);
  const common = { counselorId: input.counselorId, now: input.now };
  const options = { employeeId: input.employeeId, excludeBookingId: input.excludeBookingId };

  let weekly: SlotInputs["weekly"] | undefined; // read once, whatever the number of windows
  // Read ahead for this employee with nothing excluded: a superset of what the window needs (computeFreeSlots takes
  // each shown counsellor's own rows, and rows outside the window change nothing).
  const ahead = input.excludeBookingId === undefined ? input.prefetched : null;
  const inputsFor = async (from: Date, to: Date) => {
    if (ahead && ahead.from.getTime() <= from.getTime() && to.getTime() <= ahead.to.getTime()) {
      weekly = ahead.inputs.weekly;
      return ahead.inputs;
    }
    const inputs = await loadSlotInputs(db, ids, { from, to }, { ...options, weekly });
    weekly = inputs.weekly;
    return inputs;
  };
  const weekSlots = async (monday: IsoDate): Promise<Slot[]> => {
    if (ids.length === 0) return [];
    const from = tokyoDateTime(monday);
    const to = tokyoDateTime(addDays(monday, 7));
    return computeFreeSlots(profiles, await inputsFor(from, to), { ...common, from, to });
  };
  /** The weeks from `monday` on, one at a time, until the first with a free slot (its Monday and slots), or null. */
  const firstWeekWithSlots = async (monday: IsoDate): Promise<{ monday: IsoDate; slots: Slot[] } | null> => {
    const from = tokyoDateTime(monday);
    if (ids.length === 0 || from.getTime() >= horizonEnd.getTime()) return null;
    const inputs = await inputsFor(from, horizonEnd);
    for (let week = monday; tokyoDateTime(week).getTime() < horizonEnd.getTime(); week = addDays(week, 7)) {
      const slots = computeFreeSlots(profiles, inputs, { ...common, from: tokyoDateTime(week), to: tokyoDateTime(addDays(week, 7)) });
      if (slots.length > 0) return { monday: week, slots };
    }
    return null;
  };

  let monday = clampWeek(input.week ?? (input.around ? tokyoDate(input.around) : null), firstWeek, lastWeek);
  let slots: Slot[];
  let later: { monday: IsoDate; slots: Slot[] } | null | undefined;
  if (monday) {
    slots = await weekSlots(monday);
  } else {
    // No slot can fall before the first bookable week: look from there.
    const first = await weekSlots(firstWeek);
    if (first.length > 0) {
      monday = firstWeek;
      slots = first;
    } else {
      later = await firstWeekWithSlots(addDays(firstWeek, 7));
      monday = later?.monday ?? firstWeek;
      slots = later?.slots ?? [];
    }
  }
  const byDay = groupByTokyoDate(slots);
  const days: WeekDay[] = Array.from({ length: 7 }, (_, i) => {
    const date = addDays(monday!, i);
    const holiday = publicHolidayName(date, input.locale);
    const closedLabel = holiday ?? (isYearEndBreak(date) ? (input.locale === "en" ? "Year-end holidays" : "年末年始") : null);
    return {
      date,
      closedLabel,
      slots: (byDay.get(date) ?? []).map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), counselorId: s.counselorId, counselorName: names.get(s.counselorId) ?? "" })),
    };
  });

  let nextFree: SlotOffer | null = null;
  if (slots.length === 0) {
    // The week shown has nothing: the first free time after it (already known when the search above found none).
    const after = later === undefined ? await firstWeekWithSlots(addDays(monday, 7)) : null;
    const first = after?.slots[0];
    if (first) nextFree = { counselorId: first.counselorId, counselorName: names.get(first.counselorId) ?? "", startsAt: first.startsAt.toISOString(), endsAt: first.endsAt.toISOString() };
  }
  return { weekStart: monday, weekEnd: addDays(monday, 6), days, nextFree, firstWeek, lastWeek, horizonDays };
}
