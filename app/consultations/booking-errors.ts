import { MAX_FUTURE_BOOKINGS } from "./booking-limits";

// What the booking commands refuse, with the HTTP status a page answers and the default text. Apart from the schemas
// (booking-schemas.ts) so that the catalogue, which quotes the text, does not pull zod into pages.

export type BookingErrorCode =
  | "not_found"
  | "forbidden"
  | "own_counselor"
  | "counselor_unavailable"
  | "mode_unavailable"
  | "slot_taken"
  | "slot_unavailable"
  | "employee_overlap"
  | "limit_reached"
  | "past_cutoff"
  | "already_started"
  | "same_time"
  | "state_changed";

const STATUS: Record<BookingErrorCode, number> = {
  not_found: 404,
  forbidden: 403,
  own_counselor: 403,
  counselor_unavailable: 409,
  mode_unavailable: 409,
  slot_taken: 409,
  slot_unavailable: 409,
  employee_overlap: 409,
  limit_reached: 409,
  past_cutoff: 409,
  already_started: 409,
  same_time: 409,
  state_changed: 409,
};

/** The default (Japanese) text; pages translate the code with `booking.error.<code>`. */
export const BOOKING_ERROR_JA: Record<BookingErrorCode, string> = {
  not_found: "予約が見つかりません。",
  forbidden: "この操作を行う権限がありません。",
  own_counselor: "ご自身を相談員とする予約はできません。",
  counselor_unavailable: "この相談員は現在、予約を受け付けていません。",
  mode_unavailable: "この相談員は、選択した相談方法に対応していません。",
  slot_taken: "この時間は先に予約が入りました。",
  slot_unavailable: "この時間は予約できません。空いている時間から選び直してください。",
  employee_overlap: "同じ時間帯に、ご自身の別の相談の予約があります。",
  limit_reached: `今後の予約は${MAX_FUTURE_BOOKINGS}件までです。新しく予約するには、既存の予約の相談が終わるのを待つか、予約を取り消してください。`,
  past_cutoff: "変更・取消の受付期限（相談日の前営業日17時）を過ぎています。相談員に直接ご連絡ください。",
  already_started: "開始時刻を過ぎた相談は取り消せません。",
  same_time: "現在の予約と同じ日時です。別の時間を選んでください。",
  state_changed: "予約の状態が変わりました。画面を更新してください。",
};

export const BOOKING_ERROR_EN: Record<BookingErrorCode, string> = {
  not_found: "Booking not found.",
  forbidden: "You are not allowed to do this.",
  own_counselor: "You cannot book a consultation with yourself.",
  counselor_unavailable: "This counsellor is not taking bookings at the moment.",
  mode_unavailable: "This counsellor does not offer the chosen format.",
  slot_taken: "Someone else booked this time just before you.",
  slot_unavailable: "This time cannot be booked. Please choose one of the free times.",
  employee_overlap: "You already have another consultation at an overlapping time.",
  limit_reached: `You can have at most ${MAX_FUTURE_BOOKINGS} upcoming bookings. To book another, wait until one has taken place or cancel one.`,
  past_cutoff: "The deadline for changes (17:00 on the business day before the session) has passed. Please contact the counsellor directly.",
  already_started: "A session that has already started cannot be cancelled.",
  same_time: "That is the time already booked. Please choose a different time.",
  state_changed: "The booking has changed. Please reload the page.",
};

/** A free time offered instead of the one that was refused. Serialisable (ISO strings). */
export interface SlotOffer {
  counselorId: number;
  counselorName: string;
  startsAt: string;
  endsAt: string;
}

export class BookingError extends Error {
  readonly status: number;
  constructor(
    readonly code: BookingErrorCode,
    readonly details: { alternatives?: SlotOffer[]; bookingId?: number } = {},
  ) {
    super(BOOKING_ERROR_JA[code]);
    this.name = "BookingError";
    this.status = STATUS[code];
  }
}

export function isBookingError(error: unknown): error is BookingError {
  return error instanceof BookingError;
}
