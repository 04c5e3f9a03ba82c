import { z } from "zod";
import type { ContestOutcome } from "../../db/schema";
import type { Translate } from "../i18n/i18n";
import "./decisions.messages";

// Forms of the ranking/decisions and projects tabs (one zod schema per form, shared by the page and the action),
// and what the decision and project commands refuse. No server imports: pages use these too.

export const OUTCOMES: ContestOutcome[] = ["adopted", "step_up", "not_adopted"];
export const isOutcome = (value: unknown): value is ContestOutcome => typeof value === "string" && (OUTCOMES as string[]).includes(value);
/** Outcomes that become a challenge project when results are published. */
export const PROJECT_OUTCOMES: ContestOutcome[] = ["adopted", "step_up"];

export const FEEDBACK_MAX = 4000;
const charCount = (value: string) => [...value].length;

const idField = (t: Translate) => z.number({ required_error: t("contest.decision.error.invalid"), invalid_type_error: t("contest.decision.error.invalid") }).int().positive().max(2_147_483_647);

/**
 * One proposal's outcome and the feedback the proposers will read. Feedback is required for 不採択: a rejection
 * without a reason is what staff complain about most (ANCHORS.md); optional for the other two.
 */
export const decideSchema = (t: Translate) =>
  z
    .object({
      intent: z.literal("decide"),
      proposalId: idField(t),
      outcome: z.enum(["adopted", "step_up", "not_adopted"], { required_error: t("contest.decision.outcome.required"), invalid_type_error: t("contest.decision.outcome.required") }),
      feedback: z
        .string()
        .trim()
        .refine((v) => charCount(v) <= FEEDBACK_MAX, t("contest.decision.feedback.tooLong", { max: FEEDBACK_MAX }))
        .optional(),
      confirmOverQuota: z.literal("on").optional(),
    })
    .superRefine((value, ctx) => {
      if (value.outcome === "not_adopted" && !value.feedback) ctx.addIssue({ code: "custom", path: ["feedback"], message: t("contest.decision.feedback.required") });
    });
export type DecideForm = z.infer<ReturnType<typeof decideSchema>>;

export const publishSchema = () => z.object({ intent: z.literal("publish") });

const isoDate = (t: Translate, requiredKey: string) =>
  z
    .string({ required_error: t(requiredKey) })
    .regex(/^\d{4}-\d{2}-\d{2}$/, t("contest.projects.date.invalid"))
    .refine((v) => !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime()) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), t("contest.projects.date.invalid"));

export const addMemberSchema = (t: Translate) =>
  z.object({ intent: z.literal("add-member"), projectId: idField(t), employeeId: idField(t) });

export const updateProjectSchema = (t: Translate) =>
  z
    .object({
      intent: z.literal("update-project"),
      projectId: idField(t),
      hostDepartmentId: z.number({ required_error: t("contest.projects.host.required"), invalid_type_error: t("contest.projects.host.required") }).int().positive(),
      startOn: isoDate(t, "contest.projects.start.required"),
      endOn: isoDate(t, "contest.projects.end.required").optional(),
    })
    .superRefine((value, ctx) => {
      if (value.endOn && value.endOn < value.startOn) ctx.addIssue({ code: "custom", path: ["endOn"], message: t("contest.projects.end.beforeStart") });
    });

// ---------------------------------------------------------------------------------------------------------------
// What the commands refuse

export type ContestDecisionErrorCode =
  | "not_found"
  | "not_submitted"
  | "published"
  | "over_quota"
  | "too_early"
  | "undecided"
  | "already_published"
  | "project_not_found"
  | "employee_not_found"
  | "already_member"
  | "project_ended"
  | "project_started"
  | "start_in_past"
  | "department_not_found";

const STATUS: Record<ContestDecisionErrorCode, number> = {
  not_found: 404,
  not_submitted: 409,
  published: 409,
  over_quota: 409,
  too_early: 409,
  undecided: 409,
  already_published: 409,
  project_not_found: 404,
  employee_not_found: 404,
  already_member: 409,
  project_ended: 409,
  project_started: 409,
  start_in_past: 400,
  department_not_found: 400,
};

/** Japanese defaults (seeds, logs); pages translate `contest.decision.error.<code>` with the details. */
const DEFAULT_JA: Record<ContestDecisionErrorCode, string> = {
  not_found: "提案が見つかりません。",
  not_submitted: "提出されていない提案には採否を決定できません。",
  published: "結果を公開した後は、採否を変更できません。",
  over_quota: "採択枠を超えます。",
  too_early: "結果発表日より前には結果を公開できません。",
  undecided: "採否が決まっていない提案があります。",
  already_published: "結果は既に公開されています。",
  project_not_found: "プロジェクトが見つかりません。",
  employee_not_found: "職員が見つかりません。",
  already_member: "既にメンバーです。",
  project_ended: "終了したプロジェクトにはメンバーを追加できません。",
  project_started: "開始したプロジェクトの受入所属・開始日は変更できません。",
  start_in_past: "開始日は今日以降の日付にしてください。",
  department_not_found: "所属が見つかりません。",
};

export interface ContestDecisionErrorDetails {
  outcome?: ContestOutcome;
  quota?: number;
  count?: number;
  resultsOn?: string;
  undecided?: number;
}

export class ContestDecisionError extends Error {
  readonly status: number;
  constructor(
    readonly code: ContestDecisionErrorCode,
    readonly details: ContestDecisionErrorDetails = {},
  ) {
    super(DEFAULT_JA[code]);
    this.name = "ContestDecisionError";
    this.status = STATUS[code];
  }
}

export function isContestDecisionError(error: unknown): error is ContestDecisionError {
  return error instanceof ContestDecisionError;
}

/** The message a page shows for a refusal, with the numbers the refusal carries. */
export function decisionErrorMessage(t: Translate, error: { code: ContestDecisionErrorCode; details: ContestDecisionErrorDetails }): string {
  const d = error.details;
  return t(`contest.decision.error.${error.code}`, {
    outcome: d.outcome ? t(`contest.decision.outcome.${d.outcome}`) : "",
    quota: d.quota ?? "",
    count: d.count ?? "",
    resultsOn: d.resultsOn ?? "",
    undecided: d.undecided ?? "",
  });
}
