import decisionMemberAdded from "./decision-member-added";
import decisionResult from "./decision-result";

// Templates of this part of the contest; emails/contest/index.ts spreads this object into the registry.
export const contestDecisionsEmails = {
  "contest-decision-result": decisionResult,
  "contest-project-member-added": decisionMemberAdded,
} as const;
