import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { applicantRowsHtml, type ApplicantRow } from "~/applications/applicant-rows-html";
import { StatusBadge } from "~/applications/components";
import { formatDate, formatDateTime } from "~/i18n/format";
import { translator } from "~/i18n/i18n";
import type { Locale } from "~/i18n/locale";
import "~/applications/messages";

// The rows as the page's React elements wrote them before they became HTML text (ADR 009).
function ReactRows({ rows, locale }: { rows: ApplicantRow[]; locale: Locale }) {
  const t = translator(locale);
  return (
    <>
      {rows.map((a) => (
        <tr key={a.id} data-application-id={a.id}>
          <td>
            <a href={`/manage/applications/${a.id}`} data-nav="" data-discover="true">
              {a.applicant_name}
            </a>
          </td>
          <td>
            {a.applicant_unit}
            <span>{a.applicant_grade}</span>
          </td>
          <td>{a.hours_available !== null ? t("applications.hoursShort", { hours: a.hours_available }) : "—"}</td>
          <td>{formatDate(a.consent_decided_at, locale)}</td>
          <td>
            <StatusBadge status={a.status} t={t} />
          </td>
          <td>{a.status === "interview" && a.interview_at ? formatDateTime(a.interview_at, locale) : "—"}</td>
        </tr>
      ))}
    </>
  );
}

const rows: ApplicantRow[] = [
  { id: 11, status: "screening", applicant_name: "山田 花子", applicant_unit: "観光振興課", applicant_grade: "主事", hours_available: 8, consent_decided_at: "2026-11-20T01:02:03.000Z", interview_at: null },
  { id: 12, status: "interview", applicant_name: `<img src=x onerror="alert(1)">`, applicant_unit: "A & B 課", applicant_grade: null, hours_available: null, consent_decided_at: "2026-11-21T15:30:00.000Z", interview_at: "2026-11-25T05:00:00.000Z" },
  { id: 13, status: "accepted", applicant_name: "O'Brien", applicant_unit: "国際課", applicant_grade: "主任", hours_available: 0, consent_decided_at: null, interview_at: "2026-11-25T05:00:00.000Z" },
];

describe("applicantRowsHtml: the applicants list's rows as HTML text", () => {
  for (const locale of ["ja", "en"] as const) {
    it(`writes what the React rows wrote, byte for byte (${locale})`, () => {
      const html = applicantRowsHtml(rows, { t: translator(locale), locale });
      expect(`<table><tbody>${html}</tbody></table>`).toBe(renderToStaticMarkup(<table><tbody><ReactRows rows={rows} locale={locale} /></tbody></table>));
    });
  }

  it("escapes what people typed and keeps the link a plain in-page link", () => {
    const html = applicantRowsHtml(rows, { t: translator("ja"), locale: "ja" });
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("A &amp; B 課");
    expect(html).toContain("O&#x27;Brien");
    expect(html).toContain('<a href="/manage/applications/11" data-nav="" data-discover="true">');
    expect(html.match(/<tr /g)).toHaveLength(3);
  });
});
