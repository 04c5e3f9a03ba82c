import postingApproved from "./posting-approved";
import postingCancelled from "./posting-cancelled";
import postingReturned from "./posting-returned";
import postingSubmitted from "./posting-submitted";

// Templates of this area; emails/registry.ts spreads this object into the registry.
export const postingEmails = {
  "posting-submitted": postingSubmitted,
  "posting-approved": postingApproved,
  "posting-returned": postingReturned,
  "posting-cancelled": postingCancelled,
} as const;
