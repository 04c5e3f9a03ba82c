import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "../../db/client.server";
import { decideOutcome, publishResults } from "~/contest/decisions.server";
import { RANKING_PAGE_SIZE } from "~/contest/ranking";
import RankingTab, { action as rankingAction, loader as rankingLoader } from "~/routes/admin.contest.rounds.$id.ranking";
import { useTestDatabase } from "../helpers/db";
import { createEmployee, formRequest, request, respond, sessionCookie } from "../helpers/factories";
import { renderRoute } from "../helpers/render-route";
import { buildWorld, createProposal, createRound, review, type World } from "./contest-decisions-fixtures";

// The ranking tab carries ONE decision form — for the proposal chosen in the table (?decide=<id>), else the one
// just saved, else the first undecided one — and shows the table 50 rows a page (?all=1: every row).

const t = useTestDatabase();
let w: World;
let adminCookie: string;

beforeAll(async () => {
  w = await buildWorld(t.db);
  adminCookie = await sessionCookie(w.people.contestAdmin.id);
});
afterAll(() => setDb(t.db));

const path = "/admin/contest/rounds/:id/ranking";
const page = (roundId: number, query = "", cookie = adminCookie) =>
  renderRoute({ path, url: `/admin/contest/rounds/${roundId}/ranking${query}`, Component: RankingTab, loader: rankingLoader, cookie });
const data = async (roundId: number, query = "", cookie = adminCookie) =>
  respond(() => rankingLoader({ request: request(`/admin/contest/rounds/${roundId}/ranking${query}`, { cookie }), params: { id: String(roundId) }, context: {} }));

/** A round whose proposals rank in creation order: proposal i has one review of (n − i) on every criterion. */
async function roundWith(n: number, options: { quotaAdopted?: number } = {}) {
  const round = await createRound(t.db, { createdBy: w.people.contestAdmin.id, ...options });
  const lead = await createEmployee(t.db, { departmentId: w.units.tourism.id });
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = await createProposal(t.db, { roundId: round.id, leadId: lead.id, title: `順位${i + 1}の提案` });
    // Scores 5 … 1 for the first five, then no review at all (those rank last, by id).
    if (i < 5) await review(t.db, { proposalId: p.id, reviewerId: w.people.reviewers[0].id, criteria: round.criteria, scores: round.criteria.map(() => 5 - i) });
    ids.push(p.id);
  }
  return { round, ids };
}

