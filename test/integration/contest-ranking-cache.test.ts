import type { KyselyPlugin } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { REQUEST_STAMP } from "~/auth/request-stamp";
import { getRoundHeader } from "~/contest/round-header.server";
import { decideOutcome } from "~/contest/decisions.server";
import { loadRanking, type RankingData } from "~/contest/ranking.server";
import { useTestDatabase } from "../helpers/db";
import { createEmployee, request } from "../helpers/factories";
import { buildWorld, createProposal, createRound, review, type World } from "./contest-decisions-fixtures";

// A round's ranking is cached per process under the report data version (ADR 005, migration 0008). A repeated view
// comes from the cache; every committed write the ranking shows (a review, a score, a decision, a name) changes the
// version, so the next view shows it; concurrent views while reviews are written never mix two commits.

const t = useTestDatabase();
let w: World;

beforeAll(async () => {
  w = await buildWorld(t.db);
});

const ranking = (roundId: number) => loadRanking(t.db, roundId);
/** The same ranking computed afresh: inside a transaction the cache is bypassed. */
const fresh = (roundId: number) => t.db.transaction().execute((trx) => loadRanking(trx, roundId));

async function roundWithProposals(n: number) {
  const round = await createRound(t.db, { createdBy: w.people.contestAdmin.id });
  const lead = await createEmployee(t.db, { departmentId: w.units.tourism.id, name: "提案 太郎" });
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push((await createProposal(t.db, { roundId: round.id, leadId: lead.id, title: `提案${i + 1}` })).id);
  return { round, lead, ids };
}

/** Runs the write and checks that the next view is a fresh computation equal to an uncached one. */
async function afterWrite(roundId: number, write: () => Promise<unknown>) {
  const before = await ranking(roundId);
  expect(await ranking(roundId)).toBe(before);
  await write();
  const after = await ranking(roundId);
  expect(after).not.toBe(before);
  expect(after).toEqual(await fresh(roundId));
  return { before: before!, after: after! };
}

const row = (data: RankingData, proposalId: number) => data.rows.find((r) => r.proposalId === proposalId)!;

