import { z } from "zod";
import type { Translate } from "../i18n/i18n";
import { dateOrderProblems, isCalendarDate, MAX_CRITERIA, REVIEW_VISIBILITIES, type CriterionInput, type ReviewVisibility, type RoundInput } from "./round-model";
import "./rounds.messages";

// The round form (create and edit): one zod schema shared by the page (conform, in the browser) and the action.

const twoDecimals = (value: number) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-7;

export interface RoundFormOptions {
  /** Reviews exist: the rubric is shown read-only and not part of the form (criteria are ignored if sent). */
  rubricLocked?: boolean;
}

/** The form's output: the settings, the rubric (absent when locked), and the version the form was loaded at. */
export interface RoundFormValue {
  version: string | null;
  value: Omit<RoundInput, "criteria"> & { criteria?: CriterionInput[] };
}

export const roundFormSchema = (t: Translate, options: RoundFormOptions = {}) => {
  const text = (key: string, max: number) =>
    z
      .string({
        required_error: t(`contest.rounds.error.${key}.required`),
        invalid_type_error: t(`contest.rounds.error.${key}.required`),
      })
      .trim()
      .min(1, t(`contest.rounds.error.${key}.required`))
      .max(max, t(`contest.rounds.error.${key}.max`, { max }));
  const date = z
    .string({
      required_error: t("contest.rounds.error.date.required"),
      invalid_type_error: t("contest.rounds.error.date.required"),
    })
    .trim()
    .refine(isCalendarDate, t("contest.rounds.error.date.invalid"));
  const int = (key: string, min: number, max: number) =>
    z
      .number({
        required_error: t(`contest.rounds.error.${key}.required`),
        invalid_type_error: t(`contest.rounds.error.${key}.range`, {
          min,
          max,
        }),
      })
      .int(t(`contest.rounds.error.${key}.range`, { min, max }))
      .min(min, t(`contest.rounds.error.${key}.range`, { min, max }))
      .max(max, t(`contest.rounds.error.${key}.range`, { min, max }));

  const criterion = z
    .object({
      nameJa: text("criterion.nameJa", 40),
      nameEn: text("criterion.nameEn", 60),
      description: z
        .string()
        .trim()
        .max(1000, t("contest.rounds.error.criterion.description.max", { max: 1000 }))
        .optional(),
      weight: z
        .number({
          required_error: t("contest.rounds.error.criterion.weight.required"),
          invalid_type_error: t("contest.rounds.error.criterion.weight.range"),
        })
        .gt(0, t("contest.rounds.error.criterion.weight.range"))
        .max(100, t("contest.rounds.error.criterion.weight.range"))
        .refine(twoDecimals, t("contest.rounds.error.criterion.weight.step")),
      scaleMin: int("criterion.scaleMin", 0, 99),
      scaleMax: int("criterion.scaleMax", 1, 100),
    })
    // The scale's order is checked on its own, so it shows together with the other fields' errors.
    .and(
      z
        .object({ scaleMin: z.number().optional().catch(undefined), scaleMax: z.number().optional().catch(undefined) })
        .superRefine((c, ctx) => {
          if (c.scaleMin !== undefined && c.scaleMax !== undefined && c.scaleMax <= c.scaleMin) {
            ctx.addIssue({ code: "custom", path: ["scaleMax"], message: t("contest.rounds.error.criterion.scale.order") });
          }
        })
        .transform(() => ({})),
    );

  const fields = z.object({
    title: text("title", 120),
    fiscalYear: int("fiscalYear", 2000, 2100),
    guidance: z
      .string()
      .trim()
      .max(4000, t("contest.rounds.error.guidance.max", { max: 4000 }))
      .optional(),
    callOpensOn: date,
    callClosesOn: date,
    reviewOpensOn: date,
    reviewClosesOn: date,
    resultsOn: date,
    projectStartOn: date,
    quotaAdopted: int("quota", 0, 100),
    quotaStepUp: int("quota", 0, 100),
    reviewersPerProposal: int("reviewersPerProposal", 1, 20),
    reviewVisibility: z.enum(REVIEW_VISIBILITIES as unknown as [ReviewVisibility, ...ReviewVisibility[]], {
      errorMap: () => ({
        message: t("contest.rounds.error.reviewVisibility.required"),
      }),
    }),
    criteria: options.rubricLocked
      ? z
          .unknown()
          .optional()
          .transform(() => undefined)
      : z
          .array(criterion, {
            required_error: t("contest.rounds.error.criteria.required"),
          })
          .min(1, t("contest.rounds.error.criteria.required"))
          .max(MAX_CRITERIA, t("contest.rounds.error.criteria.max", { max: MAX_CRITERIA }))
          .superRefine((list, ctx) => {
            const seen = new Set<string>();
            for (const c of list) {
              const key = c.nameJa.normalize("NFKC");
              if (seen.has(key))
                ctx.addIssue({
                  code: "custom",
                  message: t("contest.rounds.error.criteria.duplicate", {
                    name: c.nameJa,
                  }),
                });
              seen.add(key);
            }
          }),
    /** The round's updated_at when the form was loaded: a stale edit gets a 409 instead of overwriting. */
    version: z.string().trim().optional(),
  });

  // Date order lives in a second schema over the same values, so its errors appear together with the single-field
  // ones (zod parses both sides of an intersection) and beside the date that is out of place.
  const maybeDate = z.string().trim().optional().catch(undefined);
  const relations = z
    .object({
      callOpensOn: maybeDate,
      callClosesOn: maybeDate,
      reviewOpensOn: maybeDate,
      reviewClosesOn: maybeDate,
      resultsOn: maybeDate,
      projectStartOn: maybeDate,
    })
    .superRefine((v, ctx) => {
      const ok = (value: string | undefined) => (value && isCalendarDate(value) ? value : undefined);
      const dates = {
        callOpensOn: ok(v.callOpensOn),
        callClosesOn: ok(v.callClosesOn),
        reviewOpensOn: ok(v.reviewOpensOn),
        reviewClosesOn: ok(v.reviewClosesOn),
        resultsOn: ok(v.resultsOn),
        projectStartOn: ok(v.projectStartOn),
      };
      for (const [field] of dateOrderProblems(dates)) {
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: t(`contest.rounds.error.order.${field}`),
        });
      }
    })
    .transform(() => ({}));

  return fields.and(relations).transform(({ version, ...v }): RoundFormValue => ({
    version: version || null,
    value: toRoundInput(v),
  }));
};