describe("one decision form on the page", () => {
  it("shows the form of the first undecided proposal in the table's order, and only that one", async () => {
    const { round, ids } = await roundWith(4);
    await decideOutcome(t.db, { proposalId: ids[0], outcome: "adopted" }, { actorId: w.people.contestAdmin.id });

    const rendered = await page(round.id);
    expect(rendered.status).toBe(200);
    expect(rendered.count('data-testid="decision-card"')).toBe(1);
    expect(rendered.count('name="intent" value="decide"')).toBe(1);
    expect(rendered.count('type="radio"')).toBe(3); // 正式採択・ステップアップ枠・不採択, once
    expect(rendered.html).toContain(`id="decision-${ids[1]}"`);
    // Every row links to its own form; the table keeps all the proposals.
    expect(rendered.count('data-testid="ranking-table"')).toBe(1);
    for (const id of ids) expect(rendered.html).toContain(`?decide=${id}#decision-${id}`);
    expect(rendered.count(/data-proposal-id="\d+"/)).toBe(4);

    const json = await (await data(round.id)).json();
    expect(json.decision).toMatchObject({ proposal: { id: ids[1], title: "順位2の提案" }, position: 2, requested: false, previousId: ids[0], nextId: ids[2], nextUndecidedId: ids[2] });
    // The table rows carry what the table shows; feedback stays with the chosen proposal.
    expect(Object.keys(json.rows[0].proposal).sort()).toEqual(["id", "leadName", "leadUnit", "members", "outcome", "title"]);
  });

  it("?decide=<id> shows that proposal's form, marks its row and asks for the focus", async () => {
    const { round, ids } = await roundWith(3);
    const rendered = await page(round.id, `?decide=${ids[2]}&sort=weighted&dir=desc`);
    expect(rendered.count('data-testid="decision-card"')).toBe(1);
    expect(rendered.html).toContain(`id="decision-${ids[2]}"`);
    expect(rendered.html).toMatch(new RegExp(`<tr data-proposal-id="${ids[2]}" class="bg-brand-50">`));
    expect(rendered.html).toContain(`<a href="?decide=${ids[0]}&amp;sort=weighted&amp;dir=desc#decision-${ids[0]}" data-nav="">`);
    expect(rendered.count('aria-current="true"')).toBe(1);
    // The form posts back to the same proposal (an error is shown beside its fields, not on another card).
    expect(rendered.html).toMatch(new RegExp(`<form[^>]*action="/admin/contest/rounds/${round.id}/ranking\\?decide=${ids[2]}&amp;sort=weighted&amp;dir=desc"`));
    const json = await (await data(round.id, `?decide=${ids[2]}`)).json();
    expect(json.decision).toMatchObject({ proposal: { id: ids[2] }, requested: true, previousId: ids[1], nextId: null, nextUndecidedId: ids[0] });
  });

  it("a proposal of another round is ignored (the first undecided one is shown); nothing of it leaks", async () => {
    const { round, ids } = await roundWith(2);
    const other = await roundWith(1);
    const json = await (await data(round.id, `?decide=${other.ids[0]}`)).json();
    expect(json.decision.proposal.id).toBe(ids[0]);
    expect(json.decision.requested).toBe(false);
    const rendered = await page(round.id, `?decide=${other.ids[0]}`);
    expect(rendered.html).not.toContain(`decision-${other.ids[0]}`);
    const junk = await (await data(round.id, "?decide=abc")).json();
    expect(junk.decision.proposal.id).toBe(ids[0]);
  });

  it("after a save the saved proposal stays on the page with the notice; the next undecided one is a link away", async () => {
    const { round, ids } = await roundWith(3);
    const saved = await respond(() =>
      rankingAction({ request: formRequest(`/admin/contest/rounds/${round.id}/ranking?decide=${ids[1]}`, { intent: "decide", proposalId: String(ids[1]), outcome: "step_up", feedback: "期待しています。" }, adminCookie), params: { id: String(round.id) }, context: {} }),
    );
    expect(saved.status).toBe(302);
    const location = saved.headers.get("Location")!;
    expect(location).toBe(`/admin/contest/rounds/${round.id}/ranking?done=decided&p=${ids[1]}#decision-${ids[1]}`);
    const query = location.slice(location.indexOf("?")).replace(/#.*$/, "");
    const rendered = await page(round.id, query);
    expect(rendered.html).toContain("「順位2の提案」の採否を保存しました。");
    expect(rendered.count('data-testid="decision-card"')).toBe(1);
    expect(rendered.html).toContain(`id="decision-${ids[1]}"`);
    expect(rendered.html).toContain("期待しています。");
    expect(rendered.html).toContain(`?decide=${ids[2]}#decision-${ids[2]}">次の未決定の提案へ`);
  });

  it("a refused save keeps the errors beside that proposal's fields", async () => {
    const { round, ids } = await roundWith(2);
    const refused = await respond(() =>
      rankingAction({ request: formRequest(`/admin/contest/rounds/${round.id}/ranking?decide=${ids[1]}`, { intent: "decide", proposalId: String(ids[1]), outcome: "not_adopted", feedback: "" }, adminCookie), params: { id: String(round.id) }, context: {} }),
    );
    expect(refused.status).toBe(400);
    expect((await refused.json()).proposalId).toBe(ids[1]);
    // The page the browser shows after the refusal is the form's own URL: the same proposal is chosen.
    const json = await (await data(round.id, `?decide=${ids[1]}`)).json();
    expect(json.decision.proposal.id).toBe(ids[1]);
  });

  it("when every proposal is decided, no form until one is chosen; after publication the chosen one is read-only", async () => {
    const { round, ids } = await roundWith(2);
    for (const id of ids) await decideOutcome(t.db, { proposalId: id, outcome: "step_up" }, { actorId: w.people.contestAdmin.id });
    const none = await page(round.id);
    expect(none.count('data-testid="decision-card"')).toBe(0);
    expect(none.count('data-testid="decision-hint"')).toBe(1);
    expect((await (await data(round.id)).json()).decision).toBeNull();

    const chosen = await page(round.id, `?decide=${ids[1]}`);
    expect(chosen.count('data-testid="decision-card"')).toBe(1);
    expect(chosen.count('name="intent" value="decide"')).toBe(1);

    await publishResults(t.db, { roundId: round.id }, { actorId: w.people.contestAdmin.id });
    const locked = await page(round.id, `?decide=${ids[1]}`);
    expect(locked.count('data-testid="decision-card"')).toBe(1);
    expect(locked.count('name="intent" value="decide"')).toBe(0);
    expect(locked.html).not.toContain("次の未決定の提案へ");
  });
});

describe("the table, 50 rows a page", () => {
  it("pages the table, numbers positions across pages, follows the chosen proposal and shows every row with ?all=1", async () => {
    const n = RANKING_PAGE_SIZE + 5;
    const { round, ids } = await roundWith(n);

    const first = await (await data(round.id)).json();
    expect(first.rows).toHaveLength(RANKING_PAGE_SIZE);
    expect(first.total).toBe(n);
    expect(first.table).toEqual({ page: 1, pages: 2, from: 1, to: RANKING_PAGE_SIZE, all: false });
    expect(first.counts).toEqual({ adopted: 0, step_up: 0, not_adopted: 0, undecided: n });
    expect(first.rows.map((r: { proposalId: number }) => r.proposalId)).toEqual(ids.slice(0, RANKING_PAGE_SIZE));

    const second = await (await data(round.id, "?page=2")).json();
    expect(second.rows.map((r: { position: number }) => r.position)).toEqual([51, 52, 53, 54, 55]);
    expect(second.table).toMatchObject({ page: 2, from: 51, to: 55 });
    // Past the end: the last page.
    expect((await (await data(round.id, "?page=9")).json()).table.page).toBe(2);

    // Choosing a proposal on page 2 (from a "next" link, without ?page) shows page 2; an explicit ?page wins.
    const follow = await (await data(round.id, `?decide=${ids[52]}`)).json();
    expect(follow.table.page).toBe(2);
    expect(follow.decision.position).toBe(53);
    expect((await (await data(round.id, `?decide=${ids[52]}&page=1`)).json()).table.page).toBe(1);

    const all = await (await data(round.id, "?all=1")).json();
    expect(all.rows).toHaveLength(n);
    expect(all.table).toEqual({ page: 1, pages: 1, from: 1, to: n, all: true });

    const rendered = await page(round.id);
    expect(rendered.count(/data-proposal-id="\d+"/)).toBe(RANKING_PAGE_SIZE);
    expect(rendered.html).toContain("全55件のうち1〜50位を表示しています。");
    expect(rendered.html).toContain("提出済みの提案 55件");
    expect(rendered.html).toContain('aria-label="ページ送り"');
    expect(rendered.html).toContain("すべて表示する");
    expect((await page(round.id, "?all=1")).count(/data-proposal-id="\d+"/)).toBe(n);
  });

  it("keeps the list option through a save", async () => {
    const { round, ids } = await roundWith(2);
    const saved = await respond(() =>
      rankingAction({ request: formRequest(`/admin/contest/rounds/${round.id}/ranking?decide=${ids[0]}&all=1&page=3`, { intent: "decide", proposalId: String(ids[0]), outcome: "adopted" }, adminCookie), params: { id: String(round.id) }, context: {} }),
    );
    expect(saved.headers.get("Location")).toBe(`/admin/contest/rounds/${round.id}/ranking?all=1&done=decided&p=${ids[0]}#decision-${ids[0]}`);
  });
});

describe("permissions are unchanged by the new parameters", () => {
  it("anyone but contest_admin gets 403 whatever the query; signed out goes to the sign-in page", async () => {
    const { round, ids } = await roundWith(1);
    for (const person of [w.people.employee, w.people.reviewers[0], w.people.hrAdmin]) {
      const cookie = await sessionCookie(person.id);
      expect((await data(round.id, `?decide=${ids[0]}&page=1&all=1`, cookie)).status).toBe(403);
    }
    const anonymous = await data(round.id, `?decide=${ids[0]}`, "");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
  });
});
