import { sql } from "kysely";
import type { Executor } from "../../db/client.server";
import { audit } from "../audit/audit.server";
import { env } from "../env.server";
import { enqueueEmail } from "../notifications/outbox.server";
import { planAssignments, type Pair, type ReviewerLoad, type Shortfall } from "./assignment";
import { atomically, clockOf, conflictKeysForRound, hasConflict, isReviewer, listReviewers, lockAssignment, lockRoundAssignments, type ReviewCommandContext } from "./conflicts.server";
import { ReviewError } from "./review-errors";
import { reviewProgress, type ReviewProgress } from "./review-schemas";

// Reviewer assignment (contest_admin): manual assign/unassign, the automatic run, the board and load table of
// the assignments tab, and every review of the round with names (only contest_admin reaches these).

const baseUrl = (ctx: { appUrl?: string }) => (ctx.appUrl ?? env().appUrl).replace(/\/$/, "");

async function loadRound(db: Executor, roundId: number) {
  const round = await db
    .selectFrom("contest_rounds")
    .select(["id", "title", "review_opens_on", "review_closes_on", "reviewers_per_proposal", "review_visibility"])
    .where("id", "=", roundId)
    .executeTakeFirst();
  if (!round) throw new ReviewError("not_found");
  return round;
}

/** One email per reviewer listing the proposals just assigned to them (written in the assigning transaction). */
async function notifyAssigned(trx: Executor, roundId: number, pairs: readonly Pair[], ctx: ReviewCommandContext, now: Date): Promise<void> {
  if (pairs.length === 0) return;
  const round = await loadRound(trx, roundId);
  const proposals = await trx
    .selectFrom("contest_proposals")
    .select(["id", "title"])
    .where("id", "in", [...new Set(pairs.map((p) => p.proposalId))])
    .execute();
  const titleOf = new Map(proposals.map((p) => [p.id, p.title]));
  const reviewerIds = [...new Set(pairs.map((p) => p.reviewerId))].sort((a, b) => a - b);
  const reviewers = await trx.selectFrom("employees").select(["id", "name", "email"]).where("id", "in", reviewerIds).execute();
  for (const reviewer of reviewers.sort((a, b) => a.id - b.id)) {
    const mine = pairs.filter((p) => p.reviewerId === reviewer.id).map((p) => p.proposalId).sort((a, b) => a - b);
    await enqueueEmail(trx, {
      template: "contest-review-assigned",
      to: reviewer.email,
      toEmployeeId: reviewer.id,
      // A retried request creates no new assignment and so no email; the key only guards a replay of this one.
      dedupeKey: `contest-review-assigned:${roundId}:${reviewer.id}:${mine.join(",")}:${now.toISOString()}`,
      props: {
        reviewerName: reviewer.name,
        roundTitle: round.title,
        proposalTitles: mine.map((id) => titleOf.get(id) ?? ""),
        reviewOpensOn: round.review_opens_on,
        reviewClosesOn: round.review_closes_on,
        url: `${baseUrl(ctx)}/review`,
      },
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Commands

/**
 * Assigns one reviewer to one submitted proposal. Refused with 409 when the pair has a conflict of interest —
 * checked first for a clear message, and refused by the database trigger whatever happens in between.
 * Assigning a pair that is already assigned changes nothing and sends nothing.
 */
export async function assignReviewer(db: Executor, input: { proposalId: number; reviewerId: number }, ctx: ReviewCommandContext): Promise<{ created: boolean }> {
  const { now } = clockOf(ctx);
  return atomically(db, async (trx) => {
    const proposal = await trx.selectFrom("contest_proposals").select(["id", "round_id", "status"]).where("id", "=", input.proposalId).executeTakeFirst();
    if (!proposal) throw new ReviewError("not_found");
    await lockRoundAssignments(trx, proposal.round_id);
    if (proposal.status !== "submitted") throw new ReviewError("not_submitted");
    if (!(await isReviewer(trx, input.reviewerId))) throw new ReviewError("not_reviewer");
    if (await hasConflict(trx, input.proposalId, input.reviewerId)) throw new ReviewError("assign_conflict");
    const inserted = await trx
      .insertInto("contest_assignments")
      .values({ proposal_id: input.proposalId, reviewer_id: input.reviewerId, assigned_by: ctx.actorId, assigned_at: now })
      .onConflict((oc) => oc.columns(["proposal_id", "reviewer_id"]).doNothing())
      .returning("proposal_id")
      .executeTakeFirst();
    if (!inserted) return { created: false };
    await audit(trx, {
      actorId: ctx.actorId,
      action: "contest.assignment.add",
      entityType: "contest_proposal",
      entityId: input.proposalId,
      detail: { roundId: proposal.round_id, reviewerId: input.reviewerId },
      ip: ctx.ip,
    });
    await notifyAssigned(trx, proposal.round_id, [input], ctx, now);
    return { created: true };
  });
}

/**
 * Removes an assignment and, with it, its review. A submitted review is only discarded when the admin says so
 * explicitly (`discardSubmitted`); otherwise 409.
 */
export async function unassignReviewer(
  db: Executor,
  input: { proposalId: number; reviewerId: number; discardSubmitted?: boolean },
  ctx: ReviewCommandContext,
): Promise<{ removedReview: "none" | "draft" | "submitted" }> {
  return atomically(db, async (trx) => {
    const { roundId, review } = await lockAssignment(trx, input.proposalId, input.reviewerId);
    if (review?.status === "submitted" && !input.discardSubmitted) throw new ReviewError("review_submitted");
    await trx.deleteFrom("contest_assignments").where("proposal_id", "=", input.proposalId).where("reviewer_id", "=", input.reviewerId).execute();
    const removedReview = review ? review.status : "none";
    await audit(trx, {
      actorId: ctx.actorId,
      action: "contest.assignment.remove",
      entityType: "contest_proposal",
      entityId: input.proposalId,
      detail: { roundId, reviewerId: input.reviewerId, removedReview },
      ip: ctx.ip,
    });
    return { removedReview };
  });
}

export interface AutoAssignmentResult {
  perProposal: number;
  created: Pair[];
  shortfalls: Array<Shortfall & { title: string }>;
  load: ReviewerLoad[];
}

/**
 * Assigns N reviewers (the round's reviewers_per_proposal unless given) to every submitted proposal of the
 * round: conflicts respected, load balanced across reviewers counting the round's existing assignments,
 * deterministic (planAssignments). Applied in one transaction with INSERT … ON CONFLICT DO NOTHING; one email
 * per reviewer lists their new proposals. Proposals that could not get N are reported, not failed.
 */
export async function runAutoAssignment(db: Executor, input: { roundId: number; perProposal?: number }, ctx: ReviewCommandContext): Promise<AutoAssignmentResult> {
  const { now, today } = clockOf(ctx);
  return atomically(db, async (trx) => {
    const round = await loadRound(trx, input.roundId);
    await lockRoundAssignments(trx, round.id);
    const perProposal = input.perProposal ?? round.reviewers_per_proposal;
    if (!Number.isInteger(perProposal) || perProposal < 1 || perProposal > 20) throw new RangeError("perProposal must be an integer in 1..20");

    const proposals = await trx
      .selectFrom("contest_proposals")
      .select(["id", "title"])
      .where("round_id", "=", round.id)
      .where("status", "=", "submitted")
      .orderBy("id")
      .execute();
    const reviewers = await listReviewers(trx, today);
    const reviewerIds = reviewers.map((r) => r.id);
    const [conflicts, existing] = await Promise.all([
      conflictKeysForRound(trx, round.id, reviewerIds),
      trx
        .selectFrom("contest_assignments as a")
        .innerJoin("contest_proposals as p", "p.id", "a.proposal_id")
        .select(["a.proposal_id as proposalId", "a.reviewer_id as reviewerId"])
        .where("p.round_id", "=", round.id)
        .where("p.status", "=", "submitted")
        .execute(),
    ]);

    const plan = planAssignments({ proposals: proposals.map((p) => p.id), reviewers: reviewerIds, conflicts, existing, perProposal });
    let created: Pair[] = [];
    if (plan.assignments.length > 0) {
      const rows = await trx
        .insertInto("contest_assignments")
        .values(plan.assignments.map((a) => ({ proposal_id: a.proposalId, reviewer_id: a.reviewerId, assigned_by: ctx.actorId, assigned_at: now })))
        .onConflict((oc) => oc.columns(["proposal_id", "reviewer_id"]).doNothing())
        .returning(["proposal_id", "reviewer_id"])
        .execute();
      created = rows.map((r) => ({ proposalId: r.proposal_id, reviewerId: r.reviewer_id })).sort((a, b) => a.proposalId - b.proposalId || a.reviewerId - b.reviewerId);
    }
    const titleOf = new Map(proposals.map((p) => [p.id, p.title]));
    const shortfalls = plan.shortfalls.map((s) => ({ ...s, title: titleOf.get(s.proposalId) ?? "" }));
    await audit(trx, {
      actorId: ctx.actorId,
      action: "contest.assignment.auto",
      entityType: "contest_round",
      entityId: round.id,
      detail: { perProposal, created: created.map((c) => [c.proposalId, c.reviewerId]), shortfalls: plan.shortfalls },
      ip: ctx.ip,
    });
    await notifyAssigned(trx, round.id, created, ctx, now);
    return { perProposal, created, shortfalls, load: plan.load };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The assignments tab

export interface BoardAssignment {
  reviewerId: number;
  reviewerName: string;
  reviewerNo: string;
  progress: ReviewProgress;
  /** The pair became conflicted after it was assigned (e.g. a member joined later): the admin should remove it. */
  conflicted: boolean;
}

export interface BoardProposal {
  id: number;
  title: string;
  leadName: string;
  leadUnit: string;
  assignments: BoardAssignment[];
  /** Reviewers who may still be assigned: no conflict and not yet on it. */
  eligible: number[];
}

export interface LoadRow {
  reviewerId: number;
  name: string;
  employeeNo: string;
  unitName: string;
  assigned: number;
  submitted: number;
  remaining: number;
}

/** Everything the tab shows about assignment: submitted proposals with their reviewers, and the load table. */
export async function getAssignmentBoard(db: Executor, roundId: number, today: string) {
  const round = await loadRound(db, roundId);
  const [proposals, reviewers, assignments] = await Promise.all([
    db
      .selectFrom("contest_proposals as p")
      .innerJoin("employees as e", "e.id", "p.lead_employee_id")
      .innerJoin("departments as d", "d.id", "e.department_id")
      .select(["p.id", "p.title", "e.name as lead_name", "d.name as lead_unit"])
      .where("p.round_id", "=", roundId)
      .where("p.status", "=", "submitted")
      .orderBy("p.id")
      .execute(),
    listReviewers(db, today),
    db
      .selectFrom("contest_assignments as a")
      .innerJoin("contest_proposals as p", "p.id", "a.proposal_id")
      .innerJoin("employees as e", "e.id", "a.reviewer_id")
      .leftJoin("contest_reviews as v", (join) => join.onRef("v.proposal_id", "=", "a.proposal_id").onRef("v.reviewer_id", "=", "a.reviewer_id"))
      .select([
        "a.proposal_id",
        "a.reviewer_id",
        "e.name",
        "e.employee_no",
        "v.status",
        sql<boolean>`contest_has_conflict(a.proposal_id, a.reviewer_id)`.as("conflicted"),
      ])
      .where("p.round_id", "=", roundId)
      .where("p.status", "=", "submitted")
      .orderBy("a.proposal_id")
      .orderBy("e.employee_no")
      .execute(),
  ]);
  const conflicts = await conflictKeysForRound(db, roundId, reviewers.map((r) => r.id));

  const boardProposals: BoardProposal[] = proposals.map((p) => {
    const mine = assignments.filter((a) => a.proposal_id === p.id);
    const on = new Set(mine.map((a) => a.reviewer_id));
    return {
      id: p.id,
      title: p.title,
      leadName: p.lead_name,
      leadUnit: p.lead_unit,
      assignments: mine.map((a) => ({ reviewerId: a.reviewer_id, reviewerName: a.name, reviewerNo: a.employee_no, progress: reviewProgress(a.status), conflicted: a.conflicted })),
      eligible: reviewers.filter((r) => !on.has(r.id) && !conflicts.has(`${p.id}:${r.id}`)).map((r) => r.id),
    };
  });

  const load: LoadRow[] = reviewers.map((r) => {
    const mine = assignments.filter((a) => a.reviewer_id === r.id);
    const submitted = mine.filter((a) => a.status === "submitted").length;
    return { reviewerId: r.id, name: r.name, employeeNo: r.employee_no, unitName: r.unit_name, assigned: mine.length, submitted, remaining: mine.length - submitted };
  });

  return { round, proposals: boardProposals, reviewers: reviewers.map((r) => ({ id: r.id, name: r.name, employeeNo: r.employee_no, unitName: r.unit_name })), load };
}

export interface AdminReview {
  id: number;
  proposalId: number;
  reviewerId: number;
  reviewerName: string;
  status: "draft" | "submitted";
  overallComment: string;
  submittedAt: Date | null;
  updatedAt: Date;
  scores: Array<{ criterionId: number; score: number; comment: string }>;
}

/** Every review of the round (drafts too), with the reviewer's name: for contest_admin only. */
export async function listRoundReviewsForAdmin(db: Executor, roundId: number): Promise<{ criteria: Array<{ id: number; name_ja: string; name_en: string; scale_min: number; scale_max: number; weight: string }>; reviews: AdminReview[] }> {
  const [criteria, reviews] = await Promise.all([
    db.selectFrom("contest_criteria").select(["id", "name_ja", "name_en", "scale_min", "scale_max", "weight"]).where("round_id", "=", roundId).orderBy("position").execute(),
    db
      .selectFrom("contest_reviews as v")
      .innerJoin("contest_proposals as p", "p.id", "v.proposal_id")
      .innerJoin("employees as e", "e.id", "v.reviewer_id")
      .select(["v.id", "v.proposal_id", "v.reviewer_id", "e.name", "v.status", "v.overall_comment", "v.submitted_at", "v.updated_at"])
      .where("p.round_id", "=", roundId)
      .orderBy("v.proposal_id")
      .orderBy("v.id")
      .execute(),
  ]);
  const scores = reviews.length
    ? await db.selectFrom("contest_scores").select(["review_id", "criterion_id", "score", "comment"]).where("review_id", "in", reviews.map((r) => r.id)).execute()
    : [];
  return {
    criteria,
    reviews: reviews.map((r) => ({
      id: r.id,
      proposalId: r.proposal_id,
      reviewerId: r.reviewer_id,
      reviewerName: r.name,
      status: r.status,
      overallComment: r.overall_comment,
      submittedAt: r.submitted_at,
      updatedAt: r.updated_at,
      scores: scores.filter((s) => s.review_id === r.id).map((s) => ({ criterionId: s.criterion_id, score: s.score, comment: s.comment })),
    })),
  };
}
