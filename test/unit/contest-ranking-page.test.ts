import { describe, expect, it } from "vitest";
import { chooseDecision, rankingPage } from "~/contest/ranking";
import { decideHref } from "~/contest/RankingTable";

const rows = (outcomes: (string | null)[]) => outcomes.map((outcome, i) => ({ proposalId: 100 + i, proposal: { outcome } }));

describe("chooseDecision: which proposal's form the ranking page shows", () => {
  it("the one asked for, when it is in the table", () => {
    expect(chooseDecision(rows([null, "adopted", null]), 101)).toEqual({ index: 1, requested: true, nextUndecidedId: 102 });
  });

  it("otherwise the first undecided one in the table's order", () => {
    expect(chooseDecision(rows(["adopted", null, null]), null)).toEqual({ index: 1, requested: false, nextUndecidedId: 102 });
    expect(chooseDecision(rows(["adopted", null, null]), 999)).toEqual({ index: 1, requested: false, nextUndecidedId: 102 });
  });

  it("the next undecided one wraps round to the top and is never the chosen one itself", () => {
    expect(chooseDecision(rows([null, "adopted", null]), 102)).toEqual({ index: 2, requested: true, nextUndecidedId: 100 });
    expect(chooseDecision(rows(["adopted", null, "step_up"]), null)).toEqual({ index: 1, requested: false, nextUndecidedId: null });
  });

  it("none when everything is decided and nothing was asked for, or the table is empty", () => {
    expect(chooseDecision(rows(["adopted", "not_adopted"]), null)).toEqual({ index: -1, requested: false, nextUndecidedId: null });
    expect(chooseDecision([], 5)).toEqual({ index: -1, requested: false, nextUndecidedId: null });
  });
});

describe("rankingPage: the page of the table", () => {
  it("pages of 50 by default, the asked-for page clamped to the last", () => {
    expect(rankingPage({ total: 200, page: null, selectedIndex: null })).toEqual({ page: 1, pages: 4, from: 0, to: 50 });
    expect(rankingPage({ total: 200, page: 4, selectedIndex: null })).toEqual({ page: 4, pages: 4, from: 150, to: 200 });
    expect(rankingPage({ total: 120, page: 9, selectedIndex: null })).toEqual({ page: 3, pages: 3, from: 100, to: 120 });
    expect(rankingPage({ total: 0, page: 2, selectedIndex: null })).toEqual({ page: 1, pages: 1, from: 0, to: 0 });
  });

  it("without ?page, the page holding the chosen proposal; nonsense pages are ignored", () => {
    expect(rankingPage({ total: 200, page: null, selectedIndex: 149 })).toEqual({ page: 3, pages: 4, from: 100, to: 150 });
    expect(rankingPage({ total: 200, page: null, selectedIndex: 150 })).toEqual({ page: 4, pages: 4, from: 150, to: 200 });
    expect(rankingPage({ total: 200, page: Number.NaN, selectedIndex: 60 }).page).toBe(2);
    expect(rankingPage({ total: 200, page: 0, selectedIndex: null }).page).toBe(1);
    expect(rankingPage({ total: 200, page: 1.5, selectedIndex: null }).page).toBe(1);
    expect(rankingPage({ total: 30, page: null, selectedIndex: 12, pageSize: 10 })).toEqual({ page: 2, pages: 3, from: 10, to: 20 });
  });
});

describe("decideHref: the links to one proposal's form", () => {
  it("keeps the sort and the page, drops the notice of the last save, puts the proposal first", () => {
    const href = decideHref("?sort=median&dir=asc&page=2&done=decided&p=7&decide=3", "/admin/contest/rounds/1/ranking");
    expect(href(42)).toBe("/admin/contest/rounds/1/ranking?decide=42&sort=median&dir=asc&page=2#decision-42");
  });

  it("without the page (the table follows the proposal), or to its row in the table", () => {
    expect(decideHref("?page=2&all=1", "", { keepPage: false })(5)).toBe("?decide=5&all=1#decision-5");
    expect(decideHref("", "/r", { keepPage: false, hash: "rank" })(5)).toBe("/r?decide=5#rank-5");
  });
});
