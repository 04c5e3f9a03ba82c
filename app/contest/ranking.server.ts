import { sql } from "kysely";
import type { Executor } from "../../db/client.server";
import type { ContestOutcome } from "../../db/schema";
import { cachedReport } from "../reports/report-cache.server";
import { defaultDir, disagreementThreshold, rankProposals, rowForDisplay, sortRankingRows, type RankingReview, type RankingRow, type SortDir, type SortKey } from "./ranking";

// The ranking tab's data: everything for a round in four set-based queries — the round, its criteria, its
// submitted proposals (with assignment counts and the current decision), and every score of every submitted
// review (one json value) — whatever the number of proposals; then the pure arithmetic of ranking.ts.

export interface RankingProposalInfo {
  id: number;
  title: string;
  leadName: string;
  leadUnit: string;
  members: number;
  desiredHostName: string | null;
  outcome: ContestOutcome | null;
  feedback: string | null;
  decidedAt: Date | null;
  decidedByName: string | null;
}

export type RankedProposal = RankingRow & { position: number; proposal: RankingProposalInfo };

export type RankingData = NonNullable<Awaited<ReturnType<typeof computeRanking>>>;

/**
 * The ranking of a round in the given order, cached per process under the report data version (ADR 005; migration
 * 0008 makes the version cover every table and column read below), so it is never older than a committed review,
 * score or decision. The result is deep-frozen and shared by every request: callers must copy, never mutate. With
 * `request`, it shares the version read with the round's frame loader (getRoundHeader).
 */
export async function loadRanking(db: Executor, roundId: number, sort: { key: SortKey; dir?: SortDir } = { key: "weighted" }, request?: Request) {
  const dir = sort.dir ?? defaultDir(sort.key);
  return cachedReport(db, `ranking:${roundId}:${sort.key}:${dir}`, (trx) => computeRanking(trx, roundId, { key: sort.key, dir }), { request });
}

