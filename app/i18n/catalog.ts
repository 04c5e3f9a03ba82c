import { authMessages } from "../auth/messages";
import { notificationsMessages } from "../notifications/messages";
import { importMessages } from "../people/import/messages";
import { peopleMessages } from "../people/messages";
import { postingsMessages } from "../postings/messages";
import { applicationsMessages } from "../applications/messages";
import { commonMessages } from "./common.messages";
import type { Catalog, Locale } from "./locale";

// Each area keeps its copy in `app/<area>/messages.ts`; list it here.
const catalogs: Catalog[] = [commonMessages, authMessages, peopleMessages, importMessages, notificationsMessages, postingsMessages, applicationsMessages];

export function allMessages(locale: Locale): Record<string, string> {
  return Object.assign({}, ...catalogs.map((c) => c[locale]));
}

export function catalogKeys(locale: Locale): string[] {
  return catalogs.flatMap((c) => Object.keys(c[locale]));
}
