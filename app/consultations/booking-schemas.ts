import { z } from "zod";
import type { ConsultationMode, ConsultationTopic } from "../../db/schema";
import type { Translate } from "../i18n/i18n";
import { CANCEL_REASON_MAX, NOTE_MAX } from "./booking-limits";
import "./booking.messages";

// One schema per booking form, shared by the page (conform, in the browser) and the action (on the server); what the
// booking commands refuse is in booking-errors.ts. Lengths count code points, as PostgreSQL's length() does.

export const TOPICS = ["career_plan", "transfer", "skills", "work_life", "relationships", "other"] as const satisfies readonly ConsultationTopic[];
export const MODES = ["in_person", "online"] as const satisfies readonly ConsultationMode[];

export const charCount = (value: string) => [...value].length;

/** An instant posted back from a slot button: the ISO string the server rendered. */
export function parseSlotInstant(value: string | null | undefined): Date | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const instant = (t: Translate) =>
  z
    .string({ required_error: t("booking.form.slot.required") })
    .refine((v) => parseSlotInstant(v) !== null, t("booking.form.slot.required"));

const note = (t: Translate) =>
  z
    .string()
    .refine((v) => charCount(v.trim()) <= NOTE_MAX, t("booking.form.note.tooLong", { max: NOTE_MAX }))
    .optional();

export const bookSchema = (t: Translate) =>
  z.object({
    /** 'any' (指定なし) or the counsellor's employee id. */
    counselor: z.string({ required_error: t("booking.form.counselor.required") }).regex(/^(any|\d{1,9})$/, t("booking.form.counselor.required")),
    startsAt: instant(t),
    mode: z.enum(MODES, { required_error: t("booking.form.mode.required"), invalid_type_error: t("booking.form.mode.required") }),
    topic: z.enum(TOPICS, { required_error: t("booking.form.topic.required"), invalid_type_error: t("booking.form.topic.required") }),
    note: note(t),
    idempotencyKey: z.string({ required_error: t("booking.form.expired") }).regex(/^[A-Za-z0-9-]{16,100}$/, t("booking.form.expired")),
  });
export type BookInput = z.infer<ReturnType<typeof bookSchema>>;

export const moveSchema = (t: Translate) => z.object({ intent: z.literal("move"), startsAt: instant(t) });

export const cancelSchema = (t: Translate) =>
  z.object({
    intent: z.literal("cancel"),
    reason: z
      .string()
      .refine((v) => charCount(v.trim()) <= CANCEL_REASON_MAX, t("booking.cancel.reason.tooLong", { max: CANCEL_REASON_MAX }))
      .optional(),
  });

export const bookingActionSchema = (t: Translate) => z.discriminatedUnion("intent", [moveSchema(t), cancelSchema(t)]);
