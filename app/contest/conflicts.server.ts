import { sql } from "kysely";
import { atomically as runAtomically, type Executor } from "../../db/client.server";
import { audit } from "../audit/audit.server";
import { todayInTokyo } from "../i18n/format";
import { ReviewError } from "./review-errors";
import { CONFLICT_REASON_MAX } from "./review-schemas";

// Conflicts of interest between proposals and reviewers.
//
// The rule lives in the database: contest_has_conflict(proposal, reviewer) is the override row's state when one
// exists, otherwise automatic (the reviewer is the lead or a non-declined member, or is in the same unit as one
// of them), and the trigger on contest_assignments refuses a conflicted pair whatever code inserts it. Every
// check here calls that function; the listing below only explains *why* a pair is conflicted, and a test
// keeps the two in agreement.

// ---------------------------------------------------------------------------------------------------------------
// Command plumbing shared by conflicts.server.ts, assignment.server.ts and reviews.server.ts

export interface ReviewCommandContext {
  actorId: number;
  ip?: string | null;
  /** The moment of the change; its date in Asia/Tokyo is "today" for the review window. Seeds pass history. */
  now?: Date;
  /** Base of links in emails; defaults to APP_URL. */
  appUrl?: string;
}

export function clockOf(ctx: { now?: Date }) {
  const now = ctx.now ?? new Date();
  return { now, today: todayInTokyo(now) };
}

/** 'CASG': first key of pg_advisory_xact_lock(int, int) for "assignments and conflicts of round N". */
const ROUND_LOCK_NAMESPACE = 0x43415347;

/**
 * Serialises every change to a round's assignments and conflicts (manual and automatic assignment, declarations,
 * admin overrides). Without it an admin marking a pair conflicted and another admin assigning the same pair at
 * the same moment could both commit: the trigger only sees committed overrides.
 */
