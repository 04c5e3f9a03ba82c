import { z } from "zod";
import type { Translate } from "../i18n/i18n";
import "./proposals.messages";

// The proposal's forms: one zod schema per form, shared by the page (conform, in the browser) and the action.

export const PROPOSAL_INTENTS = ["save", "submit"] as const;
export type ProposalIntent = (typeof PROPOSAL_INTENTS)[number];

export const PROPOSAL_LIMITS = { title: 120, background: 4000, proposal: 6000, expectedEffect: 4000, plan: 4000 } as const;
export const MAX_BUDGET_YEN = 10_000_000_000;

/** What the proposal commands take: the form's values with their final types (null = not given yet). */
export interface ProposalContent {
  title: string;
  background: string;
  proposal: string;
  expectedEffect: string;
  plan: string;
  budgetYen: number | null;
  requestedSharePercent: number | null;
  desiredHostDepartmentId: number | null;
}

/** The fields a draft may leave empty but a submitted proposal must have (the host unit may stay undecided). */
export const REQUIRED_FOR_SUBMISSION = ["background", "proposal", "expectedEffect", "plan", "budgetYen", "requestedSharePercent"] as const;
export type SubmissionField = (typeof REQUIRED_FOR_SUBMISSION)[number];

/** The fields still missing before the proposal can be submitted, in form order. */
export function missingForSubmission(p: Record<SubmissionField, unknown>): SubmissionField[] {
  return REQUIRED_FOR_SUBMISSION.filter((field) => {
    const value = p[field];
    return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
  });
}

/** 「1,200,000」「１２０万」 are not numbers; 「1,200,000円」 and full-width digits are accepted as typed by people. */
export function parseYen(raw: string): number | null {
  const cleaned = raw.normalize("NFKC").replace(/[,\s円]/g, "");
  if (!/^\d+$/.test(cleaned)) return null;
  return Number(cleaned);
}

const oneDecimal = (value: number) => Math.abs(value * 10 - Math.round(value * 10)) < 1e-9;

export const proposalFormSchema = (t: Translate) => {
  const body = (key: keyof typeof PROPOSAL_LIMITS) =>
    z
      .string()
      .trim()
      .max(PROPOSAL_LIMITS[key], t(`contest.proposals.error.${key}.max`, { max: PROPOSAL_LIMITS[key] }))
      .optional();

  const fields = z.object({
    intent: z.enum(PROPOSAL_INTENTS).default("save"),
    title: z
      .string({ required_error: t("contest.proposals.error.title.required"), invalid_type_error: t("contest.proposals.error.title.required") })
      .trim()
      .min(1, t("contest.proposals.error.title.required"))
      .max(PROPOSAL_LIMITS.title, t("contest.proposals.error.title.max", { max: PROPOSAL_LIMITS.title })),
    background: body("background"),
    proposal: body("proposal"),
    expectedEffect: body("expectedEffect"),
    plan: body("plan"),
    budgetYen: z
      .string()
      .trim()
      .optional()
      .transform((raw, ctx) => {
        if (!raw) return null;
        const yen = parseYen(raw);
        if (yen === null || yen > MAX_BUDGET_YEN) {
          ctx.addIssue({ code: "custom", message: t("contest.proposals.error.budgetYen.invalid") });
          return z.NEVER;
        }
        return yen;
      }),
    requestedSharePercent: z
      .number({ invalid_type_error: t("contest.proposals.error.requestedSharePercent.range") })
      .min(0, t("contest.proposals.error.requestedSharePercent.range"))
      .max(100, t("contest.proposals.error.requestedSharePercent.range"))
      .refine(oneDecimal, t("contest.proposals.error.requestedSharePercent.step"))
      .optional(),
    desiredHostDepartmentId: z
      .number({ invalid_type_error: t("contest.proposals.error.desiredHost.invalid") })
      .int(t("contest.proposals.error.desiredHost.invalid"))
      .positive(t("contest.proposals.error.desiredHost.invalid"))
      .optional(),
  });

  // Submitting needs the whole proposal: the rule sits in a second schema over the same values so that its errors
  // appear beside each empty field together with the single-field ones.
  const loose = z.string().trim().optional().catch(undefined);
  const relations = z
    .object({ intent: loose, background: loose, proposal: loose, expectedEffect: loose, plan: loose, budgetYen: loose, requestedSharePercent: z.unknown().optional() })
    .superRefine((v, ctx) => {
      if (v.intent !== "submit") return;
      for (const field of REQUIRED_FOR_SUBMISSION) {
        const value = v[field];
        if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) {
          ctx.addIssue({ code: "custom", path: [field], message: t(`contest.proposals.error.${field}.required`) });
        }
      }
    })
    .transform(() => ({}));

  return fields.and(relations).transform(({ intent, ...v }): { intent: ProposalIntent; value: ProposalContent } => ({
    intent,
    value: {
      title: v.title,
      background: v.background ?? "",
      proposal: v.proposal ?? "",
      expectedEffect: v.expectedEffect ?? "",
      plan: v.plan ?? "",
      budgetYen: v.budgetYen ?? null,
      requestedSharePercent: v.requestedSharePercent ?? null,
      desiredHostDepartmentId: v.desiredHostDepartmentId ?? null,
    },
  }));
};

/** The lead invites a colleague picked from the search results (or typed as a 職員番号). */
export const inviteSchema = (t: Translate) =>
  z
    .object({
      intent: z.literal("invite"),
      employeeId: z
        .number({ invalid_type_error: t("contest.proposals.error.invitee.required") })
        .int()
        .positive()
        .optional(),
      employeeNo: z.string().trim().max(20).optional(),
    })
    .refine((v) => v.employeeId !== undefined || (v.employeeNo ?? "") !== "", { path: ["employeeNo"], message: t("contest.proposals.error.invitee.required") });

/** The lead removes a pending or accepted member. */
export const removeMemberSchema = z.object({ intent: z.literal("remove"), employeeId: z.number().int().positive() });

/** The member search on the proposal page (GET ?member=…): anything malformed is ignored, it is a search box. */
export const memberQuerySchema = z.string().trim().max(60).optional().catch(undefined);
