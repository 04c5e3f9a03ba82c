import { consultationBookingEmails } from "./booking";
import { consultationCounselorEmails } from "./counselor";

export const consultationEmails = { ...consultationBookingEmails, ...consultationCounselorEmails } as const;
