import { z } from "zod";
import type { ConsultationMode, ConsultationTopic } from "../../db/schema";
import type { Translate } from "../i18n/i18n";
import "./counselor.messages";

// The counsellor's forms (profile and rules, weekly hours, date exceptions, session outcome, cancellation, notes):
// one zod schema per form, shared by the page (conform, in the browser) and the action (on the server). Limits
// mirror the CHECKs of db/migrations/2026-11-21_0004_consultations.ts so the database never disagrees. Lengths
// count code points, as PostgreSQL's length() does.

export const CONSULTATION_MODES: ConsultationMode[] = ["in_person", "online"];
export const CONSULTATION_TOPICS: ConsultationTopic[] = ["career_plan", "transfer", "skills", "work_life", "relationships", "other"];
/** ISO weekdays, Monday first. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export const PROFILE_LIMITS = {
  displayName: 60,
  qualifications: 300,
  introduction: 1000,
  room: 200,
  meetingUrl: 500,
  sessionMinutes: { min: 15, max: 180, default: 50 },
  bufferMinutes: { min: 0, max: 60, default: 10 },
  minNoticeBusinessDays: { min: 0, max: 10, default: 1 },
  horizonDays: { min: 1, max: 365, default: 60 },
  maxPerDay: { min: 1, max: 20, default: 4 },
} as const;
export const OVERRIDE_NOTE_MAX = 200;
/** How far ahead a date exception may be set (a year covers any booking horizon). */
export const OVERRIDE_MAX_DAYS_AHEAD = 366;
export const CANCEL_REASON_MAX = 500;
export const NOTE_MAX = 4000;

export const charCount = (value: string) => [...value].length;

// ---------------------------------------------------------------------------------------------------------------
// Errors the counsellor's commands refuse with; pages translate `counselor.error.<code>`.

export type CounselorErrorCode =
  | "not_found"
  | "forbidden"
  | "no_profile"
  | "not_started"
  | "already_started"
  | "state_changed"
  | "hours_overlap"
  | "range_too_short"
  | "override_overlap"
  | "override_past"
  | "override_too_far"
  | "note_not_found"
  | "entry_not_found";

const STATUS: Record<CounselorErrorCode, number> = {
  not_found: 404,
  forbidden: 403,
  no_profile: 409,
  not_started: 409,
  already_started: 409,
  state_changed: 409,
  hours_overlap: 409,
  range_too_short: 400,
  override_overlap: 409,
  override_past: 400,
  override_too_far: 400,
  note_not_found: 404,
  entry_not_found: 404,
};

export const COUNSELOR_ERROR_JA: Record<CounselorErrorCode, string> = {
  not_found: "相談の予約が見つかりません。",
  forbidden: "この操作を行う権限がありません。",
  no_profile: "相談員のプロフィールが登録されていません。",
  not_started: "開始時刻前のため、実施・欠席は記録できません。",
  already_started: "開始時刻を過ぎたため、取り消せません。",
  state_changed: "状態が変わりました。画面を更新してください。",
  hours_overlap: "同じ曜日の既存の時間帯と重なっています。",
  range_too_short: "時間帯が面談時間より短いため、予約を受け付けられません。",
  override_overlap: "同じ日の既存の例外と重なっています。",
  override_past: "過去の日付には例外を設定できません。",
  override_too_far: "1年より先の日付には例外を設定できません。",
  note_not_found: "メモが見つかりません。",
  entry_not_found: "対象の設定が見つかりません。既に削除された可能性があります。",
};

export class CounselorError extends Error {
  readonly status: number;
  constructor(
    readonly code: CounselorErrorCode,
    readonly details: Record<string, string | number> = {},
  ) {
    super(COUNSELOR_ERROR_JA[code]);
    this.name = "CounselorError";
    this.status = STATUS[code];
  }
}

export function isCounselorError(error: unknown): error is CounselorError {
  return error instanceof CounselorError;
}

export function counselorErrorMessage(t: Translate, error: CounselorError): string {
  return t(`counselor.error.${error.code}`, error.details);
}

// ---------------------------------------------------------------------------------------------------------------
// Times of day

const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::00)?$/;

/** 'HH:MM' (or PostgreSQL's 'HH:MM:SS') → minutes after midnight; null when not a time of day. */
export function minutesOfDay(value: string | null | undefined): number | null {
  const match = TIME.exec(value ?? "");
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** 'HH:MM:SS' from the database → 'HH:MM'. */
export function shortTime(value: string): string {
  return value.slice(0, 5);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

// ---------------------------------------------------------------------------------------------------------------
// Schemas

const requiredText = (t: Translate, requiredKey: string, max: number) =>
  z
    .string({ required_error: t(requiredKey) })
    .trim()
    .min(1, t(requiredKey))
    .refine((v) => charCount(v) <= max, t("counselor.text.tooLong", { max }));

const optionalText = (t: Translate, max: number) =>
  z
    .string()
    .trim()
    .refine((v) => charCount(v) <= max, t("counselor.text.tooLong", { max }))
    .optional()
    .transform((v) => v ?? "");

const wholeNumber = (t: Translate, limits: { min: number; max: number }) => {
  const message = t("counselor.number.range", { min: limits.min, max: limits.max });
  return z.number({ required_error: message, invalid_type_error: message }).int(message).min(limits.min, message).max(limits.max, message);
};

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname.length > 0;
  } catch {
    return false;
  }
}