async function computeRanking(db: Executor, roundId: number, sort: { key: SortKey; dir: SortDir }) {
  // All four at once (a round that does not exist simply has no criteria, proposals or reviews).
  const [round, criteria, proposals, reviewRows] = await Promise.all([
    db
      .selectFrom("contest_rounds")
      .select(["id", "title", "fiscal_year", "review_closes_on", "results_on", "project_start_on", "quota_adopted", "quota_step_up", "results_published_at"])
      .where("id", "=", roundId)
      .executeTakeFirst(),
    db
      .selectFrom("contest_criteria")
      .select(["id", "position", "name_ja", "name_en", "weight", "scale_min", "scale_max"])
      .where("round_id", "=", roundId)
      .orderBy("position")
      .execute(),
    // Names through scalar subqueries: a few index lookups per proposal, where joins made the planner hash the
    // whole staff table (20,000 rows) for 200 proposals.
    db
      .selectFrom("contest_proposals as p")
      .select((eb) => [
        "p.id",
        "p.title",
        "p.outcome",
        "p.feedback",
        "p.decided_at",
        eb.selectFrom("employees as dec").select("dec.name").whereRef("dec.id", "=", "p.decided_by").as("decided_by_name"),
        eb.selectFrom("employees as lead").select("lead.name").whereRef("lead.id", "=", "p.lead_employee_id").$asScalar().as("lead_name"),
        eb
          .selectFrom("employees as lead")
          .innerJoin("departments as ld", "ld.id", "lead.department_id")
          .select("ld.name")
          .whereRef("lead.id", "=", "p.lead_employee_id")
          .$asScalar()
          .as("lead_unit"),
        eb.selectFrom("departments as hd").select("hd.name").whereRef("hd.id", "=", "p.desired_host_department_id").as("desired_host_name"),
        eb.selectFrom("contest_assignments as a").select((e) => e.fn.countAll<number>().as("n")).whereRef("a.proposal_id", "=", "p.id").as("assigned"),
        eb
          .selectFrom("contest_members as m")
          .select((e) => e.fn.countAll<number>().as("n"))
          .whereRef("m.proposal_id", "=", "p.id")
          .where("m.role", "=", "member")
          .where("m.invitation", "=", "accepted")
          .as("members"),
      ])
      .where("p.round_id", "=", roundId)
      .where("p.status", "=", "submitted")
      .orderBy("p.id")
      .execute(),
    // Every submitted review of the round with its scores, as ONE json value: [[review id, proposal id, reviewer
    // id, [criterion ids], [scores]], …]. The driver parses 800 reviews × 5 scores as single rows in ~5 ms of CPU,
    // the one value in under 1 ms.
    sql<{ reviews: [number, number, number, number[] | null, number[]][] | null }>`
      SELECT json_agg(json_build_array(r.id, r.proposal_id, r.reviewer_id, sc.ids, sc.scores) ORDER BY r.id) AS reviews
      FROM contest_proposals p
      JOIN contest_reviews r ON r.proposal_id = p.id
      CROSS JOIN LATERAL (
        SELECT array_agg(s.criterion_id ORDER BY s.criterion_id) AS ids, array_agg(s.score ORDER BY s.criterion_id) AS scores
        FROM contest_scores s
        WHERE s.review_id = r.id
      ) sc
      WHERE p.round_id = ${roundId} AND p.status = 'submitted' AND r.status = 'submitted'
    `.execute(db),
  ]);

  if (!round) return null;

  const reviews = new Map<number, RankingReview>();
  for (const [id, proposalId, reviewerId, criterionIds, scores] of reviewRows.rows[0]?.reviews ?? []) {
    // A review without any score (array_agg over no rows gives null) is left out, as the inner join used to.
    if (!criterionIds || criterionIds[0] === null) continue;
    const review: RankingReview = { id, proposalId, reviewerId, scores: {} };
    criterionIds.forEach((criterionId, i) => {
      review.scores[criterionId] = scores[i];
    });
    reviews.set(id, review);
  }
  const rankingCriteria = criteria.map((c) => ({ id: c.id, weight: Number(c.weight), scaleMin: c.scale_min, scaleMax: c.scale_max }));
  const rows = rankProposals({
    criteria: rankingCriteria,
    proposals: proposals.map((p) => ({ id: p.id, assigned: Number(p.assigned ?? 0) })),
    reviews: [...reviews.values()],
  });
  const dir = sort.dir;
  const info = new Map<number, RankingProposalInfo>(
    proposals.map((p) => [
      p.id,
      {
        id: p.id,
        title: p.title,
        leadName: p.lead_name,
        leadUnit: p.lead_unit,
        members: Number(p.members ?? 0),
        desiredHostName: p.desired_host_name,
        outcome: p.outcome,
        feedback: p.feedback,
        decidedAt: p.decided_at,
        decidedByName: p.decided_by_name,
      },
    ]),
  );
  const ranked: RankedProposal[] = sortRankingRows(rows, sort.key, dir).map((row, index) => ({ ...row, position: index + 1, proposal: info.get(row.proposalId)! }));

  const counts = { adopted: 0, step_up: 0, not_adopted: 0, undecided: 0 };
  for (const p of proposals) counts[p.outcome ?? "undecided"] += 1;

  return {
    round,
    criteria: criteria.map((c) => ({ id: c.id, nameJa: c.name_ja, nameEn: c.name_en, weight: Number(c.weight), scaleMin: c.scale_min, scaleMax: c.scale_max })),
    rows: ranked,
    // The rows as the table shows them (rounded, with only the proposal fields the table prints), in the same order:
    // made once per data version here rather than on every page view, which sends a slice of them.
    tableRows: ranked.map(({ proposal: p, ...row }) => ({
      ...rowForDisplay(row),
      proposal: { id: p.id, title: p.title, leadName: p.leadName, leadUnit: p.leadUnit, members: p.members, outcome: p.outcome },
    })),
    sort: { key: sort.key, dir },
    counts,
    threshold: disagreementThreshold(rankingCriteria),
    reviewsSubmitted: reviews.size,
  };
}

// The pages of a cached (frozen) table, one frozen array per page, so that the rows' HTML written for a page can be
// kept with it (ranking-rows-html.ts, rankingRowsHtmlFor). They go when the cached ranking does.
const pagesOf = new WeakMap<readonly object[], Map<string, readonly object[]>>();

/** `tableRows.slice(from, to)`, the same frozen array every time for a frozen table. */
export function tablePage<T extends object>(tableRows: readonly T[], from: number, to: number): readonly T[] {
  if (!Object.isFrozen(tableRows)) return tableRows.slice(from, to);
  let pages = pagesOf.get(tableRows);
  if (!pages) {
    pages = new Map();
    pagesOf.set(tableRows, pages);
  }
  const key = `${from}:${to}`;
  let page = pages.get(key) as readonly T[] | undefined;
  if (!page) {
    page = Object.freeze(tableRows.slice(from, to));
    pages.set(key, page);
  }
  return page;
}
