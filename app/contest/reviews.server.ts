import { sql } from "kysely";
import type { Executor } from "../../db/client.server";
import { audit } from "../audit/audit.server";
import { env } from "../env.server";
import { enqueueEmail } from "../notifications/outbox.server";
import { atomically, clockOf, hasConflict, type ReviewCommandContext } from "./conflicts.server";
import { ReviewError } from "./review-errors";
import { pseudonymLetter, reviewProgress, reviewWindowState, OVERALL_COMMENT_MAX, SCORE_COMMENT_MAX, type ReviewProgress, type ReviewWindowState } from "./review-schemas";

// Reviews (reviewer): my assignments, the review page's data, saving and submitting, and the reminder.
//
// What a reviewer may see is decided here, once, for lists, pages and commands alike: an assignment to a
// submitted proposal with no conflict of interest (contest_has_conflict, which an admin clear overrides).
// Other reviewers' reviews appear only once the viewer's own review is submitted, never when the round hides
// them, and always under pseudonyms (審査員A, B, …: by review id, stable for every viewer), never with names.

const notConflicted = sql<boolean>`NOT contest_has_conflict(a.proposal_id, a.reviewer_id)`;

export interface MyAssignment {
  proposalId: number;
  title: string;
  roundId: number;
  roundTitle: string;
  fiscalYear: number;
  reviewOpensOn: string;
  reviewClosesOn: string;
  progress: ReviewProgress;
  submittedAt: Date | null;
  updatedAt: Date | null;
}

/** The reviewer's assignments across rounds (newest round first), without any proposal they have a conflict with. */
export async function listMyAssignments(db: Executor, reviewerId: number): Promise<MyAssignment[]> {
  const rows = await db
    .selectFrom("contest_assignments as a")
    .innerJoin("contest_proposals as p", "p.id", "a.proposal_id")
    .innerJoin("contest_rounds as r", "r.id", "p.round_id")
    .leftJoin("contest_reviews as v", (join) => join.onRef("v.proposal_id", "=", "a.proposal_id").onRef("v.reviewer_id", "=", "a.reviewer_id"))
    .select([
      "p.id as proposal_id",
      "p.title",
      "r.id as round_id",
      "r.title as round_title",
      "r.fiscal_year",
      "r.review_opens_on",
      "r.review_closes_on",
      "v.status",
      "v.submitted_at",
      "v.updated_at",
    ])
    .where("a.reviewer_id", "=", reviewerId)
    .where("p.status", "=", "submitted")
    .where(notConflicted)
    .orderBy("r.review_closes_on", "desc")
    .orderBy("r.id", "desc")
    .orderBy("p.id")
    .execute();
  return rows.map((r) => ({
    proposalId: r.proposal_id,
    title: r.title,
    roundId: r.round_id,
    roundTitle: r.round_title,
    fiscalYear: r.fiscal_year,
    reviewOpensOn: r.review_opens_on,
    reviewClosesOn: r.review_closes_on,
    progress: reviewProgress(r.status),
    submittedAt: r.submitted_at,
    updatedAt: r.updated_at,
  }));
}

export interface ReviewCriterion {
  id: number;
  position: number;
  name_ja: string;
  name_en: string;
  description: string;
  weight: string;
  scale_min: number;
  scale_max: number;
}

export interface ScoreValue {
  criterionId: number;
  score: number;
  comment: string;
}

export interface OtherReview {
  /** 審査員A, B, …: the review's position among the proposal's reviews by id. Never a name or an id. */
  letter: string;
  overallComment: string;
  scores: ScoreValue[];
}

export type OthersVisibility = "hidden_by_round" | "after_own_submission" | "shown";

export type ReviewAccess =
  | { kind: "not_found" }
  | { kind: "conflicted" }
  | {
      kind: "ok";
      window: ReviewWindowState;
      round: { id: number; title: string; fiscal_year: number; review_opens_on: string; review_closes_on: string; review_visibility: "after_submit" | "hidden" };
      proposal: {
        id: number;
        title: string;
        background: string;
        proposal: string;
        expected_effect: string;
        plan: string;
        budget_yen: number | null;
        requested_share_percent: string | null;
        desired_host_name: string | null;
        submitted_at: Date | null;
      };
      team: Array<{ name: string; unit: string; role: "lead" | "member" }>;
      criteria: ReviewCriterion[];
      mine: { letter: string; status: "draft" | "submitted"; overallComment: string; submittedAt: Date | null; updatedAt: Date; scores: ScoreValue[] } | null;
      others: { visibility: OthersVisibility; reviews: OtherReview[] };
    };

