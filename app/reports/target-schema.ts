import { z } from "zod";
import type { Translate } from "../i18n/i18n";
import "./messages";

// The form on /reports/targets (one zod schema shared by the page and the action). No server imports.

export const TARGET_MIN = 1;
export const TARGET_MAX = 100_000;
/** Fiscal years the form offers: from last year to five years ahead of the current one. */
export const targetYearOptions = (currentFiscalYear: number) => Array.from({ length: 7 }, (_, i) => currentFiscalYear - 1 + i);

export const targetSchema = (t: Translate, allowedYears: number[]) =>
  z.object({
    fiscalYear: z
      .number({ required_error: t("reports.targets.fiscalYear.required"), invalid_type_error: t("reports.targets.fiscalYear.required") })
      .int(t("reports.targets.fiscalYear.required"))
      .refine((fy) => allowedYears.includes(fy), t("reports.targets.fiscalYear.range")),
    target: z
      .number({ required_error: t("reports.targets.target.required"), invalid_type_error: t("reports.targets.target.integer") })
      .int(t("reports.targets.target.integer"))
      .min(TARGET_MIN, t("reports.targets.target.range", { min: TARGET_MIN, max: TARGET_MAX.toLocaleString("ja-JP") }))
      .max(TARGET_MAX, t("reports.targets.target.range", { min: TARGET_MIN, max: TARGET_MAX.toLocaleString("ja-JP") })),
  });
export type TargetForm = z.infer<ReturnType<typeof targetSchema>>;
