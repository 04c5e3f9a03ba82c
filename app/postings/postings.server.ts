import { sql } from "kysely";
import { atomically as inTransaction } from "../../db/client.server";
import type { Executor } from "../../db/client.server";
import type { PostingStatus } from "../../db/schema";
import { audit } from "../audit/audit.server";
import { todayInTokyo } from "../i18n/format";
import { CANCELLABLE_STATUSES, CANCELLED_WITH_POSTING, CONSENTED_APPLICATION_STATUSES, DEFAULT_SIDE_JOB_CAP_PERCENT, EDITABLE_STATUSES, LIVE_APPLICATION_STATUSES } from "./model";
import { notifyPostingApproved, notifyPostingCancelled, notifyPostingReturned, notifyPostingSubmitted } from "./notify.server";
import type { PostingInput } from "./schema";

// Postings: queries and commands. Every status change is one conditional UPDATE (… WHERE status IN (expected)
// RETURNING), so of two people acting at once exactly one wins and the other gets a PostingStateError; the
// database trigger postings_transition refuses any change outside the graph whatever code issues it.

export type PostingConflict = "state_changed" | "apply_from_past" | "window_passed" | "not_started";

/** A command found the posting in another state than it needs (HTTP 409). */
export class PostingStateError extends Error {
  readonly status = 409;
  constructor(
    readonly code: PostingConflict,
    readonly current: PostingStatus | null,
  ) {
    super(`posting state conflict: ${code}${current ? ` (current status ${current})` : ""}`);
  }
}

/** The posting does not exist (HTTP 404). */
export class PostingNotFoundError extends Error {
  readonly status = 404;
  constructor(readonly postingId: number) {
    super(`posting ${postingId} not found`);
  }
}

export interface CommandContext {
  actorId: number;
  ip?: string | null;
  /** The moment of the change (timestamps, "today" in Asia/Tokyo); seeds and tests pass it to create history. */
  now?: Date;
  /** Base URL for links in emails; defaults to APP_URL. */
  appUrl?: string;
}

export { inTransaction };

function columnsOf(input: PostingInput) {
  return {
    scheme: input.scheme,
    title: input.title,
    host_department_id: input.hostDepartmentId,
    summary: input.summary,
    work_content: input.workContent,
    skills: input.skills,
    hours_per_month: input.hoursPerMonth,
    period_start: input.periodStart,
    period_end: input.periodEnd,
    capacity: input.capacity,
    work_style: input.workStyle,
    place: input.place,
    max_grade: input.maxGrade,
    employment_types: input.employmentTypes,
    selection_method: input.selectionMethod,
    contact: input.contact,
    apply_from: input.applyFrom,
    apply_until: input.applyUntil,
  };
}

async function currentStatus(db: Executor, id: number): Promise<PostingStatus> {
  const row = await db.selectFrom("postings").select("status").where("id", "=", id).executeTakeFirst();
  if (!row) throw new PostingNotFoundError(id);
  return row.status;
}

// ---------------------------------------------------------------------------------------------------------
// Commands

/** A new draft for one of the actor's units (the route checks the actor is a posting_manager of that unit). */
export async function createPosting(db: Executor, input: PostingInput, ctx: CommandContext): Promise<{ id: number }> {
  const now = ctx.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto("postings")
      .values({ ...columnsOf(input), status: "draft", created_by: ctx.actorId, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, { actorId: ctx.actorId, action: "posting.create", entityType: "posting", entityId: row.id, detail: { title: input.title, hostDepartmentId: input.hostDepartmentId }, ip: ctx.ip });
    return { id: row.id };
  });
}

/** Edits a draft or returned posting; refused (409) once it has been submitted. */
export async function updatePosting(db: Executor, id: number, input: PostingInput, ctx: CommandContext): Promise<void> {
  const now = ctx.now ?? new Date();
  await inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable("postings")
      .set({ ...columnsOf(input), updated_at: now })
      .where("id", "=", id)
      .where("status", "in", EDITABLE_STATUSES)
      .returning("id")
      .executeTakeFirst();
    if (!row) throw new PostingStateError("state_changed", await currentStatus(trx, id));
    await audit(trx, { actorId: ctx.actorId, action: "posting.update", entityType: "posting", entityId: id, detail: { title: input.title }, ip: ctx.ip });
  });
}