/**
 * What the review page may show `reviewerId` about a proposal: 'conflicted' (403) when the pair has a conflict of
 * interest, 'not_found' (404) when there is no assignment to a submitted proposal, else the page's data.
 */
export async function getReviewAccess(db: Executor, input: { proposalId: number; reviewerId: number; today: string }): Promise<ReviewAccess> {
  const proposal = await db
    .selectFrom("contest_proposals as p")
    .leftJoin("departments as h", "h.id", "p.desired_host_department_id")
    .select([
      "p.id",
      "p.round_id",
      "p.status",
      "p.title",
      "p.background",
      "p.proposal",
      "p.expected_effect",
      "p.plan",
      "p.budget_yen",
      "p.requested_share_percent",
      "h.name as desired_host_name",
      "p.submitted_at",
    ])
    .where("p.id", "=", input.proposalId)
    .executeTakeFirst();
  if (!proposal) return { kind: "not_found" };
  if (await hasConflict(db, proposal.id, input.reviewerId)) return { kind: "conflicted" };
  const assignment = await db
    .selectFrom("contest_assignments")
    .select("proposal_id")
    .where("proposal_id", "=", proposal.id)
    .where("reviewer_id", "=", input.reviewerId)
    .executeTakeFirst();
  if (!assignment || proposal.status !== "submitted") return { kind: "not_found" };

  const [round, team, criteria, reviews] = await Promise.all([
    db
      .selectFrom("contest_rounds")
      .select(["id", "title", "fiscal_year", "review_opens_on", "review_closes_on", "review_visibility"])
      .where("id", "=", proposal.round_id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("contest_members as m")
      .innerJoin("employees as e", "e.id", "m.employee_id")
      .innerJoin("departments as d", "d.id", "e.department_id")
      .select(["e.name", "d.name as unit", "m.role"])
      .where("m.proposal_id", "=", proposal.id)
      .where("m.invitation", "=", "accepted")
      .orderBy(sql`m.role = 'lead'`, "desc")
      .orderBy("e.name_kana")
      .execute(),
    listCriteria(db, proposal.round_id),
    db
      .selectFrom("contest_reviews")
      .select(["id", "reviewer_id", "status", "overall_comment", "submitted_at", "updated_at"])
      .where("proposal_id", "=", proposal.id)
      .orderBy("id")
      .execute(),
  ]);
  const scores = reviews.length
    ? await db.selectFrom("contest_scores").select(["review_id", "criterion_id", "score", "comment"]).where("review_id", "in", reviews.map((r) => r.id)).execute()
    : [];
  const scoresOf = (reviewId: number) =>
    scores.filter((s) => s.review_id === reviewId).map((s) => ({ criterionId: s.criterion_id, score: s.score, comment: s.comment }));

  const lettered = reviews.map((r, index) => ({ ...r, letter: pseudonymLetter(index) }));
  const own = lettered.find((r) => r.reviewer_id === input.reviewerId) ?? null;
  const visibility: OthersVisibility = round.review_visibility === "hidden" ? "hidden_by_round" : own?.status === "submitted" ? "shown" : "after_own_submission";
  const others =
    visibility === "shown"
      ? lettered
          .filter((r) => r.reviewer_id !== input.reviewerId && r.status === "submitted")
          .map((r) => ({ letter: r.letter, overallComment: r.overall_comment, scores: scoresOf(r.id) }))
      : [];

  return {
    kind: "ok",
    window: reviewWindowState(round, input.today),
    round,
    proposal: {
      id: proposal.id,
      title: proposal.title,
      background: proposal.background,
      proposal: proposal.proposal,
      expected_effect: proposal.expected_effect,
      plan: proposal.plan,
      budget_yen: proposal.budget_yen,
      requested_share_percent: proposal.requested_share_percent,
      desired_host_name: proposal.desired_host_name,
      submitted_at: proposal.submitted_at,
    },
    team,
    criteria,
    mine: own
      ? { letter: own.letter, status: own.status, overallComment: own.overall_comment, submittedAt: own.submitted_at, updatedAt: own.updated_at, scores: scoresOf(own.id) }
      : null,
    others: { visibility, reviews: others },
  };
}

export async function listCriteria(db: Executor, roundId: number): Promise<ReviewCriterion[]> {
  return db
    .selectFrom("contest_criteria")
    .select(["id", "position", "name_ja", "name_en", "description", "weight", "scale_min", "scale_max"])
    .where("round_id", "=", roundId)
    .orderBy("position")
    .execute();
}

export interface SaveReviewInput {
  proposalId: number;
  scores: Array<{ criterionId: number; score: number; comment?: string | null }>;
  overallComment: string;
  /** false: 下書き保存 (any subset of scores); true: 提出 (every criterion and the overall comment). */
  submit: boolean;
}

/**
 * Saves the actor's review of an assigned proposal, as a draft or submitted. Only inside the review window
 * (review_opens_on ≤ today ≤ review_closes_on in Asia/Tokyo); a submitted review stays editable in the window but
 * never goes back to draft. The scores given replace the review's scores. Submissions and later edits of a
 * submitted review are audit-logged.
 */
export async function saveReview(db: Executor, input: SaveReviewInput, ctx: ReviewCommandContext): Promise<{ reviewId: number; status: "draft" | "submitted" }> {
  const { now, today } = clockOf(ctx);
  const overallComment = (input.overallComment ?? "").trim();
  if ([...overallComment].length > OVERALL_COMMENT_MAX) throw new RangeError("overall comment too long");
  return atomically(db, async (trx) => {
    // The assignment row is the lock a conflict declaration also takes, so a review cannot be submitted into an
    // assignment that is being removed.
    const assignment = await trx
      .selectFrom("contest_assignments as a")
      .innerJoin("contest_proposals as p", "p.id", "a.proposal_id")
      .innerJoin("contest_rounds as r", "r.id", "p.round_id")
      .select(["a.proposal_id", "p.status as proposal_status", "p.round_id", "r.review_opens_on", "r.review_closes_on"])
      .where("a.proposal_id", "=", input.proposalId)
      .where("a.reviewer_id", "=", ctx.actorId)
      .forUpdate("a")
      .executeTakeFirst();
    if (await hasConflict(trx, input.proposalId, ctx.actorId)) throw new ReviewError("conflicted");
    if (!assignment || assignment.proposal_status !== "submitted") throw new ReviewError("not_found");
    const window = reviewWindowState(assignment, today);
    if (window === "before") throw new ReviewError("window_not_open");
    if (window === "closed") throw new ReviewError("window_closed");

    const criteria = await listCriteria(trx, assignment.round_id);
    const byId = new Map(criteria.map((c) => [c.id, c]));
    const scores = new Map<number, { score: number; comment: string }>();
    for (const entry of input.scores) {
      const criterion = byId.get(entry.criterionId);
      if (!criterion || scores.has(entry.criterionId)) throw new ReviewError("invalid_score");
      if (!Number.isInteger(entry.score) || entry.score < criterion.scale_min || entry.score > criterion.scale_max) throw new ReviewError("invalid_score");
      const comment = (entry.comment ?? "").trim();
      if ([...comment].length > SCORE_COMMENT_MAX) throw new RangeError("comment too long");
      scores.set(entry.criterionId, { score: entry.score, comment });
    }
    if (input.submit) {
      if (criteria.some((c) => !scores.has(c.id))) throw new ReviewError("incomplete");
      if (!overallComment) throw new ReviewError("comment_required");
    }

    const existing = await trx
      .selectFrom("contest_reviews")
      .select(["id", "status", "submitted_at"])
      .where("proposal_id", "=", input.proposalId)
      .where("reviewer_id", "=", ctx.actorId)
      .forUpdate()
      .executeTakeFirst();
    if (existing?.status === "submitted" && !input.submit) throw new ReviewError("already_submitted");
    const status = input.submit ? "submitted" : "draft";
    // The first submission's time stays; later edits move updated_at.
    const submittedAt = input.submit ? (existing?.submitted_at ?? now) : null;
    let reviewId: number;
    if (existing) {
      await trx.updateTable("contest_reviews").set({ overall_comment: overallComment, status, submitted_at: submittedAt, updated_at: now }).where("id", "=", existing.id).execute();
      reviewId = existing.id;
    } else {
      const row = await trx
        .insertInto("contest_reviews")
        .values({ proposal_id: input.proposalId, reviewer_id: ctx.actorId, overall_comment: overallComment, status, submitted_at: submittedAt, created_at: now, updated_at: now })
        .returning("id")
        .executeTakeFirstOrThrow();
      reviewId = row.id;
    }
    await trx.deleteFrom("contest_scores").where("review_id", "=", reviewId).execute();
    if (scores.size > 0) {
      await trx
        .insertInto("contest_scores")
        .values([...scores].map(([criterionId, s]) => ({ review_id: reviewId, criterion_id: criterionId, score: s.score, comment: s.comment })))
        .execute();
    }
    if (input.submit) {
      await audit(trx, {
        actorId: ctx.actorId,
        action: existing?.status === "submitted" ? "contest.review.update" : "contest.review.submit",
        entityType: "contest_review",
        entityId: reviewId,
        detail: { proposalId: input.proposalId, roundId: assignment.round_id, scores: Object.fromEntries([...scores].map(([id, s]) => [id, s.score])) },
        ip: ctx.ip,
      });
    }
    return { reviewId, status };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Reminder

export const REVIEW_REMINDER_DAYS_BEFORE = 3;

/**
 * Emails every reviewer who still has unsubmitted reviews in a round whose review window is open and closes
 * within the next 3 days: one email per reviewer and round, ever (the outbox dedupe key), listing the proposals
 * still to submit. Normally that is the day exactly 3 days before the close; a day the worker missed is caught
 * up on the next run. Conflicted, withdrawn and submitted ones are left out, as are reviewers who have left or
 * lost the role.
 */
export async function sendReviewReminders(db: Executor, options: { now?: Date; appUrl?: string } = {}): Promise<{ sent: number }> {
  const { today } = clockOf(options);
  const rows = await db
    .selectFrom("contest_assignments as a")
    .innerJoin("contest_proposals as p", "p.id", "a.proposal_id")
    .innerJoin("contest_rounds as r", "r.id", "p.round_id")
    .innerJoin("employees as e", "e.id", "a.reviewer_id")
    .leftJoin("contest_reviews as v", (join) => join.onRef("v.proposal_id", "=", "a.proposal_id").onRef("v.reviewer_id", "=", "a.reviewer_id"))
    .select([
      "r.id as round_id",
      "r.title as round_title",
      "r.review_closes_on",
      "e.id as reviewer_id",
      "e.name",
      "e.email",
      "p.id as proposal_id",
      "p.title",
      sql<number>`(r.review_closes_on - ${today}::date)`.as("days_left"),
    ])
    .where("p.status", "=", "submitted")
    .where("r.review_opens_on", "<=", today)
    .where("r.review_closes_on", ">=", today)
    .where(sql<boolean>`r.review_closes_on <= ${today}::date + ${REVIEW_REMINDER_DAYS_BEFORE}::int`)
    .where((eb) => eb.or([eb("v.status", "is", null), eb("v.status", "<>", "submitted")]))
    .where(notConflicted)
    .where((eb) => eb.or([eb("e.left_on", "is", null), eb("e.left_on", ">=", today)]))
    .where((eb) => eb.exists(eb.selectFrom("role_grants as g").select("g.id").whereRef("g.employee_id", "=", "a.reviewer_id").where("g.role", "=", "reviewer")))
    .orderBy("r.id")
    .orderBy("e.id")
    .orderBy("p.id")
    .execute();

  const groups = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = `${row.round_id}:${row.reviewer_id}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const base = (options.appUrl ?? env().appUrl).replace(/\/$/, "");
  let sent = 0;
  for (const [key, group] of groups) {
    const first = group[0];
    const already = await db.selectFrom("outbox_emails").select("id").where("dedupe_key", "=", `contest-review-reminder:${key}`).executeTakeFirst();
    if (already) continue;
    await enqueueEmail(db, {
      template: "contest-review-reminder",
      to: first.email,
      toEmployeeId: first.reviewer_id,
      dedupeKey: `contest-review-reminder:${key}`,
      props: {
        reviewerName: first.name,
        roundTitle: first.round_title,
        reviewClosesOn: first.review_closes_on,
        daysLeft: Number(first.days_left),
        proposalTitles: group.map((g) => g.title),
        url: `${base}/review`,
      },
    });
    sent += 1;
  }
  return { sent };
}