export const profileSchema = (t: Translate) =>
  z
    .object({
      displayName: requiredText(t, "counselor.profile.displayName.required", PROFILE_LIMITS.displayName),
      qualifications: optionalText(t, PROFILE_LIMITS.qualifications),
      introduction: optionalText(t, PROFILE_LIMITS.introduction),
      sessionMinutes: wholeNumber(t, PROFILE_LIMITS.sessionMinutes),
      bufferMinutes: wholeNumber(t, PROFILE_LIMITS.bufferMinutes),
      minNoticeBusinessDays: wholeNumber(t, PROFILE_LIMITS.minNoticeBusinessDays),
      horizonDays: wholeNumber(t, PROFILE_LIMITS.horizonDays),
      maxPerDay: wholeNumber(t, PROFILE_LIMITS.maxPerDay),
      offersInPerson: z.boolean().optional().transform((v) => v ?? false),
      room: optionalText(t, PROFILE_LIMITS.room),
      offersOnline: z.boolean().optional().transform((v) => v ?? false),
      meetingUrl: optionalText(t, PROFILE_LIMITS.meetingUrl),
      accepting: z.boolean().optional().transform((v) => v ?? false),
    })
    .superRefine((value, ctx) => {
      if (!value.offersInPerson && !value.offersOnline) {
        ctx.addIssue({ code: "custom", path: ["offersInPerson"], message: t("counselor.profile.modes.required") });
      }
      if (value.offersInPerson && !value.room) {
        ctx.addIssue({ code: "custom", path: ["room"], message: t("counselor.profile.room.required") });
      }
      if (value.offersOnline && !value.meetingUrl) {
        ctx.addIssue({ code: "custom", path: ["meetingUrl"], message: t("counselor.profile.meetingUrl.required") });
      } else if (value.meetingUrl && !isWebUrl(value.meetingUrl)) {
        ctx.addIssue({ code: "custom", path: ["meetingUrl"], message: t("counselor.profile.meetingUrl.invalid") });
      }
    });
export type ProfileFormValue = z.infer<ReturnType<typeof profileSchema>>;

const timeField = (t: Translate, requiredKey: string) =>
  z
    .string({ required_error: t(requiredKey) })
    .trim()
    .refine((v) => minutesOfDay(v) !== null, t("counselor.time.invalid"))
    .transform((v) => v.slice(0, 5));

export const addHoursSchema = (t: Translate) =>
  z
    .object({
      intent: z.literal("add-hours"),
      weekday: z
        .number({ required_error: t("counselor.hours.weekday.required"), invalid_type_error: t("counselor.hours.weekday.required") })
        .int()
        .min(1, t("counselor.hours.weekday.required"))
        .max(7, t("counselor.hours.weekday.required")),
      starts: timeField(t, "counselor.hours.starts.required"),
      ends: timeField(t, "counselor.hours.ends.required"),
    })
    .superRefine((value, ctx) => {
      if ((minutesOfDay(value.ends) ?? 0) <= (minutesOfDay(value.starts) ?? 0)) {
        ctx.addIssue({ code: "custom", path: ["ends"], message: t("counselor.time.endsAfterStarts") });
      }
    });

export const removeHoursSchema = z.object({ intent: z.literal("remove-hours"), id: z.number().int().positive() });

export const addOverrideSchema = (t: Translate) =>
  z
    .object({
      intent: z.literal("add-override"),
      onDate: z
        .string({ required_error: t("counselor.override.date.required") })
        .trim()
        .refine(isCalendarDate, t("counselor.override.date.invalid")),
      kind: z.enum(["off", "extra"], { required_error: t("counselor.override.kind.required"), invalid_type_error: t("counselor.override.kind.required") }),
      starts: z
        .string()
        .trim()
        .refine((v) => minutesOfDay(v) !== null, t("counselor.time.invalid"))
        .transform((v) => v.slice(0, 5))
        .optional(),
      ends: z
        .string()
        .trim()
        .refine((v) => minutesOfDay(v) !== null, t("counselor.time.invalid"))
        .transform((v) => v.slice(0, 5))
        .optional(),
      note: optionalText(t, OVERRIDE_NOTE_MAX),
    })
    .superRefine((value, ctx) => {
      if (value.kind === "extra") {
        if (!value.starts) ctx.addIssue({ code: "custom", path: ["starts"], message: t("counselor.override.extra.timesRequired") });
        if (!value.ends) ctx.addIssue({ code: "custom", path: ["ends"], message: t("counselor.override.extra.timesRequired") });
      } else if (Boolean(value.starts) !== Boolean(value.ends)) {
        ctx.addIssue({ code: "custom", path: [value.starts ? "ends" : "starts"], message: t("counselor.override.off.bothTimes") });
      }
      if (value.starts && value.ends && (minutesOfDay(value.ends) ?? 0) <= (minutesOfDay(value.starts) ?? 0)) {
        ctx.addIssue({ code: "custom", path: ["ends"], message: t("counselor.time.endsAfterStarts") });
      }
    });
export type OverrideFormValue = z.infer<ReturnType<typeof addOverrideSchema>>;

export const removeOverrideSchema = z.object({ intent: z.literal("remove-override"), id: z.number().int().positive() });

export const outcomeSchema = z.object({ intent: z.enum(["completed", "no_show"]) });

export const cancelSchema = (t: Translate) =>
  z.object({ intent: z.literal("cancel"), reason: requiredText(t, "counselor.cancel.reason.required", CANCEL_REASON_MAX) });

export const addNoteSchema = (t: Translate) => z.object({ intent: z.literal("add-note"), body: requiredText(t, "counselor.note.body.required", NOTE_MAX) });

export const editNoteSchema = (t: Translate) =>
  z.object({ intent: z.literal("edit-note"), noteId: z.number().int().positive(), body: requiredText(t, "counselor.note.body.required", NOTE_MAX) });
