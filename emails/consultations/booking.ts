import bookingCancelled from "./booking-cancelled";
import bookingConfirmed from "./booking-confirmed";
import bookingCounselorNotice from "./booking-counselor-notice";
import bookingMoved from "./booking-moved";
import bookingReminder from "./booking-reminder";

// Templates of this part of the career consultation room; emails/consultations/index.ts spreads this object.
export const consultationBookingEmails = {
  "consultation-booking-confirmed": bookingConfirmed,
  "consultation-booking-counselor-notice": bookingCounselorNotice,
  "consultation-booking-moved": bookingMoved,
  "consultation-booking-cancelled": bookingCancelled,
  "consultation-booking-reminder": bookingReminder,
} as const;