/** draft | returned → pending_approval; the window must not have started. Emails every hr_admin. */
export async function submitPosting(db: Executor, id: number, ctx: CommandContext): Promise<void> {
  const now = ctx.now ?? new Date();
  const today = todayInTokyo(now);
  await inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable("postings")
      .set({ status: "pending_approval", submitted_at: now })
      .where("id", "=", id)
      .where("status", "in", EDITABLE_STATUSES)
      .where("apply_from", ">=", today)
      .returning(["id"])
      .executeTakeFirst();
    if (!row) {
      const status = await currentStatus(trx, id);
      throw new PostingStateError(EDITABLE_STATUSES.includes(status) ? "apply_from_past" : "state_changed", status);
    }
    await audit(trx, { actorId: ctx.actorId, action: "posting.submit", entityType: "posting", entityId: id, detail: { to: "pending_approval" }, ip: ctx.ip });
    await notifyPostingSubmitted(trx, id, { submittedBy: ctx.actorId, at: now, appUrl: ctx.appUrl });
  });
}

/** pending_approval → published (HR); refused once the deadline has passed. Emails the creator and managers. */
export async function approvePosting(db: Executor, id: number, ctx: CommandContext): Promise<void> {
  const now = ctx.now ?? new Date();
  const today = todayInTokyo(now);
  await inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable("postings")
      .set({ status: "published", approved_by: ctx.actorId, approved_at: now })
      .where("id", "=", id)
      .where("status", "=", "pending_approval")
      .where("apply_until", ">=", today)
      .returning("id")
      .executeTakeFirst();
    if (!row) {
      const status = await currentStatus(trx, id);
      throw new PostingStateError(status === "pending_approval" ? "window_passed" : "state_changed", status);
    }
    await audit(trx, { actorId: ctx.actorId, action: "posting.approve", entityType: "posting", entityId: id, detail: { to: "published" }, ip: ctx.ip });
    await notifyPostingApproved(trx, id, { at: now, appUrl: ctx.appUrl });
  });
}

/** pending_approval → returned with HR's comment (editable and resubmittable again). Emails creator and managers. */
export async function returnPosting(db: Executor, id: number, comment: string, ctx: CommandContext): Promise<void> {
  const now = ctx.now ?? new Date();
  await inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable("postings")
      .set({ status: "returned", review_comment: comment })
      .where("id", "=", id)
      .where("status", "=", "pending_approval")
      .returning("id")
      .executeTakeFirst();
    if (!row) throw new PostingStateError("state_changed", await currentStatus(trx, id));
    await audit(trx, { actorId: ctx.actorId, action: "posting.return", entityType: "posting", entityId: id, detail: { to: "returned", comment }, ip: ctx.ip });
    await notifyPostingReturned(trx, id, { comment, at: now, appUrl: ctx.appUrl });
  });
}

/** published → closed by hand (the periodic job does the same after the deadline). */
export async function closePosting(db: Executor, id: number, ctx: CommandContext): Promise<void> {
  const now = ctx.now ?? new Date();
  await inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable("postings")
      .set({ status: "closed", closed_at: now })
      .where("id", "=", id)
      .where("status", "=", "published")
      .returning("id")
      .executeTakeFirst();
    if (!row) throw new PostingStateError("state_changed", await currentStatus(trx, id));
    await audit(trx, { actorId: ctx.actorId, action: "posting.close", entityType: "posting", entityId: id, detail: { to: "closed" }, ip: ctx.ip });
  });
}

/** closed → completed by hand, once the period has started (the periodic job does it after the period). */
export async function completePosting(db: Executor, id: number, ctx: CommandContext): Promise<void> {
  const now = ctx.now ?? new Date();
  const today = todayInTokyo(now);
  await inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable("postings")
      .set({ status: "completed", completed_at: now })
      .where("id", "=", id)
      .where("status", "=", "closed")
      .where("period_start", "<=", today)
      .returning("id")
      .executeTakeFirst();
    if (!row) {
      const status = await currentStatus(trx, id);
      throw new PostingStateError(status === "closed" ? "not_started" : "state_changed", status);
    }
    await audit(trx, { actorId: ctx.actorId, action: "posting.complete", entityType: "posting", entityId: id, detail: { to: "completed" }, ip: ctx.ip });
  });
}

