// Templates of this part of the career consultation room; emails/consultations/index.ts spreads this object.
// The counsellor's cancellation goes through the booking side's cancelBooking(…, by: "counselor"), whose
// "consultation-booking-cancelled" template (emails/consultations/booking-cancelled.tsx) tells the employee — so
// the counsellor side has no template of its own.
export const consultationCounselorEmails = {} as const;
