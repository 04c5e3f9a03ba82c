import { contestDecisionsEmails } from "./decisions";
import { contestProposalsEmails } from "./proposals";
import { contestReviewEmails } from "./review";

export const contestEmails = { ...contestProposalsEmails, ...contestReviewEmails, ...contestDecisionsEmails } as const;
