import type { Translate } from "../i18n/i18n";
import { fiscalYearLabel } from "../i18n/format";
import type { Locale } from "../i18n/locale";
import { groupDigits } from "../i18n/tokyo-time";
import { escapeHtml as e } from "../ui/html-escape";
import type { HistoryRow } from "./history.server";

// The participation dashboard's longest tables — the 部局, grade and age rates and the history of every fiscal
// year — have their body rows written as HTML text (docs/decisions/009-long-lists-as-html-text.md): about 500 of the
// page's 880 elements, none with state or a handler. The markup is what the rows were as React elements; every text
// and attribute value is escaped.

/** Counts are integers: grouped by arithmetic, which costs far less per cell than Intl.NumberFormat. */
export const fmtCount = (n: number) => groupDigits(n);
/** 0.011139… → "1.1%"; null → "—". */
export const fmtRate = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(1)}%`);

export interface RateRowData {
  key: string;
  label: string;
  participants: number;
  headcount: number;
  rate: number | null;
}

/** The bar's length: relative to the table's highest rate, at least 2 % for any participation at all. */
function barWidth(rate: number, max: number): string {
  return `${Math.min(100, Math.max(rate > 0 ? 2 : 0, (rate / max) * 100)).toFixed(1)}%`;
}

/** RateTable's body rows. `max`: the highest rate of the table (the bars' 100 %). */
export function rateRowsHtml(rows: RateRowData[], max: number): string {
  let html = "";
  for (const row of rows) {
    // One element per bar: the track, whose ::after is the filled part (`.rate-bar` in tailwind.css), as wide as --bar.
    const bar = row.rate === null || max <= 0 ? "" : `<div class="rate-bar" style="--bar:${barWidth(row.rate, max)}"></div>`;
    html +=
      `<tr data-testid="rate-row" data-key="${e(row.key)}"><th scope="row">${e(row.label)}</th>` +
      `<td data-col="participants">${fmtCount(row.participants)}</td><td data-col="headcount">${fmtCount(row.headcount)}</td>` +
      `<td data-col="rate">${fmtRate(row.rate)}</td><td>${bar}</td></tr>`;
  }
  return html;
}

/** HistoryTable's body rows: every fiscal year, oldest first, with the change in 実人数 from the year before. */
export function historyRowsHtml(rows: HistoryRow[], options: { selected: number; showTarget: boolean; t: Translate; locale: Locale; formatDate: (d: string) => string }): string {
  const { selected, showTarget, t, locale, formatDate } = options;
  let html = "";
  rows.forEach((row, i) => {
    const before = i > 0 ? rows[i - 1].participants : null;
    const change = before === null ? null : row.participants - before;
    const current = row.fiscalYear === selected;
    html +=
      `<tr${current ? ' class="bg-brand-50" aria-current="true"' : ""} data-testid="history-row" data-fy="${row.fiscalYear}">` +
      `<th scope="row"><span>${e(fiscalYearLabel(row.fiscalYear, locale))}</span>${locale === "ja" ? `<span>（${row.fiscalYear}）</span>` : ""}` +
      `<span>${e(t("reports.history.asOf", { date: formatDate(row.asOf) }))}</span></th>` +
      `<td class="font-semibold">${fmtCount(row.participants)}</td>` +
      `<td>${change === null ? "—" : change > 0 ? `+${change}` : change < 0 ? `−${Math.abs(change)}` : "±0"}</td>` +
      `<td>${fmtCount(row.sideJob)}</td><td>${fmtCount(row.jobChallenge)}</td><td>${fmtCount(row.grossParticipants)}</td>` +
      `<td>${fmtCount(row.headcount)}</td><td>${fmtRate(row.participationRate)}</td>` +
      (showTarget ? `<td>${row.target === null ? "—" : fmtCount(row.target)}</td>` : "") +
      "</tr>";
  });
  return html;
}
