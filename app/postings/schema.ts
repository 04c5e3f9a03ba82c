import { z } from "zod";
import type { EmploymentType, Scheme, SelectionMethod, WorkStyle } from "../../db/schema";
import type { Translate } from "../i18n/i18n";
import { EMPLOYMENT_TYPES, MAX_HOURS, MAX_SKILL_LENGTH, MAX_SKILLS, MIN_HOURS, parseSkills, SCHEMES, SELECTION_METHODS, WORK_STYLES } from "./model";
import "./messages";

// One zod schema per form, shared by the page (conform, in the browser) and the action (on the server).

export const POSTING_INTENTS = ["save", "submit"] as const;
export type PostingIntent = (typeof POSTING_INTENTS)[number];

export interface PostingFormOptions {
  /** Today in Asia/Tokyo ('YYYY-MM-DD'): submitting needs a window that has not started yet. */
  today: string;
  /** Grade codes that may be chosen as the highest grade allowed. */
  grades: readonly string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const oneDecimal = (value: number) => Math.abs(value * 10 - Math.round(value * 10)) < 1e-9;

const enumOf = <T extends string>(values: readonly T[], message: string) =>
  z.enum(values as unknown as [T, ...T[]], { errorMap: () => ({ message }) });

/** The posting form: create, edit, and 「保存して承認を申請」 (intent = submit adds the rules for submitting). */
export const postingFormSchema = (t: Translate, options: PostingFormOptions) => {
  const text = (key: string, max: number) =>
    z
      .string({ required_error: t(`postings.error.${key}.required`), invalid_type_error: t(`postings.error.${key}.required`) })
      .trim()
      .min(1, t(`postings.error.${key}.required`))
      .max(max, t(`postings.error.${key}.max`, { max }));
  const date = z
    .string({ required_error: t("postings.error.date.required"), invalid_type_error: t("postings.error.date.required") })
    .trim()
    .refine(isCalendarDate, t("postings.error.date.invalid"));

  const fields = z.object({
    intent: z.enum(POSTING_INTENTS).default("save"),
    scheme: enumOf<Scheme>(SCHEMES, t("postings.error.scheme.required")),
    title: text("title", 120),
    hostDepartmentId: z
      .number({ required_error: t("postings.error.hostUnit.required"), invalid_type_error: t("postings.error.hostUnit.required") })
      .int(t("postings.error.hostUnit.required"))
      .positive(t("postings.error.hostUnit.required")),
    summary: text("summary", 400),
    workContent: text("workContent", 4000),
    skills: z
      .string()
      .max(2000, t("postings.error.skills.tooMany", { max: MAX_SKILLS }))
      .optional()
      .transform((raw, ctx) => {
        const tags = parseSkills(raw);
        if (tags.length > MAX_SKILLS) ctx.addIssue({ code: "custom", message: t("postings.error.skills.tooMany", { max: MAX_SKILLS }) });
        const long = tags.filter((tag) => tag.length > MAX_SKILL_LENGTH);
        if (long.length) ctx.addIssue({ code: "custom", message: t("postings.error.skills.tooLong", { max: MAX_SKILL_LENGTH, tags: long.join("、") }) });
        return tags;
      }),
    hoursPerMonth: z
      .number({ required_error: t("postings.error.hours.required"), invalid_type_error: t("postings.error.hours.invalid") })
      .min(MIN_HOURS, t("postings.error.hours.range", { min: MIN_HOURS, max: MAX_HOURS }))
      .max(MAX_HOURS, t("postings.error.hours.range", { min: MIN_HOURS, max: MAX_HOURS }))
      .refine(oneDecimal, t("postings.error.hours.step")),
    periodStart: date,
    periodEnd: date,
    capacity: z
      .number({ required_error: t("postings.error.capacity.required"), invalid_type_error: t("postings.error.capacity.range") })
      .int(t("postings.error.capacity.range"))
      .min(1, t("postings.error.capacity.range"))
      .max(100, t("postings.error.capacity.range")),
    workStyle: enumOf<WorkStyle>(WORK_STYLES, t("postings.error.workStyle.required")),
    place: z.string().trim().max(200, t("postings.error.place.max", { max: 200 })).optional(),
    maxGrade: z
      .string()
      .trim()
      .optional()
      .refine((value) => !value || options.grades.includes(value), t("postings.error.maxGrade.invalid"))
      .transform((value) => value || null),
    employmentTypes: z
      .array(enumOf<EmploymentType>(EMPLOYMENT_TYPES, t("postings.error.employmentTypes.required")), {
        required_error: t("postings.error.employmentTypes.required"),
      })
      .min(1, t("postings.error.employmentTypes.required")),
    selectionMethod: enumOf<SelectionMethod>(SELECTION_METHODS, t("postings.error.selectionMethod.required")),
    contact: text("contact", 200),
    applyFrom: date,
    applyUntil: date,
  });

  // The rules between fields live in a second schema over the same values, intersected with the first: zod
  // parses both sides, so these errors appear together with the single-field ones instead of only after
  // every field is valid.
  const maybeDate = z.string().trim().optional().catch(undefined);
  const relations = z
    .object({
      intent: z.string().optional().catch(undefined),
      scheme: z.string().optional().catch(undefined),
      workStyle: z.string().optional().catch(undefined),
      place: z.string().trim().optional().catch(undefined),
      periodStart: maybeDate,
      periodEnd: maybeDate,
      applyFrom: maybeDate,
      applyUntil: maybeDate,
    })
    .superRefine((v, ctx) => {
      const ok = (value: string | undefined): value is string => Boolean(value && isCalendarDate(value));
      if (ok(v.periodStart) && ok(v.periodEnd) && v.periodEnd < v.periodStart) {
        ctx.addIssue({ code: "custom", path: ["periodEnd"], message: t("postings.error.periodEnd.beforeStart") });
      }
      if (ok(v.applyFrom) && ok(v.applyUntil) && v.applyUntil < v.applyFrom) {
        ctx.addIssue({ code: "custom", path: ["applyUntil"], message: t("postings.error.applyUntil.beforeFrom") });
      }
      if (ok(v.applyUntil) && ok(v.periodEnd) && v.applyUntil > v.periodEnd) {
        ctx.addIssue({ code: "custom", path: ["applyUntil"], message: t("postings.error.applyUntil.afterPeriodEnd") });
      }
      if (v.intent === "submit" && ok(v.applyFrom) && v.applyFrom < options.today) {
        ctx.addIssue({ code: "custom", path: ["applyFrom"], message: t("postings.error.applyFrom.past") });
      }
      if ((v.workStyle === "onsite" || v.workStyle === "hybrid") && !v.place) {
        ctx.addIssue({ code: "custom", path: ["place"], message: t("postings.error.place.required") });
      }
    })
    // Contributes only issues: an empty output merges with the first schema's values without conflicts.
    .transform(() => ({}));

  return fields.and(relations).transform(({ intent, ...value }) => ({ intent, value: toPostingInput(value) }));
};

/** What the commands take: the form's values with their final types. */
export interface PostingInput {
  scheme: Scheme;
  title: string;
  hostDepartmentId: number;
  summary: string;
  workContent: string;
  skills: string[];
  hoursPerMonth: number;
  periodStart: string;
  periodEnd: string;
  capacity: number;
  workStyle: WorkStyle;
  place: string;
  maxGrade: string | null;
  employmentTypes: EmploymentType[];
  selectionMethod: SelectionMethod;
  contact: string;
  applyFrom: string;
  applyUntil: string;
}

function toPostingInput(v: {
  scheme: Scheme;
  title: string;
  hostDepartmentId: number;
  summary: string;
  workContent: string;
  skills: string[];
  hoursPerMonth: number;
  periodStart: string;
  periodEnd: string;
  capacity: number;
  workStyle: WorkStyle;
  place?: string;
  maxGrade: string | null;
  employmentTypes: EmploymentType[];
  selectionMethod: SelectionMethod;
  contact: string;
  applyFrom: string;
  applyUntil: string;
}): PostingInput {
  return {
    scheme: v.scheme,
    title: v.title,
    hostDepartmentId: v.hostDepartmentId,
    summary: v.summary,
    workContent: v.workContent,
    skills: v.skills,
    hoursPerMonth: v.hoursPerMonth,
    periodStart: v.periodStart,
    periodEnd: v.periodEnd,
    capacity: v.capacity,
    workStyle: v.workStyle,
    place: v.place ?? "",
    maxGrade: v.maxGrade,
    employmentTypes: [...new Set(v.employmentTypes)],
    selectionMethod: v.selectionMethod,
    contact: v.contact,
    applyFrom: v.applyFrom,
    applyUntil: v.applyUntil,
  };
}

/** HR's 差戻し: the comment is required (the host needs to know what to fix). */
export const returnSchema = (t: Translate) =>
  z.object({
    intent: z.literal("return"),
    comment: z
      .string({ required_error: t("postings.error.comment.required") })
      .trim()
      .min(1, t("postings.error.comment.required"))
      .max(1000, t("postings.error.comment.max", { max: 1000 })),
  });

/** 中止: the reason is required and is sent to every applicant. */
export const cancelSchema = (t: Translate) =>
  z.object({
    intent: z.literal("cancel"),
    reason: z
      .string({ required_error: t("postings.error.cancelReason.required") })
      .trim()
      .min(1, t("postings.error.cancelReason.required"))
      .max(1000, t("postings.error.cancelReason.max", { max: 1000 })),
  });

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The browse page's query string. Anything malformed is ignored rather than refused: it is a search form. */
export const browseFiltersSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  scheme: z.enum(["side_job", "job_challenge"]).optional().catch(undefined),
  bureau: z.coerce.number().int().positive().optional().catch(undefined),
  skill: z.string().trim().max(MAX_SKILL_LENGTH).optional().catch(undefined),
  maxHours: z.coerce.number().positive().max(MAX_HOURS).optional().catch(undefined),
  remote: z.literal("1").optional().catch(undefined),
  from: z.string().regex(MONTH).optional().catch(undefined),
  to: z.string().regex(MONTH).optional().catch(undefined),
  upcoming: z.literal("1").optional().catch(undefined),
  sort: z.enum(["deadline", "newest"]).catch("deadline").default("deadline"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export type BrowseQuery = z.infer<typeof browseFiltersSchema>;

export function parseBrowseQuery(params: URLSearchParams): BrowseQuery {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(browseFiltersSchema.shape)) {
    const value = params.get(key);
    if (value !== null && value.trim() !== "") raw[key] = value;
  }
  return browseFiltersSchema.parse(raw);
}
