import type { ApplicationStatus } from "../../db/schema";
import type { Translate } from "../i18n/i18n";
import { formatDate, formatDateTime } from "../i18n/format";
import type { Locale } from "../i18n/locale";
import { escapeHtml as e } from "../ui/html-escape";
import { statusBadgeClass } from "./components";

// The applicants list of a posting (/manage/applicants/:postingId) has its 50 rows written as HTML text
// (docs/decisions/009-long-lists-as-html-text.md): about 450 of the page's 600 elements. The markup is what the rows
// were as React elements; the applicant's link is a plain `a[data-nav]` handled by the body's delegated click
// handler, and every text and attribute value is escaped. Cell styles come from `.applicant-rows` (tailwind.css).

export interface ApplicantRow {
  id: number;
  status: ApplicationStatus;
  applicant_name: string;
  applicant_unit: string;
  applicant_grade: string | null;
  hours_available: number | null;
  /** ISO instants: the loader hands them over as text. */
  consent_decided_at: string | null;
  interview_at: string | null;
}

export function applicantRowsHtml(rows: ApplicantRow[], options: { t: Translate; locale: Locale }): string {
  const { t, locale } = options;
  let html = "";
  for (const a of rows) {
    html +=
      `<tr data-application-id="${a.id}"><td><a href="/manage/applications/${a.id}" data-nav="" data-discover="true">${e(a.applicant_name)}</a></td>` +
      `<td>${e(a.applicant_unit)}<span>${e(a.applicant_grade ?? "")}</span></td>` +
      `<td>${a.hours_available !== null ? e(t("applications.hoursShort", { hours: a.hours_available })) : "—"}</td>` +
      `<td>${e(formatDate(a.consent_decided_at, locale))}</td>` +
      `<td><span data-testid="status-badge" data-status="${a.status}" class="${statusBadgeClass(a.status)}">${e(t(`applications.status.${a.status}`))}</span></td>` +
      `<td>${a.status === "interview" && a.interview_at ? e(formatDateTime(a.interview_at, locale)) : "—"}</td></tr>`;
  }
  return html;
}
