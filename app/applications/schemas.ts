import { z } from "zod";
import type { Translate } from "../i18n/i18n";
import { MAX_CAP_PERCENT, MIN_CAP_PERCENT } from "./cap";
import "./messages";

// One schema per form, shared by the page (conform, in the browser) and the action (on the server). Lengths count
// characters the way PostgreSQL's length() does (code points), so the database CHECKs never disagree.

export const MOTIVATION_MIN = 20;
export const MOTIVATION_MAX = 2000;
export const EXPERIENCE_MAX = 2000;
export const REASON_MAX = 1000;
export const REPORT_MAX = 4000;

export const charCount = (value: string) => [...value].length;

/** Optional hours with at most one decimal, in (0, max]. Empty → undefined (conform sends nothing). */
const hours = (t: Translate, max: number) =>
  z
    .number({ invalid_type_error: t("applications.hours.invalid") })
    .gt(0, t("applications.hours.range", { max }))
    .max(max, t("applications.hours.range", { max }))
    .refine((v) => Math.round(v * 10) === v * 10, t("applications.hours.decimals"))
    .optional();

const requiredText = (t: Translate, requiredKey: string, max: number) =>
  z
    .string({ required_error: t(requiredKey) })
    .trim()
    .min(1, t(requiredKey))
    .refine((v) => charCount(v) <= max, t("applications.text.tooLong", { max }));

const optionalText = (t: Translate, max: number) =>
  z
    .string()
    .trim()
    .refine((v) => charCount(v) <= max, t("applications.text.tooLong", { max }))
    .optional();

export const applySchema = (t: Translate) =>
  z.object({
    motivation: z
      .string({ required_error: t("applications.apply.motivation.required") })
      .trim()
      .superRefine((value, ctx) => {
        const length = charCount(value);
        if (length === 0) ctx.addIssue({ code: "custom", message: t("applications.apply.motivation.required") });
        else if (length < MOTIVATION_MIN) ctx.addIssue({ code: "custom", message: t("applications.apply.motivation.tooShort", { min: MOTIVATION_MIN, count: length }) });
        else if (length > MOTIVATION_MAX) ctx.addIssue({ code: "custom", message: t("applications.apply.motivation.tooLong", { max: MOTIVATION_MAX, count: length }) });
      }),
    experience: optionalText(t, EXPERIENCE_MAX),
    hoursAvailable: hours(t, 160),
  });
export type ApplyInput = z.infer<ReturnType<typeof applySchema>>;

export const declineSchema = (t: Translate) =>
  z.object({ intent: z.literal("decline"), reason: requiredText(t, "applications.consent.reason.required", REASON_MAX) });

export const consentSchema = (t: Translate) =>
  z.discriminatedUnion("intent", [z.object({ intent: z.literal("consent"), comment: optionalText(t, REASON_MAX) }), declineSchema(t)]);

/** 'YYYY-MM-DDTHH:MM' from <input type="datetime-local">, read as Asia/Tokyo wall-clock time. */
export function parseTokyoLocalDateTime(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const date = new Date(`${value}:00+09:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}

export const interviewSchema = (t: Translate) =>
  z.object({
    intent: z.literal("interview"),
    interviewAt: z
      .string({ required_error: t("applications.interview.at.required") })
      .refine((v) => parseTokyoLocalDateTime(v) !== null, t("applications.interview.at.invalid"))
      .refine((v) => (parseTokyoLocalDateTime(v)?.getTime() ?? 0) > Date.now(), t("applications.interview.at.past")),
    place: requiredText(t, "applications.interview.place.required", 200),
    note: optionalText(t, REASON_MAX),
  });

export const notSelectedSchema = (t: Translate) =>
  z.object({ intent: z.literal("not_selected"), reason: requiredText(t, "applications.notSelected.reason.required", REASON_MAX) });

export const hostActionSchema = (t: Translate) =>
  z.discriminatedUnion("intent", [interviewSchema(t), z.object({ intent: z.literal("accept") }), notSelectedSchema(t)]);

export const withdrawSchema = (t: Translate) => z.object({ intent: z.literal("withdraw"), reason: optionalText(t, REASON_MAX) });

export const completionSchema = (t: Translate) =>
  z.object({
    intent: z.literal("complete"),
    report: requiredText(t, "applications.complete.report.required", REPORT_MAX),
    hours: z
      .number({ invalid_type_error: t("applications.hours.invalid") })
      .gt(0, t("applications.complete.hours.range"))
      .max(9999.9, t("applications.complete.hours.range"))
      .refine((v) => Math.round(v * 10) === v * 10, t("applications.hours.decimals"))
      .optional(),
  });

export const applicantActionSchema = (t: Translate) => z.discriminatedUnion("intent", [withdrawSchema(t), completionSchema(t)]);

export const capSettingSchema = (t: Translate) =>
  z.object({
    percent: z
      .number({ required_error: t("settings.cap.range", { min: MIN_CAP_PERCENT, max: MAX_CAP_PERCENT }), invalid_type_error: t("settings.cap.range", { min: MIN_CAP_PERCENT, max: MAX_CAP_PERCENT }) })
      .int(t("settings.cap.range", { min: MIN_CAP_PERCENT, max: MAX_CAP_PERCENT }))
      .min(MIN_CAP_PERCENT, t("settings.cap.range", { min: MIN_CAP_PERCENT, max: MAX_CAP_PERCENT }))
      .max(MAX_CAP_PERCENT, t("settings.cap.range", { min: MIN_CAP_PERCENT, max: MAX_CAP_PERCENT })),
  });
