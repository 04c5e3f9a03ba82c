import type { ApplicationStatus } from "../../db/schema";

// The application status graph as the code sees it. The database trigger (applications_guard_transition) is the
// authority; these lists only decide which buttons a page offers and which rows a command's UPDATE may match.

export const APPLICATION_STATUSES: ApplicationStatus[] = [
  "awaiting_consent",
  "consent_declined",
  "screening",
  "interview",
  "accepted",
  "not_selected",
  "participating",
  "completed",
  "withdrawn",
  "cancelled",
];

/** Statuses covered by the applications_one_live unique index. */
export const LIVE_STATUSES: ApplicationStatus[] = ["awaiting_consent", "screening", "interview", "accepted", "participating", "completed"];

/** The host may act: schedule an interview, accept, or not select. */
export const SELECTABLE_STATUSES: ApplicationStatus[] = ["screening", "interview"];

/** The applicant may withdraw at any point before completion. */
export const WITHDRAWABLE_STATUSES: ApplicationStatus[] = ["awaiting_consent", "screening", "interview", "accepted", "participating"];

/** Count toward the capacity (postings.filled) and, for side jobs, toward the time cap. */
export const COMMITTED_STATUSES: ApplicationStatus[] = ["accepted", "participating"];

/** Badge colours by status. */
export const STATUS_TONE: Record<ApplicationStatus, "waiting" | "neutral" | "active" | "success" | "muted" | "negative"> = {
  awaiting_consent: "waiting",
  consent_declined: "negative",
  screening: "neutral",
  interview: "neutral",
  accepted: "success",
  not_selected: "negative",
  participating: "active",
  completed: "muted",
  withdrawn: "muted",
  cancelled: "muted",
};

export function isApplicationStatus(value: unknown): value is ApplicationStatus {
  return typeof value === "string" && (APPLICATION_STATUSES as string[]).includes(value);
}

/**
 * The host unit sees an application only once the supervisor has consented: consent_decided_at is set by both
 * consent and decline, and a declined one stays consent_declined for good.
 */
export function isVisibleToHost(app: { status: ApplicationStatus; consent_decided_at: Date | string | null }): boolean {
  return app.consent_decided_at !== null && app.status !== "consent_declined";
}
