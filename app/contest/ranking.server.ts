import type { Executor } from "../../db/client.server";
import type { ContestOutcome } from "../../db/schema";
import { defaultDir, disagreementThreshold, rankProposals, sortRankingRows, type RankingReview, type RankingRow, type SortDir, type SortKey } from "./ranking";

// The ranking tab's data: everything for a round in four set-based queries — the round, its criteria, its
// submitted proposals (with assignment counts and the current decision), and every score of every submitted
// review — whatever the number of proposals; then the pure arithmetic of ranking.ts.

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

export async function loadRanking(db: Executor, roundId: number, sort: { key: SortKey; dir?: SortDir } = { key: "weighted" }) {
  const round = await db
    .selectFrom("contest_rounds")
    .select(["id", "title", "fiscal_year", "review_closes_on", "results_on", "project_start_on", "quota_adopted", "quota_step_up", "results_published_at"])
    .where("id", "=", roundId)
    .executeTakeFirst();
  if (!round) return null;

  const [criteria, proposals, scoreRows] = await Promise.all([
    db
      .selectFrom("contest_criteria")
      .select(["id", "position", "name_ja", "name_en", "weight", "scale_min", "scale_max"])
      .where("round_id", "=", roundId)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("contest_proposals as p")
      .innerJoin("employees as lead", "lead.id", "p.lead_employee_id")
      .innerJoin("departments as ld", "ld.id", "lead.department_id")
      .leftJoin("departments as hd", "hd.id", "p.desired_host_department_id")
      .leftJoin("employees as dec", "dec.id", "p.decided_by")
      .select((eb) => [
        "p.id",
        "p.title",
        "p.outcome",
        "p.feedback",
        "p.decided_at",
        "dec.name as decided_by_name",
        "lead.name as lead_name",
        "ld.name as lead_unit",
        "hd.name as desired_host_name",
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
    db
      .selectFrom("contest_reviews as r")
      .innerJoin("contest_proposals as p", "p.id", "r.proposal_id")
      .innerJoin("contest_scores as s", "s.review_id", "r.id")
      .select(["r.id as review_id", "r.proposal_id", "r.reviewer_id", "s.criterion_id", "s.score"])
      .where("p.round_id", "=", roundId)
      .where("p.status", "=", "submitted")
      .where("r.status", "=", "submitted")
      .orderBy("r.id")
      .execute(),
  ]);

  const reviews = new Map<number, RankingReview>();
  for (const row of scoreRows) {
    let review = reviews.get(row.review_id);
    if (!review) {
      review = { id: row.review_id, proposalId: row.proposal_id, reviewerId: row.reviewer_id, scores: {} };
      reviews.set(row.review_id, review);
    }
    review.scores[row.criterion_id] = row.score;
  }
  const rankingCriteria = criteria.map((c) => ({ id: c.id, weight: Number(c.weight), scaleMin: c.scale_min, scaleMax: c.scale_max }));
  const rows = rankProposals({
    criteria: rankingCriteria,
    proposals: proposals.map((p) => ({ id: p.id, assigned: Number(p.assigned ?? 0) })),
    reviews: [...reviews.values()],
  });
  const dir = sort.dir ?? defaultDir(sort.key);
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
    sort: { key: sort.key, dir },
    counts,
    threshold: disagreementThreshold(rankingCriteria),
    reviewsSubmitted: reviews.size,
  };
}
