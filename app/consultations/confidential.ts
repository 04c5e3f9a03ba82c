// What of the career consultation room must stay out of general admin views (HR's delivery status and audit log):
// who consulted, when and with whom is confidential; HR sees aggregates only (/hr/consultations).
export const CONFIDENTIAL_EMAIL_TEMPLATE_PREFIX = "booking-";
export const CONFIDENTIAL_AUDIT_ENTITY_TYPES = ["consultation_booking", "consultation_notes", "counselor_profile"] as const;
