import type { ContestOutcome } from "../../db/schema";
import type { Translate } from "../i18n/i18n";
import { escapeHtml as e } from "../ui/html-escape";
import type { RankingCriterionColumn, RankingTableRow } from "./RankingTable";

export const fixed = (value: number | null, digits = 2) => (value === null ? "—" : value.toFixed(digits));
export const signed = (value: number | null) => (value === null ? "—" : `${value > 0.005 ? "+" : value < -0.005 ? "−" : "±"}${Math.abs(value).toFixed(2)}`);

/**
 * The ranking table's body rows as HTML text, for `<tbody dangerouslySetInnerHTML>`: the same markup the rows had as
 * React elements, written by one function on the server and in the browser from the same data. Fifty rows of
 * fourteen cells were 950 of the page's 1,100 elements, and React's server renderer spends microseconds on each (the
 * ranking was the slowest page of `npm run bench`); the browser does not hydrate them one by one either. The rows
 * hold no React state or handler of their own: the links are plain `a[data-nav]`, handled by the body's delegated
 * click handler. Every text and attribute value is escaped (titles and names are what people typed).
 */
export function rankingRowsHtml(
  rows: RankingTableRow[],
  criteria: RankingCriterionColumn[],
  options: { selectedId: number | null; hrefFor: (proposalId: number) => string; t: Translate },
): string {
  const { t, hrefFor, selectedId } = options;
  const flagsLabel = e(t("contest.ranking.col.flags"));
  const disagreement = e(t("contest.ranking.flag.disagreement"));
  const reviewScoresLabel = e(t("contest.ranking.reviewScores"));
  const selectedLabel = e(t("contest.ranking.selected"));
  const outcomeLabels: Record<ContestOutcome | "undecided", string> = {
    adopted: e(t("contest.decision.outcome.adopted")),
    step_up: e(t("contest.decision.outcome.step_up")),
    not_adopted: e(t("contest.decision.outcome.not_adopted")),
    undecided: e(t("contest.decision.outcome.undecided")),
  };
  let html = "";
  for (const row of rows) {
    const p = row.proposal;
    const selected = row.proposalId === selectedId;
    const outcome = p.outcome ?? "undecided";
    const lead = p.members > 0 ? t("contest.ranking.leadWithMembers", { name: p.leadName, unit: p.leadUnit, count: p.members }) : t("contest.ranking.lead", { name: p.leadName, unit: p.leadUnit });
    let flags = "";
    if (row.flags.highDisagreement || row.flags.missingReviews) {
      flags += `<ul class="mt-1 flex flex-wrap gap-1 text-xs font-semibold" aria-label="${flagsLabel}">`;
      if (row.flags.highDisagreement) flags += `<li class="rounded bg-red-50 px-1.5 py-0.5 text-red-800 ring-1 ring-inset ring-red-700/30">${disagreement}</li>`;
      if (row.flags.missingReviews)
        flags += `<li class="rounded bg-amber-50 px-1.5 py-0.5 text-amber-900 ring-1 ring-inset ring-amber-700/30">${e(t("contest.ranking.flag.missing", { count: row.reviewsAssigned - row.reviewsSubmitted }))}</li>`;
      flags += "</ul>";
    }
    let criterionCells = "";
    for (const c of criteria) criterionCells += `<td>${e(fixed(row.criterionMeans[c.id] ?? null, 1))}</td>`;
    html +=
      `<tr data-proposal-id="${row.proposalId}"${selected ? ' class="bg-brand-50"' : ""}>` +
      `<td>${row.position}</td>` +
      `<th scope="row" id="rank-${row.proposalId}"><a href="${e(hrefFor(row.proposalId))}" data-nav=""${selected ? ' aria-current="true"' : ""}>${e(p.title)}</a>` +
      (selected ? `<span class="sr-only">${selectedLabel}</span>` : "") +
      `<p>${e(lead)}</p>${flags}</th>` +
      `<td>${e(fixed(row.weightedMean))}</td><td>${e(signed(row.normalized))}</td><td>${e(fixed(row.median))}</td>` +
      `<td${row.flags.highDisagreement ? ' class="font-semibold text-red-800"' : ""}>${e(fixed(row.spread))}` +
      (row.reviewScores.length > 1 ? `<div title="${reviewScoresLabel}">${e(row.reviewScores.map((s) => s.toFixed(1)).join(" / "))}</div>` : "") +
      "</td>" +
      criterionCells +
      `<td${row.flags.missingReviews ? ' class="font-semibold text-amber-800"' : ""}>${row.reviewsSubmitted} / ${row.reviewsAssigned}</td>` +
      `<td><span data-o="${outcome}">${outcomeLabels[outcome]}</span></td></tr>`;
  }
  return html;
}

// On the server a page of rows is one frozen array per data version (ranking.server.ts, `tablePage`), shared by
// every organiser who views it: its text is written once per selection, query and language and kept with the rows
// (it goes when they do). Arrays that are not frozen — the browser's, parsed from JSON — are written every time.
const writtenFor = new WeakMap<readonly RankingTableRow[], { criteria: readonly RankingCriterionColumn[]; byKey: Map<string, string> }>();

/** rankingRowsHtml, remembered for frozen rows. `key` must identify everything else the text depends on (selection, links, language). */
export function rankingRowsHtmlFor(
  rows: readonly RankingTableRow[],
  criteria: RankingCriterionColumn[],
  options: { selectedId: number | null; hrefFor: (proposalId: number) => string; t: Translate },
  key: string,
): string {
  if (!Object.isFrozen(rows)) return rankingRowsHtml(rows as RankingTableRow[], criteria, options);
  let memo = writtenFor.get(rows);
  if (!memo || memo.criteria !== criteria) {
    memo = { criteria, byKey: new Map() };
    writtenFor.set(rows, memo);
  }
  let html = memo.byKey.get(key);
  if (html === undefined) {
    html = rankingRowsHtml(rows as RankingTableRow[], criteria, options);
    // A handful of keys per page in practice; the bound is for crafted query strings.
    if (memo.byKey.size >= 50) memo.byKey.clear();
    memo.byKey.set(key, html);
  }
  return html;
}