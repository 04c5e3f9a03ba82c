import consentReminder from "./consent-reminder";
import consented from "./consented";
import consentedHost from "./consented-host";
import decision from "./decision";
import declined from "./declined";
import interview from "./interview";
import submitted from "./submitted";
import withdrawn from "./withdrawn";

// Templates of this area; emails/registry.ts spreads this object into the registry.
export const applicationEmails = {
  "application-submitted": submitted,
  "application-consent-reminder": consentReminder,
  "application-consented": consented,
  "application-consented-host": consentedHost,
  "application-declined": declined,
  "application-withdrawn": withdrawn,
  "application-interview": interview,
  "application-decision": decision,
} as const;
