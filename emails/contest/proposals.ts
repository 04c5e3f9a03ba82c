import proposalInvitation from "./proposal-invitation";
import proposalSubmitted from "./proposal-submitted";

// Templates of this part of the contest; emails/contest/index.ts spreads this object into the registry.
export const contestProposalsEmails = {
  "contest-proposal-invitation": proposalInvitation,
  "contest-proposal-submitted": proposalSubmitted,
} as const;
