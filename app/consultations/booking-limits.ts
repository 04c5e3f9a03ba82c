// The booking limits the forms, the refusals and the copy all quote. No zod here: the catalogue imports them.

export const NOTE_MAX = 1000;
export const CANCEL_REASON_MAX = 500;
/** Per employee: future sessions with status booked (the database trigger enforces the same number). */
export const MAX_FUTURE_BOOKINGS = 2;