export interface CancelOutcome {
  previous: PostingStatus;
  /** Applications moved to 'cancelled' with the posting. */
  cancelledApplicationIds: number[];
  /** Applicants emailed (those still employed). */
  notified: number;
}

/**
 * Any status before completed → cancelled, with a reason. In the same transaction: every live application of
 * the posting becomes 'cancelled' (cancelled_at set), the participation records of those applications end on
 * the cancel date (or are deleted when they had not started yet), and each applicant is emailed the reason.
 */
export async function cancelPosting(db: Executor, id: number, reason: string, ctx: CommandContext): Promise<CancelOutcome> {
  const now = ctx.now ?? new Date();
  const today = todayInTokyo(now);
  return inTransaction(db, async (trx) => {
    // The CTE locks the row and reports the status it had, so the audit entry says what was cancelled.
    const row = await trx
      .with("old", (qb) => qb.selectFrom("postings").select(["id", "status"]).where("id", "=", id).forUpdate())
      .updateTable("postings as p")
      .from("old")
      .set({ status: "cancelled", cancel_reason: reason, cancelled_at: now })
      .whereRef("p.id", "=", "old.id")
      .where("old.status", "in", CANCELLABLE_STATUSES)
      .returning(["old.status as previous"])
      .executeTakeFirst();
    if (!row) throw new PostingStateError("state_changed", await currentStatus(trx, id));

    const applications = await trx
      .updateTable("applications")
      .set({ status: "cancelled", cancelled_at: now })
      .where("posting_id", "=", id)
      .where("status", "in", CANCELLED_WITH_POSTING)
      .returning(["id", "employee_id", "status"])
      .execute();
    const ids = applications.map((a) => a.id);
    let endedParticipations = 0;
    let deletedParticipations = 0;
    if (ids.length > 0) {
      const deleted = await trx.deleteFrom("participations").where("application_id", "in", ids).where("start_on", ">", today).returning("id").execute();
      const ended = await trx
        .updateTable("participations")
        .set({ end_on: today, updated_at: now })
        .where("application_id", "in", ids)
        .where("start_on", "<=", today)
        .where((eb) => eb.or([eb("end_on", "is", null), eb("end_on", ">", today)]))
        .returning("id")
        .execute();
      deletedParticipations = deleted.length;
      endedParticipations = ended.length;
    }
    await audit(trx, {
      actorId: ctx.actorId,
      action: "posting.cancel",
      entityType: "posting",
      entityId: id,
      detail: { from: row.previous, to: "cancelled", reason, applications: ids, participationsEnded: endedParticipations, participationsDeleted: deletedParticipations },
      ip: ctx.ip,
    });
    for (const application of applications) {
      await audit(trx, { actorId: ctx.actorId, action: "application.cancelled_with_posting", entityType: "application", entityId: application.id, detail: { postingId: id, reason }, ip: ctx.ip });
    }
    const notified = await notifyPostingCancelled(trx, id, ids, { reason, at: now, appUrl: ctx.appUrl });
    return { previous: row.previous, cancelledApplicationIds: ids, notified };
  });
}

/**
 * The periodic job's work, set-based and idempotent: published postings past their deadline close; closed
 * postings past their period complete (a published one past both does both in one run).
 */
