import reviewAssigned from "./review-assigned";
import reviewReminder from "./review-reminder";

// Templates of this part of the contest; emails/contest/index.ts spreads this object into the registry.
export const contestReviewEmails = {
  "contest-review-assigned": reviewAssigned,
  "contest-review-reminder": reviewReminder,
} as const;