function toRoundInput(v: {
  title: string;
  fiscalYear: number;
  guidance?: string;
  callOpensOn: string;
  callClosesOn: string;
  reviewOpensOn: string;
  reviewClosesOn: string;
  resultsOn: string;
  projectStartOn: string;
  quotaAdopted: number;
  quotaStepUp: number;
  reviewersPerProposal: number;
  reviewVisibility: ReviewVisibility;
  criteria?: Array<Omit<CriterionInput, "description"> & { description?: string }>;
}): RoundFormValue["value"] {
  return {
    title: v.title,
    fiscalYear: v.fiscalYear,
    guidance: v.guidance ?? "",
    callOpensOn: v.callOpensOn,
    callClosesOn: v.callClosesOn,
    reviewOpensOn: v.reviewOpensOn,
    reviewClosesOn: v.reviewClosesOn,
    resultsOn: v.resultsOn,
    projectStartOn: v.projectStartOn,
    quotaAdopted: v.quotaAdopted,
    quotaStepUp: v.quotaStepUp,
    reviewersPerProposal: v.reviewersPerProposal,
    reviewVisibility: v.reviewVisibility,
    criteria: v.criteria?.map((c) => ({
      nameJa: c.nameJa,
      nameEn: c.nameEn,
      description: c.description ?? "",
      weight: c.weight,
      scaleMin: c.scaleMin,
      scaleMax: c.scaleMax,
    })),
  };
}