export async function runPostingLifecycle(db: Executor, options: { now?: Date } = {}): Promise<{ closed: number[]; completed: number[] }> {
  const now = options.now ?? new Date();
  const today = todayInTokyo(now);
  return inTransaction(db, async (trx) => {
    const closed = await trx
      .updateTable("postings")
      .set({ status: "closed", closed_at: now })
      .where("status", "=", "published")
      .where("apply_until", "<", today)
      .returning("id")
      .execute();
    const completed = await trx
      .updateTable("postings")
      .set({ status: "completed", completed_at: now })
      .where("status", "=", "closed")
      .where("period_end", "<", today)
      .returning("id")
      .execute();
    const entries = [
      ...closed.map((r) => ({ id: r.id, action: "posting.auto_close", to: "closed" })),
      ...completed.map((r) => ({ id: r.id, action: "posting.auto_complete", to: "completed" })),
    ];
    if (entries.length > 0) {
      await trx
        .insertInto("audit_log")
        .values(entries.map((e) => ({ actor_id: null, action: e.action, entity_type: "posting", entity_id: String(e.id), detail: JSON.stringify({ to: e.to, today }), ip: null })))
        .execute();
    }
    return { closed: closed.map((r) => r.id), completed: completed.map((r) => r.id) };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Queries

/** The side-job cap as a share of standard working time (settings key side_job_cap_percent; HR can change it). */
export async function readSideJobCapPercent(db: Executor): Promise<number> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", "side_job_cap_percent").executeTakeFirst();
  const value = Number(row?.value);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_SIDE_JOB_CAP_PERCENT;
}

export async function listGrades(db: Executor) {
  return db.selectFrom("grades").select(["code", "rank", "name_en"]).orderBy("rank").execute();
}

/** Top-level units (部局) for the browse filter. */
export async function listBureaus(db: Executor) {
  return db.selectFrom("departments").select(["id", "name"]).where("parent_id", "is", null).orderBy("code").execute();
}

/** Units by id, for the host-unit picker (the user's posting_manager units). */
export async function listUnits(db: Executor, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("departments as d")
    .leftJoin("departments as b", "b.id", "d.parent_id")
    .select(["d.id", "d.name", "b.name as bureau_name"])
    .where("d.id", "in", ids)
    .orderBy("d.code")
    .execute();
}

/**
 * One posting with what every page shows about it: the host unit and its 部局, the grade limit's rank, the
 * creator and approver names, and the number of consented applications (a count only, never who).
 */
export async function getPosting(db: Executor, id: number) {
  const row = await db
    .selectFrom("postings as p")
    .innerJoin("departments as d", "d.id", "p.host_department_id")
    .leftJoin("departments as b", "b.id", "d.parent_id")
    .leftJoin("grades as g", "g.code", "p.max_grade")
    .innerJoin("employees as c", "c.id", "p.created_by")
    .leftJoin("employees as a", "a.id", "p.approved_by")
    .selectAll("p")
    .select([
      "d.name as host_name",
      "b.name as bureau_name",
      "g.rank as max_grade_rank",
      "c.name as creator_name",
      "a.name as approver_name",
      (eb) =>
        eb
          .selectFrom("applications as ap")
          .select((e) => e.fn.countAll<number>().as("n"))
          .whereRef("ap.posting_id", "=", "p.id")
          // Only applications past the supervisor's consent: before it, nobody but the applicant and their
          // supervisor may learn of an application, not even as a number the host could watch change.
          .where("ap.status", "in", CONSENTED_APPLICATION_STATUSES)
          .as("application_count"),
    ])
    .where("p.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  // The search copy repeats every text; no page needs it twice.
  const { search_text: _searchText, ...posting } = row;
  return { ...posting, hours_per_month: Number(row.hours_per_month), application_count: Number(row.application_count ?? 0) };
}

export type PostingDetail = NonNullable<Awaited<ReturnType<typeof getPosting>>>;

/** The viewer's grade rank, employment type and own live application to the posting (one query). */
export async function getApplicantContext(db: Executor, postingId: number, employeeId: number) {
  const row = await db
    .selectFrom("employees as e")
    .innerJoin("grades as g", "g.code", "e.grade")
    .select([
      "e.grade",
      "g.rank as grade_rank",
      "e.employment_type",
      (eb) =>
        eb
          .selectFrom("applications as a")
          .select("a.id")
          .where("a.posting_id", "=", postingId)
          .whereRef("a.employee_id", "=", "e.id")
          .where("a.status", "in", LIVE_APPLICATION_STATUSES)
          .orderBy("a.id", "desc")
          .limit(1)
          .as("my_application_id"),
    ])
    .where("e.id", "=", employeeId)
    .executeTakeFirstOrThrow();
  return { grade: row.grade, gradeRank: row.grade_rank, employmentType: row.employment_type, myApplicationId: row.my_application_id ?? null };
}

export type ManageScope = "active" | "all";

/** The postings of the given host units with consented application counts by status (one query). */
export async function listManagedPostings(db: Executor, departmentIds: number[], scope: ManageScope = "active") {
  if (departmentIds.length === 0) return [];
  let query = db
    .selectFrom("postings as p")
    .innerJoin("departments as d", "d.id", "p.host_department_id")
    .leftJoin("applications as a", (j) => j.onRef("a.posting_id", "=", "p.id").on("a.status", "in", CONSENTED_APPLICATION_STATUSES))
    .select([
      "p.id",
      "p.title",
      "p.scheme",
      "p.status",
      "p.capacity",
      "p.filled",
      "p.apply_from",
      "p.apply_until",
      "p.period_start",
      "p.period_end",
      "p.updated_at",
      "d.name as host_name",
      sql<number>`count(a.id) FILTER (WHERE a.status = 'screening')`.as("screening"),
      sql<number>`count(a.id) FILTER (WHERE a.status = 'interview')`.as("interview"),
      sql<number>`count(a.id) FILTER (WHERE a.status = 'accepted')`.as("accepted"),
      sql<number>`count(a.id) FILTER (WHERE a.status = 'participating')`.as("participating"),
      sql<number>`count(a.id) FILTER (WHERE a.status = 'completed')`.as("completed"),
      sql<number>`count(a.id) FILTER (WHERE a.status = 'not_selected')`.as("not_selected"),
    ])
    .where("p.host_department_id", "in", departmentIds)
    .groupBy(["p.id", "d.name"]);
  if (scope === "active") query = query.where("p.status", "not in", ["completed", "cancelled"]);
  const rows = await query
    .orderBy(sql`CASE p.status WHEN 'returned' THEN 0 WHEN 'draft' THEN 1 WHEN 'pending_approval' THEN 2 WHEN 'published' THEN 3 WHEN 'closed' THEN 4 ELSE 5 END`)
    .orderBy("p.updated_at", "desc")
    .orderBy("p.id", "desc")
    .execute();
  return rows.map((r) => ({
    ...r,
    counts: {
      screening: Number(r.screening),
      interview: Number(r.interview),
      accepted: Number(r.accepted),
      participating: Number(r.participating),
      completed: Number(r.completed),
      notSelected: Number(r.not_selected),
    },
  }));
}

export type ReviewTab = "pending_approval" | "published" | "returned" | "all";

/** HR's list: the approval queue oldest submission first (with how long it has waited), or other statuses. */
export async function listPostingsForReview(db: Executor, options: { tab?: ReviewTab; page?: number; pageSize?: number } = {}) {
  const tab = options.tab ?? "pending_approval";
  const pageSize = options.pageSize ?? 50;
  const page = Math.max(1, options.page ?? 1);
  let query = db
    .selectFrom("postings as p")
    .innerJoin("departments as d", "d.id", "p.host_department_id")
    .leftJoin("departments as b", "b.id", "d.parent_id")
    .innerJoin("employees as c", "c.id", "p.created_by")
    .select([
      "p.id",
      "p.title",
      "p.scheme",
      "p.status",
      "p.submitted_at",
      "p.approved_at",
      "p.apply_from",
      "p.apply_until",
      "p.period_start",
      "p.period_end",
      "p.updated_at",
      "d.name as host_name",
      "b.name as bureau_name",
      "c.name as creator_name",
      sql<number>`count(*) OVER ()`.as("total"),
    ]);
  if (tab !== "all") query = query.where("p.status", "=", tab);
  else query = query.where("p.status", "<>", "draft");
  query = tab === "pending_approval" ? query.orderBy("p.submitted_at", "asc").orderBy("p.id", "asc") : query.orderBy("p.updated_at", "desc").orderBy("p.id", "desc");
  const rows = await query.limit(pageSize).offset((page - 1) * pageSize).execute();
  const total = Number(rows[0]?.total ?? 0);
  return { rows: rows.map(({ total: _t, ...r }) => r), total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

/** The posting's audit trail (oldest first) for the manage and HR pages. */
export async function postingHistory(db: Executor, id: number) {
  return db
    .selectFrom("audit_log as l")
    .leftJoin("employees as e", "e.id", "l.actor_id")
    .select(["l.id", "l.action", "l.detail", "l.created_at", "e.name as actor_name"])
    .where("l.entity_type", "=", "posting")
    .where("l.entity_id", "=", String(id))
    .orderBy("l.id", "asc")
    .execute();
}
