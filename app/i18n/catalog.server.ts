import { authMessages } from "../auth/messages";
import { notificationsMessages } from "../notifications/messages";
import { importMessages } from "../people/import/messages";
import { peopleMessages } from "../people/messages";
import { postingsMessages } from "../postings/messages";
import { applicationsMessages } from "../applications/messages";
import { contestDecisionsMessages } from "../contest/decisions.messages";
import { contestProposalsMessages } from "../contest/proposals.messages";
import { contestRoundsMessages } from "../contest/rounds.messages";
import { contestReviewMessages } from "../contest/review.messages";
import { consultationBookingMessages } from "../consultations/booking.messages";
import { consultationCounselorMessages } from "../consultations/counselor.messages";
import { reportsMessages } from "../reports/messages";
import { commonMessages } from "./common.messages";
import type { Catalog, Locale } from "./locale";

// Every area's copy. Importing the modules registers them: the server renders any page, so it knows them all, while a
// page's browser bundle gets only the areas its modules import. Each area keeps its copy in `app/<area>/messages.ts`
// (registered with registerMessages); list it here.
const catalogs: Catalog[] = [commonMessages, authMessages, peopleMessages, importMessages, notificationsMessages, postingsMessages, applicationsMessages, contestProposalsMessages, contestRoundsMessages, contestReviewMessages, contestDecisionsMessages, consultationBookingMessages, consultationCounselorMessages, reportsMessages];

export function catalogKeys(locale: Locale): string[] {
  return catalogs.flatMap((c) => Object.keys(c[locale]));
}
