import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { rankingRowsHtml, rankingRowsHtmlFor } from "~/contest/ranking-rows-html";
import { tablePage } from "~/contest/ranking.server";
import type { RankingTableRow } from "~/contest/RankingTable";
import { translator } from "~/i18n/i18n";
import "~/contest/decisions.messages";

const t = translator("ja");
const criteria = [
  { id: 1, nameJa: "効果", nameEn: "Impact", weight: 2 },
  { id: 2, nameJa: "実現性", nameEn: "Feasibility", weight: 1 },
];
const row = (over: Partial<RankingTableRow> = {}): RankingTableRow => ({
  proposalId: 7,
  position: 3,
  reviewsSubmitted: 2,
  reviewsAssigned: 3,
  weightedMean: 4.25,
  criterionMeans: { 1: 4.5, 2: null },
  median: 4.25,
  spread: 2.5,
  normalized: -0.31,
  reviewScores: [3, 5.5],
  flags: { highDisagreement: true, missingReviews: true },
  proposal: { id: 7, title: "観光案内のAI化", leadName: "山田 花子", leadUnit: "観光振興課", members: 2, outcome: null },
  ...over,
});

describe("rankingRowsHtml: the ranking table's rows as HTML text", () => {
  it("escapes what people typed, in text and in attributes, as React does", () => {
    const title = `<img src=x onerror="alert('x')"> & 観光`;
    const html = rankingRowsHtml([row({ proposal: { ...row().proposal, title, leadName: `<b>"太郎"</b>` } })], criteria, { selectedId: null, hrefFor: (id) => `?decide=${id}&sort=weighted"x`, t });
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>");
    expect(html).toContain(`>${renderToStaticMarkup(<>{title}</>)}</a>`);
    expect(html).toContain(`href="?decide=7&amp;sort=weighted&quot;x"`);
    expect(html).toContain("&lt;b&gt;&quot;太郎&quot;&lt;/b&gt;");
  });

  it("writes every cell of a row: position, scores, criterion means, flags, reviews and outcome", () => {
    const html = rankingRowsHtml([row()], criteria, { selectedId: 7, hrefFor: (id) => `?decide=${id}`, t });
    expect(html).toMatch(/^<tr data-proposal-id="7" class="bg-brand-50"><td>3<\/td><th scope="row" id="rank-7"><a href="\?decide=7" data-nav="" aria-current="true">観光案内のAI化<\/a><span class="sr-only">/);
    expect(html).toContain("<td>4.25</td><td>−0.31</td><td>4.25</td>");
    expect(html).toContain(`<td class="font-semibold text-red-800">2.50<div title="${t("contest.ranking.reviewScores")}">3.0 / 5.5</div></td>`);
    expect(html).toContain("<td>4.5</td><td>—</td>");
    expect(html).toContain(`<td class="font-semibold text-amber-800">2 / 3</td>`);
    expect(html).toContain(`<span data-o="undecided">${t("contest.decision.outcome.undecided")}</span>`);
    expect(html).toContain(t("contest.ranking.flag.missing", { count: 1 }));
    expect(html.match(/<tr /g)).toHaveLength(1);
    const plain = rankingRowsHtml([row({ flags: { highDisagreement: false, missingReviews: false }, reviewScores: [4], proposal: { ...row().proposal, outcome: "adopted" } })], criteria, { selectedId: null, hrefFor: (id) => `?decide=${id}`, t });
    expect(plain).not.toContain("<ul");
    expect(plain).not.toContain("aria-current");
    expect(plain).toContain('<tr data-proposal-id="7"><td>3</td>');
    expect(plain).toContain(`<span data-o="adopted">${t("contest.decision.outcome.adopted")}</span>`);
  });
});

describe("rankingRowsHtmlFor: a cached page's rows written once per selection, query and language", () => {
  it("keeps the text with frozen rows, writes it afresh for another key, and never keeps it for rows that can change", () => {
    let calls = 0;
    const counting = ((key: string, vars?: Record<string, string | number>) => (calls++, t(key, vars))) as typeof t;
    const table = Object.freeze([row(), row({ proposalId: 8, position: 4, proposal: { ...row().proposal, id: 8, title: "二つ目" } })].map((r) => Object.freeze(r)));
    const page = tablePage(table, 0, 2);
    expect(tablePage(table, 0, 2)).toBe(page);
    expect(tablePage(table, 1, 2)).toEqual([table[1]]);
    const options = { selectedId: null, hrefFor: (id: number) => `?decide=${id}`, t: counting };
    const first = rankingRowsHtmlFor(page, criteria, options, "null|ja|");
    const writes = calls;
    expect(first).toBe(rankingRowsHtml([...page], criteria, { ...options, t }));
    expect(rankingRowsHtmlFor(page, criteria, options, "null|ja|")).toBe(first);
    expect(calls).toBe(writes);
    const selected = rankingRowsHtmlFor(page, criteria, { ...options, selectedId: 8 }, "8|ja|");
    expect(selected).toContain('aria-current="true"');
    expect(calls).toBeGreaterThan(writes);
    const open = [...page];
    const before = calls;
    rankingRowsHtmlFor(open, criteria, options, "null|ja|");
    const once = calls - before;
    rankingRowsHtmlFor(open, criteria, options, "null|ja|");
    expect(once).toBeGreaterThan(0);
    expect(calls - before).toBe(2 * once);
    expect(tablePage(open, 0, 1)).not.toBe(tablePage(open, 0, 1));
  });
});