describe("the ranking cache", () => {
  it("serves a repeated view from the cache, frozen, keyed by the order", async () => {
    const { round, ids } = await roundWithProposals(2);
    await review(t.db, { proposalId: ids[0], reviewerId: w.people.reviewers[0].id, criteria: round.criteria, scores: [5, 5, 5] });
    const first = (await ranking(round.id))!;
    expect(await ranking(round.id)).toBe(first);
    expect(Object.isFrozen(first.rows[0].proposal)).toBe(true);
    expect(first).toEqual(await fresh(round.id));
    const ascending = await loadRanking(t.db, round.id, { key: "weighted", dir: "asc" });
    expect(ascending).not.toBe(first);
    expect(ascending!.sort).toEqual({ key: "weighted", dir: "asc" });
    expect(await loadRanking(t.db, round.id, { key: "weighted", dir: "desc" })).toBe(first);
    // A draft's comment is not shown: the cache stays.
    await t.db.updateTable("contest_reviews").set({ overall_comment: "下書き" }).where("proposal_id", "=", ids[0]).execute();
    expect(await ranking(round.id)).toBe(first);
  });

  it("shows a submitted review, a changed score, a decision and a renamed lead the next time", async () => {
    const { round, lead, ids } = await roundWithProposals(2);
    const reviewer = w.people.reviewers[1].id;

    const submitted = await afterWrite(round.id, () => review(t.db, { proposalId: ids[1], reviewerId: reviewer, criteria: round.criteria, scores: [4, 4, 4] }));
    expect(submitted.before.reviewsSubmitted + 1).toBe(submitted.after.reviewsSubmitted);
    expect(row(submitted.after, ids[1]).weightedMean).toBe(4);

    const rescored = await afterWrite(round.id, () =>
      t.db
        .updateTable("contest_scores")
        .set({ score: 2 })
        .where("review_id", "in", t.db.selectFrom("contest_reviews").select("id").where("proposal_id", "=", ids[1]))
        .execute(),
    );
    expect(row(rescored.after, ids[1]).weightedMean).toBe(2);

    const decided = await afterWrite(round.id, () => decideOutcome(t.db, { proposalId: ids[0], outcome: "not_adopted", feedback: "次回に期待" }, { actorId: w.people.contestAdmin.id }));
    expect(row(decided.after, ids[0]).proposal).toMatchObject({ outcome: "not_adopted", feedback: "次回に期待", decidedByName: w.people.contestAdmin.name });
    expect(decided.after.counts.not_adopted).toBe(decided.before.counts.not_adopted + 1);

    const renamed = await afterWrite(round.id, () => t.db.updateTable("employees").set({ name: "提案 花子" }).where("id", "=", lead.id).execute());
    expect(row(renamed.after, ids[0]).proposal.leadName).toBe("提案 花子");

    const retitled = await afterWrite(round.id, () => t.db.updateTable("contest_proposals").set({ title: "提案（改題）" }).where("id", "=", ids[0]).execute());
    expect(row(retitled.after, ids[0]).proposal.title).toBe("提案（改題）");

    const requota = await afterWrite(round.id, () => t.db.updateTable("contest_rounds").set({ quota_adopted: 7 }).where("id", "=", round.id).execute());
    expect(requota.after.round.quota_adopted).toBe(7);

    const reweighted = await afterWrite(round.id, () => t.db.updateTable("contest_criteria").set({ name_ja: "独自性" }).where("id", "=", round.criteria[0]).execute());
    expect(reweighted.after.criteria[0].nameJa).toBe("独自性");
  });

  it("concurrent views while reviews are written never show a mix of two commits, nor a ranking older than a commit", async () => {
    const { round, ids } = await roundWithProposals(1);
    const reviewers = [];
    for (let k = 0; k < 8; k++) reviewers.push(await createEmployee(t.db, { departmentId: w.units.digital.id, roles: [{ role: "reviewer" }] }));
    let committed = 0;
    const writer = (async () => {
      for (const r of reviewers) {
        // Review and scores in one transaction: a view must see both or neither.
        await t.db.transaction().execute((trx) => review(trx, { proposalId: ids[0], reviewerId: r.id, criteria: round.criteria, scores: [3, 3, 3] }));
        committed += 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const seen: { data: RankingData; atLeast: number }[] = [];
    const readers = Array.from({ length: 4 }, async () => {
      while (committed < reviewers.length) {
        const atLeast = committed;
        seen.push({ data: (await ranking(round.id))!, atLeast });
      }
    });
    await Promise.all([writer, ...readers]);
    expect(seen.length).toBeGreaterThan(reviewers.length);
    for (const { data, atLeast } of seen) {
      const r = data.rows[0];
      expect(data.reviewsSubmitted).toBeGreaterThanOrEqual(atLeast);
      expect(r.reviewsSubmitted).toBe(data.reviewsSubmitted);
      // Assignments and reviews are written together: assigned = submitted in every consistent snapshot.
      expect(r.reviewsAssigned).toBe(r.reviewsSubmitted);
      expect(r.reviewScores).toHaveLength(r.reviewsSubmitted);
    }
    expect((await ranking(round.id))!.reviewsSubmitted).toBe(reviewers.length);
  });
});

describe("the round's frame and its ranking tab", () => {
  it("share one version read per HTTP request and, once cached, query nothing else", async () => {
    const { round } = await roundWithProposals(1);
    let queries = 0;
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        queries += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    // A pool of its own (the cache is per pool) whose queries are counted.
    const db = t.db.withPlugin(counter);
    const http = (stamp: string | null) => request(`/admin/contest/rounds/${round.id}/ranking`, { headers: stamp ? { [REQUEST_STAMP]: stamp } : {} });
    const both = (stamp: string | null) => Promise.all([getRoundHeader(db, round.id, http(stamp)), loadRanking(db, round.id, { key: "weighted" }, http(stamp))]);
    const [header, data] = await both("warm-up");
    expect(header).toMatchObject({ id: round.id, title: data!.round.title });
    queries = 0;
    expect(await both("request-1")).toEqual([header, data]);
    expect(queries).toBe(1);
    queries = 0;
    await both(null);
    expect(queries).toBe(2);
    // A rename shows in the frame the next time.
    await t.db.updateTable("contest_rounds").set({ title: "改題したラウンド" }).where("id", "=", round.id).execute();
    expect((await getRoundHeader(db, round.id, http("request-2")))!.title).toBe("改題したラウンド");
  });
});