export async function lockRoundAssignments(db: Executor, roundId: number): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${ROUND_LOCK_NAMESPACE}::int, ${roundId}::int)`.execute(db);
}

/**
 * Inside a transaction: takes the round's assignment lock, then locks one reviewer's assignment to a proposal and
 * their review of it. Unknown proposal or no such assignment → not_found.
 */
export async function lockAssignment(trx: Executor, proposalId: number, reviewerId: number) {
  const proposal = await trx.selectFrom("contest_proposals").select("round_id").where("id", "=", proposalId).executeTakeFirst();
  if (!proposal) throw new ReviewError("not_found");
  await lockRoundAssignments(trx, proposal.round_id);
  const assignment = await trx
    .selectFrom("contest_assignments")
    .select("proposal_id")
    .where("proposal_id", "=", proposalId)
    .where("reviewer_id", "=", reviewerId)
    .forUpdate()
    .executeTakeFirst();
  if (!assignment) throw new ReviewError("not_found");
  const review = await trx
    .selectFrom("contest_reviews")
    .select(["id", "status"])
    .where("proposal_id", "=", proposalId)
    .where("reviewer_id", "=", reviewerId)
    .forUpdate()
    .executeTakeFirst();
  return { roundId: proposal.round_id, review };
}

/** 23514 raised by the contest_assignments trigger: the pair has a conflict of interest. */
export function isAssignmentConflictViolation(error: unknown): boolean {
  const e = (typeof error === "object" && error !== null ? error : {}) as { code?: string; constraint?: string };
  return e.code === "23514" && e.constraint === "contest_assignments_conflict";
}

/** 23514 raised by the contest_scores trigger: a score outside its criterion's scale. */
function isScoreScaleViolation(error: unknown): boolean {
  const e = (typeof error === "object" && error !== null ? error : {}) as { code?: string; constraint?: string };
  return e.code === "23514" && e.constraint === "contest_scores_scale";
}

/**
 * A new transaction, or a savepoint inside the caller's (seeds run several commands in one); the database's
 * refusals become ReviewErrors, and a refused command leaves the caller's transaction usable.
 */
export async function atomically<T>(db: Executor, work: (trx: Executor) => Promise<T>): Promise<T> {
  try {
    return await runAtomically(db, work);
  } catch (error) {
    if (isAssignmentConflictViolation(error)) throw new ReviewError("assign_conflict");
    if (isScoreScaleViolation(error)) throw new ReviewError("invalid_score");
    throw error;
  }
}

export function conflictReason(value: string | null | undefined): string {
  const reason = (value ?? "").trim();
  if (!reason || [...reason].length > CONFLICT_REASON_MAX) throw new ReviewError("invalid_reason");
  return reason;
}

// ---------------------------------------------------------------------------------------------------------------
// Queries

/** The database's answer for one pair. */
export async function hasConflict(db: Executor, proposalId: number, reviewerId: number): Promise<boolean> {
  const { rows } = await sql<{ conflict: boolean }>`SELECT contest_has_conflict(${proposalId}::int, ${reviewerId}::int) AS conflict`.execute(db);
  return rows[0]?.conflict === true;
}

/** Employees holding the organisation-wide reviewer role and still employed on `today`. */
export async function listReviewers(db: Executor, today: string) {
  return db
    .selectFrom("employees as e")
    .innerJoin("departments as d", "d.id", "e.department_id")
    .select(["e.id", "e.name", "e.employee_no", "e.email", "d.name as unit_name"])
    .where((eb) => eb.exists(eb.selectFrom("role_grants as g").select("g.id").whereRef("g.employee_id", "=", "e.id").where("g.role", "=", "reviewer")))
    .where((eb) => eb.or([eb("e.left_on", "is", null), eb("e.left_on", ">=", today)]))
    .orderBy("e.employee_no")
    .orderBy("e.id")
    .execute();
}

export async function isReviewer(db: Executor, employeeId: number): Promise<boolean> {
  const row = await db.selectFrom("role_grants").select("id").where("employee_id", "=", employeeId).where("role", "=", "reviewer").executeTakeFirst();
  return Boolean(row);
}

/**
 * Every conflicted (proposal, reviewer) pair of the round's submitted proposals, as `${p}:${r}` keys, computed by
 * contest_has_conflict itself: what the planner must avoid is exactly what the trigger would refuse.
 */
export async function conflictKeysForRound(db: Executor, roundId: number, reviewerIds: readonly number[]): Promise<Set<string>> {
  if (reviewerIds.length === 0) return new Set();
  const { rows } = await sql<{ proposal_id: number; reviewer_id: number }>`
    SELECT p.id AS proposal_id, r.id AS reviewer_id
      FROM contest_proposals p
     CROSS JOIN unnest(${sql.val([...reviewerIds])}::int[]) AS r(id)
     WHERE p.round_id = ${roundId} AND p.status = 'submitted' AND contest_has_conflict(p.id, r.id)`.execute(db);
  return new Set(rows.map((row) => `${row.proposal_id}:${row.reviewer_id}`));
}

export type AutomaticReason =
  | { kind: "lead" }
  | { kind: "member" }
  /** Same unit as the lead or a member: which unit, and through whom. */
  | { kind: "same_unit"; unitName: string; viaName: string; viaRole: "lead" | "member" };

export interface ConflictOverrideInfo {
  state: "conflict" | "cleared";
  source: "reviewer" | "admin";
  reason: string;
  createdByName: string;
  createdAt: Date;
}

export interface ConflictListRow {
  proposalId: number;
  proposalTitle: string;
  reviewerId: number;
  reviewerName: string;
  reviewerNo: string;
  reviewerUnit: string;
  automatic: AutomaticReason[];
  override: ConflictOverrideInfo | null;
  /** What contest_has_conflict answers for the pair. */
  conflict: boolean;
}

/**
 * The round's conflicts, per (submitted proposal × reviewer) pair that has an automatic reason or an override:
 * why (提案者本人 / メンバー / 同じ所属, and which unit through whom), who declared, set or cleared it and why,
 * and whether the pair is conflicted now. Reviewers are the current role holders plus anyone named in an override.
 */
export async function listRoundConflicts(db: Executor, roundId: number, today: string): Promise<ConflictListRow[]> {
  const proposals = await db
    .selectFrom("contest_proposals")
    .select(["id", "title"])
    .where("round_id", "=", roundId)
    .where("status", "=", "submitted")
    .orderBy("id")
    .execute();
  if (proposals.length === 0) return [];
  const proposalIds = proposals.map((p) => p.id);

  const [members, overrides, reviewers] = await Promise.all([
    db
      .selectFrom("contest_members as m")
      .innerJoin("employees as e", "e.id", "m.employee_id")
      .innerJoin("departments as d", "d.id", "e.department_id")
      .select(["m.proposal_id", "m.employee_id", "m.role", "e.name", "e.department_id", "d.name as unit_name"])
      .where("m.proposal_id", "in", proposalIds)
      // The same membership rule as contest_has_conflict: the lead, and members who have not declined.
      .where((eb) => eb.or([eb("m.role", "=", "lead"), eb("m.invitation", "<>", "declined")]))
      .orderBy("m.proposal_id")
      .orderBy(sql`m.role = 'lead'`, "desc")
      .orderBy("m.employee_id")
      .execute(),
    db
      .selectFrom("contest_conflict_overrides as o")
      .innerJoin("employees as c", "c.id", "o.created_by")
      .select(["o.proposal_id", "o.reviewer_id", "o.state", "o.source", "o.reason", "o.created_at", "c.name as created_by_name"])
      .where("o.proposal_id", "in", proposalIds)
      .execute(),
    listReviewers(db, today),
  ]);

  const reviewerIds = new Set(reviewers.map((r) => r.id));
  const missing = [...new Set(overrides.map((o) => o.reviewer_id))].filter((id) => !reviewerIds.has(id));
  const people = [
    ...reviewers.map((r) => ({ id: r.id, name: r.name, employee_no: r.employee_no, unit_name: r.unit_name })),
    ...(missing.length
      ? await db
          .selectFrom("employees as e")
          .innerJoin("departments as d", "d.id", "e.department_id")
          .select(["e.id", "e.name", "e.employee_no", "d.name as unit_name"])
          .where("e.id", "in", missing)
          .execute()
      : []),
  ];
  const departments = new Map(
    (people.length
      ? await db.selectFrom("employees").select(["id", "department_id"]).where("id", "in", people.map((p) => p.id)).execute()
      : []
    ).map((e) => [e.id, e.department_id]),
  );
  const overrideOf = new Map(overrides.map((o) => [`${o.proposal_id}:${o.reviewer_id}`, o]));

  const rows: ConflictListRow[] = [];
  for (const proposal of proposals) {
    const team = members.filter((m) => m.proposal_id === proposal.id);
    for (const person of people) {
      const automatic: AutomaticReason[] = [];
      for (const m of team) {
        if (m.employee_id === person.id) automatic.push({ kind: m.role });
        else if (m.department_id === departments.get(person.id)) automatic.push({ kind: "same_unit", unitName: m.unit_name, viaName: m.name, viaRole: m.role });
      }
      const o = overrideOf.get(`${proposal.id}:${person.id}`);
      if (automatic.length === 0 && !o) continue;
      rows.push({
        proposalId: proposal.id,
        proposalTitle: proposal.title,
        reviewerId: person.id,
        reviewerName: person.name,
        reviewerNo: person.employee_no,
        reviewerUnit: person.unit_name,
        automatic,
        override: o ? { state: o.state, source: o.source, reason: o.reason, createdByName: o.created_by_name, createdAt: o.created_at } : null,
        conflict: o ? o.state === "conflict" : automatic.length > 0,
      });
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------
// Commands

async function proposalRound(db: Executor, proposalId: number): Promise<{ id: number; round_id: number; status: string; title: string }> {
  const row = await db.selectFrom("contest_proposals").select(["id", "round_id", "status", "title"]).where("id", "=", proposalId).executeTakeFirst();
  if (!row) throw new ReviewError("not_found");
  return row;
}

/** The pair's override becomes this one (the row's created_at/created_by say when and by whom it was last set). */
async function replaceOverride(
  trx: Executor,
  o: { proposalId: number; reviewerId: number; state: "conflict" | "cleared"; source: "reviewer" | "admin"; reason: string; createdBy: number; now: Date },
): Promise<void> {
  await trx.deleteFrom("contest_conflict_overrides").where("proposal_id", "=", o.proposalId).where("reviewer_id", "=", o.reviewerId).execute();
  await trx
    .insertInto("contest_conflict_overrides")
    .values({ proposal_id: o.proposalId, reviewer_id: o.reviewerId, state: o.state, source: o.source, reason: o.reason, created_by: o.createdBy, created_at: o.now })
    .execute();
}

/**
 * A reviewer declares a conflict with a proposal assigned to them. The declaration becomes the pair's override
 * (it wins over an earlier admin clear: the reviewer knows best), and the assignment goes, with its draft review.
 * A submitted review is refused (409): only contest_admin can withdraw it, through setConflictOverride.
 */
export async function declareConflict(db: Executor, input: { proposalId: number; reason: string }, ctx: ReviewCommandContext): Promise<{ removedDraft: boolean }> {
  const reason = conflictReason(input.reason);
  const { now } = clockOf(ctx);
  return atomically(db, async (trx) => {
    // Not assigned (or already removed): the proposal does not exist for this reviewer.
    const { roundId, review } = await lockAssignment(trx, input.proposalId, ctx.actorId);
    if (review?.status === "submitted") throw new ReviewError("review_submitted");

    await replaceOverride(trx, { proposalId: input.proposalId, reviewerId: ctx.actorId, state: "conflict", source: "reviewer", reason, createdBy: ctx.actorId, now });
    // The review (and its scores) go with the assignment: ON DELETE CASCADE.
    await trx.deleteFrom("contest_assignments").where("proposal_id", "=", input.proposalId).where("reviewer_id", "=", ctx.actorId).execute();
    await audit(trx, {
      actorId: ctx.actorId,
      action: "contest.conflict.declare",
      entityType: "contest_proposal",
      entityId: input.proposalId,
      detail: { roundId, reviewerId: ctx.actorId, reason, removedDraft: Boolean(review) },
      ip: ctx.ip,
    });
    return { removedDraft: Boolean(review) };
  });
}

export interface ConflictOverrideInput {
  proposalId: number;
  reviewerId: number;
  /** 'conflict' adds one (removing any assignment, even with a submitted review); 'cleared' clears one. */
  state: "conflict" | "cleared";
  reason: string;
}

/**
 * contest_admin adds or clears a conflict for a pair. Either way it is an override row, so a cleared automatic
 * conflict stays cleared however often the automatic rule is evaluated again (HotCRP's pinned conflicts).
 * Adding one removes the pair's assignment and its review, submitted or not, and the audit entry says which.
 */
export async function setConflictOverride(
  db: Executor,
  input: ConflictOverrideInput,
  ctx: ReviewCommandContext,
): Promise<{ removedAssignment: boolean; removedReview: "none" | "draft" | "submitted" }> {
  const reason = conflictReason(input.reason);
  const { now } = clockOf(ctx);
  return atomically(db, async (trx) => {
    const proposal = await proposalRound(trx, input.proposalId);
    if (!(await isReviewer(trx, input.reviewerId))) throw new ReviewError("not_reviewer");
    await lockRoundAssignments(trx, proposal.round_id);
    const before = await trx
      .selectFrom("contest_conflict_overrides")
      .select(["state", "source"])
      .where("proposal_id", "=", input.proposalId)
      .where("reviewer_id", "=", input.reviewerId)
      .forUpdate()
      .executeTakeFirst();
    await replaceOverride(trx, { proposalId: input.proposalId, reviewerId: input.reviewerId, state: input.state, source: "admin", reason, createdBy: ctx.actorId, now });

    let removedAssignment = false;
    let removedReview: "none" | "draft" | "submitted" = "none";
    if (input.state === "conflict") {
      const review = await trx
        .selectFrom("contest_reviews")
        .select(["id", "status"])
        .where("proposal_id", "=", input.proposalId)
        .where("reviewer_id", "=", input.reviewerId)
        .executeTakeFirst();
      const deleted = await trx
        .deleteFrom("contest_assignments")
        .where("proposal_id", "=", input.proposalId)
        .where("reviewer_id", "=", input.reviewerId)
        .executeTakeFirst();
      removedAssignment = deleted.numDeletedRows > 0n;
      removedReview = review ? review.status : "none";
    }
    await audit(trx, {
      actorId: ctx.actorId,
      action: input.state === "conflict" ? "contest.conflict.set" : "contest.conflict.clear",
      entityType: "contest_proposal",
      entityId: input.proposalId,
      detail: {
        roundId: proposal.round_id,
        reviewerId: input.reviewerId,
        reason,
        previous: before ? { state: before.state, source: before.source } : null,
        removedAssignment,
        removedReview,
      },
      ip: ctx.ip,
    });
    return { removedAssignment, removedReview };
  });
}
