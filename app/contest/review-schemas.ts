import { z } from "zod";
import type { Translate } from "../i18n/i18n";
import "./review.messages";

// Conflicts, assignment and reviews: the form schemas (one per form, shared by the page through conform and by
// the action) and small pure rules the pages and commands share; what the commands refuse is in review-errors.ts.
// Lengths count characters the way PostgreSQL's length() does (code points), so the database CHECKs never disagree.

export const CONFLICT_REASON_MAX = 500;
export const SCORE_COMMENT_MAX = 2000;
export const OVERALL_COMMENT_MAX = 4000;
export const PER_PROPOSAL_MAX = 20;

const charCount = (value: string) => [...value].length;

// ---------------------------------------------------------------------------------------------------------------
// Pure rules

export type ReviewWindowState = "before" | "open" | "closed";

/** review_opens_on ≤ today ≤ review_closes_on (calendar dates in Asia/Tokyo, 'YYYY-MM-DD' compare as strings). */
export function reviewWindowState(round: { review_opens_on: string; review_closes_on: string }, today: string): ReviewWindowState {
  if (today < round.review_opens_on) return "before";
  if (today > round.review_closes_on) return "closed";
  return "open";
}

/** A, B, …, Z, AA, AB, … for the 0-based position of a review among the proposal's reviews ordered by id. */
export function pseudonymLetter(index: number): string {
  let n = index;
  let letters = "";
  do {
    letters = String.fromCharCode(65 + (n % 26)) + letters;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return letters;
}

export type ReviewProgress = "not_started" | "draft" | "submitted";

export function reviewProgress(status: "draft" | "submitted" | null | undefined): ReviewProgress {
  return status ?? "not_started";
}

// ---------------------------------------------------------------------------------------------------------------
// Forms

const requiredReason = (t: Translate) =>
  z
    .string({ required_error: t("contest.review.reason.required") })
    .trim()
    .min(1, t("contest.review.reason.required"))
    .refine((v) => charCount(v) <= CONFLICT_REASON_MAX, t("contest.review.text.tooLong", { max: CONFLICT_REASON_MAX }));

const id = () => z.number({ required_error: "required", invalid_type_error: "invalid" }).int().positive().max(2_147_483_647);

/** A reviewer declares a conflict with an assigned proposal (from /review or the proposal page). */
export const declareConflictSchema = (t: Translate) => z.object({ intent: z.literal("declare"), proposalId: id(), reason: requiredReason(t) });

/** contest_admin adds a conflict or clears one (automatic or declared) for a pair. */
export const conflictOverrideSchema = (t: Translate) =>
  z.object({
    intent: z.literal("override"),
    proposalId: id(),
    reviewerId: id(),
    state: z.enum(["conflict", "cleared"], { required_error: t("contest.review.override.stateRequired") }),
    reason: requiredReason(t),
  });

export const assignSchema = () => z.object({ intent: z.literal("assign"), proposalId: id(), reviewerId: id() });

export const unassignSchema = () =>
  z.object({ intent: z.literal("unassign"), proposalId: id(), reviewerId: id(), discardSubmitted: z.literal("on").optional() });

export const autoAssignSchema = (t: Translate) =>
  z.object({
    intent: z.literal("auto"),
    perProposal: z
      .number({ required_error: t("contest.review.auto.perProposal.range", { max: PER_PROPOSAL_MAX }), invalid_type_error: t("contest.review.auto.perProposal.range", { max: PER_PROPOSAL_MAX }) })
      .int(t("contest.review.auto.perProposal.range", { max: PER_PROPOSAL_MAX }))
      .min(1, t("contest.review.auto.perProposal.range", { max: PER_PROPOSAL_MAX }))
      .max(PER_PROPOSAL_MAX, t("contest.review.auto.perProposal.range", { max: PER_PROPOSAL_MAX })),
  });

export interface RubricCriterion {
  id: number;
  scale_min: number;
  scale_max: number;
}

/**
 * The review form. Scores arrive as `scores[i].criterionId` / `scores[i].score` / `scores[i].comment`, one entry
 * per criterion of the round. 下書き保存 (intent=save) takes any subset; 提出 (intent=submit) needs every
 * criterion scored and the overall comment. A score must be a whole number inside its criterion's scale.
 */
export const reviewFormSchema = (t: Translate, criteria: readonly RubricCriterion[]) =>
  z
    .object({
      intent: z.enum(["save", "submit"]),
      overallComment: z
        .string()
        .trim()
        .refine((v) => charCount(v) <= OVERALL_COMMENT_MAX, t("contest.review.text.tooLong", { max: OVERALL_COMMENT_MAX }))
        .optional(),
      scores: z
        .array(
          z.object({
            criterionId: id(),
            score: z.number({ invalid_type_error: t("contest.review.score.invalid") }).int(t("contest.review.score.invalid")).optional(),
            comment: z
              .string()
              .trim()
              .refine((v) => charCount(v) <= SCORE_COMMENT_MAX, t("contest.review.text.tooLong", { max: SCORE_COMMENT_MAX }))
              .optional(),
          }),
        )
        .optional(),
    })
    .superRefine((value, ctx) => {
      const byId = new Map(criteria.map((c) => [c.id, c]));
      const given = new Map<number, number>();
      (value.scores ?? []).forEach((entry, index) => {
        const criterion = byId.get(entry.criterionId);
        if (!criterion || given.has(entry.criterionId)) {
          ctx.addIssue({ code: "custom", path: ["scores", index, "criterionId"], message: t("contest.review.score.invalid") });
          return;
        }
        given.set(entry.criterionId, index);
        if (entry.score !== undefined && (entry.score < criterion.scale_min || entry.score > criterion.scale_max)) {
          ctx.addIssue({ code: "custom", path: ["scores", index, "score"], message: t("contest.review.score.range", { min: criterion.scale_min, max: criterion.scale_max }) });
        }
        if (value.intent === "submit" && entry.score === undefined) {
          ctx.addIssue({ code: "custom", path: ["scores", index, "score"], message: t("contest.review.score.required") });
        } else if (entry.score === undefined && entry.comment) {
          // A comment is stored with its score (contest_scores.score is NOT NULL); say so rather than drop it.
          ctx.addIssue({ code: "custom", path: ["scores", index, "score"], message: t("contest.review.score.commentNeedsScore") });
        }
      });
      if (value.intent === "submit") {
        if (criteria.some((c) => !given.has(c.id))) ctx.addIssue({ code: "custom", path: [], message: t("contest.review.error.incomplete") });
        if (!value.overallComment) ctx.addIssue({ code: "custom", path: ["overallComment"], message: t("contest.review.overall.required") });
      }
    });
export type ReviewFormValue = z.infer<ReturnType<typeof reviewFormSchema>>;
