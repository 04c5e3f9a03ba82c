import type { CSSProperties } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { fiscalYearLabel, formatDate } from "~/i18n/format";
import { translator } from "~/i18n/i18n";
import type { Locale } from "~/i18n/locale";
import type { HistoryRow } from "~/reports/history.server";
import { fmtCount, fmtRate, historyRowsHtml, rateRowsHtml, type RateRowData } from "~/reports/report-rows-html";
import "~/reports/messages";

// The rows as the React components wrote them before they became HTML text (ADR 009): the text must be the same.
function ReactRateRows({ rows, max }: { rows: RateRowData[]; max: number }) {
  return (
    <>
      {rows.map((row) => (
        <tr key={row.key} data-testid="rate-row" data-key={row.key}>
          <th scope="row">{row.label}</th>
          <td data-col="participants">{fmtCount(row.participants)}</td>
          <td data-col="headcount">{fmtCount(row.headcount)}</td>
          <td data-col="rate">{fmtRate(row.rate)}</td>
          <td>{row.rate === null || max <= 0 ? null : <div className="rate-bar" style={{ "--bar": `${Math.min(100, Math.max(row.rate > 0 ? 2 : 0, (row.rate / max) * 100)).toFixed(1)}%` } as CSSProperties} />}</td>
        </tr>
      ))}
    </>
  );
}

function ReactHistoryRows({ rows, selected, showTarget, locale }: { rows: HistoryRow[]; selected: number; showTarget: boolean; locale: Locale }) {
  const t = translator(locale);
  return (
    <>
      {rows.map((row, i) => {
        const before = i > 0 ? rows[i - 1].participants : null;
        const change = before === null ? null : row.participants - before;
        return (
          <tr key={row.fiscalYear} className={row.fiscalYear === selected ? "bg-brand-50" : undefined} aria-current={row.fiscalYear === selected ? "true" : undefined} data-testid="history-row" data-fy={row.fiscalYear}>
            <th scope="row">
              <span>{fiscalYearLabel(row.fiscalYear, locale)}</span>
              {locale === "ja" ? <span>（{row.fiscalYear}）</span> : null}
              <span>{t("reports.history.asOf", { date: formatDate(row.asOf, locale) })}</span>
            </th>
            <td className="font-semibold">{fmtCount(row.participants)}</td>
            <td>{change === null ? "—" : change > 0 ? `+${change}` : change < 0 ? `−${Math.abs(change)}` : "±0"}</td>
            <td>{fmtCount(row.sideJob)}</td>
            <td>{fmtCount(row.jobChallenge)}</td>
            <td>{fmtCount(row.grossParticipants)}</td>
            <td>{fmtCount(row.headcount)}</td>
            <td>{fmtRate(row.participationRate)}</td>
            {showTarget ? <td>{row.target === null ? "—" : fmtCount(row.target)}</td> : null}
          </tr>
        );
      })}
    </>
  );
}

const tbody = (html: string) => `<table><tbody>${html}</tbody></table>`;
const react = (rows: JSX.Element) => renderToStaticMarkup(<table><tbody>{rows}</tbody></table>);

describe("rateRowsHtml: the rate tables' rows as HTML text", () => {
  const rows: RateRowData[] = [
    { key: "D01", label: "総務部", participants: 12, headcount: 1234, rate: 12 / 1234 },
    { key: "D02", label: `<script>alert("x")</script> & 'quotes'`, participants: 0, headcount: 50, rate: 0 },
    { key: `k"<>`, label: "小さな課", participants: 1, headcount: 20_000, rate: 1 / 20_000 },
    { key: "D04", label: "職員なし", participants: 0, headcount: 0, rate: null },
  ];

  it("writes what the React rows wrote, byte for byte, escaping labels and keys", () => {
    const max = Math.max(0, ...rows.map((r) => r.rate ?? 0));
    const html = rateRowsHtml(rows, max);
    expect(tbody(html)).toBe(react(<ReactRateRows rows={rows} max={max} />));
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;quotes&#x27;");
    expect(html).toContain('data-key="k&quot;&lt;&gt;"');
    expect(html).toContain('<td data-col="headcount">20,000</td>');
    expect(html).toContain('<div class="rate-bar" style="--bar:2.0%"></div>'); // the smallest visible bar
  });

  it("draws no bars when no row has a rate above zero", () => {
    const zero = rows.map((r) => ({ ...r, participants: 0, rate: r.rate === null ? null : 0 }));
    expect(tbody(rateRowsHtml(zero, 0))).toBe(react(<ReactRateRows rows={zero} max={0} />));
    expect(rateRowsHtml(zero, 0)).not.toContain("rate-bar");
  });
});

describe("historyRowsHtml: the history table's rows as HTML text", () => {
  const history: HistoryRow[] = [
    { fiscalYear: 2024, label: "", asOf: "2025-03-31", participants: 30, sideJob: 20, jobChallenge: 12, grossParticipants: 34, headcount: 20_100, participationRate: 30 / 20_100, target: null },
    { fiscalYear: 2025, label: "", asOf: "2026-03-31", participants: 30, sideJob: 22, jobChallenge: 10, grossParticipants: 32, headcount: 20_050, participationRate: 30 / 20_050, target: 40 },
    { fiscalYear: 2026, label: "", asOf: "2026-11-22", participants: 41, sideJob: 30, jobChallenge: 15, grossParticipants: 45, headcount: 20_000, participationRate: 41 / 20_000, target: 50 },
    { fiscalYear: 2027, label: "", asOf: "2026-11-22", participants: 7, sideJob: 7, jobChallenge: 0, grossParticipants: 7, headcount: 20_000, participationRate: 7 / 20_000, target: null },
  ];

  for (const locale of ["ja", "en"] as const) {
    for (const showTarget of [true, false]) {
      it(`writes what the React rows wrote (${locale}, target column ${showTarget ? "shown" : "hidden"}): change, current year, target`, () => {
        const html = historyRowsHtml(history, { selected: 2026, showTarget, t: translator(locale), locale, formatDate: (d) => formatDate(d, locale) });
        expect(tbody(html)).toBe(react(<ReactHistoryRows rows={history} selected={2026} showTarget={showTarget} locale={locale} />));
        expect(html.match(/aria-current="true"/g)).toHaveLength(1);
        expect(html).toContain("<td>±0</td>");
        expect(html).toContain("<td>+11</td>");
        expect(html).toContain("<td>−34</td>");
      });
    }
  }
});
