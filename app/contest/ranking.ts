// Ranking arithmetic of a contest round (pure: no database, no I/O, safe in the browser bundle).
//
// Everything is computed from SUBMITTED reviews only; drafts never move a score.
//
//   per review r of proposal p:   w(r) = Σ_c weight_c · score_rc / Σ_c weight_c        (criteria r scored)
//   weighted mean of p:           mean of w(r) over p's reviews
//   per-criterion mean of p:      mean of score_rc over p's reviews that scored c
//   median of p:                  median of w(r) (even count: mean of the two middle values)
//   spread of p:                  max w(r) − min w(r)
//   normalised score of p:        mean over p's reviews of z(r) = (w(r) − mean_R) / sd_R, where mean_R and sd_R
//                                 (population sd) are over ALL submitted reviews in the round by r's reviewer R;
//                                 a reviewer with a single review, or whose reviews are all equal (sd = 0),
//                                 contributes z = 0 (no information about their leniency, so no correction).
//
// Lenient and strict reviewers: a reviewer who gives everyone 4–5 and one who gives everyone 1–3 in the same
// order produce the same z-scores, so the normalised score ranks by what each reviewer preferred, not by how
// generous they are (the common simple method; see ANCHORS.md).

export interface RankingCriterion {
  id: number;
  weight: number;
  scaleMin: number;
  scaleMax: number;
}

export interface RankingProposal {
  id: number;
  /** Reviewers assigned to the proposal (submitted or not). */
  assigned: number;
}

export interface RankingReview {
  id: number;
  proposalId: number;
  reviewerId: number;
  /** criterion id → score; a criterion missing from a review is left out of that review's weighted score. */
  scores: Record<number, number>;
}

export interface RankingInput {
  criteria: RankingCriterion[];
  proposals: RankingProposal[];
  /** Submitted reviews of the round (the caller filters out drafts). */
  reviews: RankingReview[];
}

export interface RankingRow {
  proposalId: number;
  reviewsSubmitted: number;
  reviewsAssigned: number;
  /** null when the proposal has no submitted review yet. */
  weightedMean: number | null;
  /** criterion id → mean score, null when no review scored it. */
  criterionMeans: Record<number, number | null>;
  median: number | null;
  /** max − min of the per-review weighted scores; 0 with one review, null with none. */
  spread: number | null;
  normalized: number | null;
  /** The per-review weighted scores, in review id order (for tests and tooltips; never shown to proposers). */
  reviewScores: number[];
  flags: { highDisagreement: boolean; missingReviews: boolean };
}

/**
 * High disagreement: the spread reaches this share of the scale's points. On the default 1–5 scale (five points)
 * that is 0.4 × 5 = 2 points, the rule of the issue ("spread ≥ 2 on 1–5, i.e. 40% of the scale"). With mixed
 * scales the point count is the weight-averaged one.
 */
export const HIGH_DISAGREEMENT_SHARE = 0.4;

/** Floating-point slack for comparisons (3.6667 − 1.6667 must count as a spread of 2). */
const EPSILON = 1e-9;

/** x rounded to `digits` decimals (null stays null). */
const roundTo = (x: number | null, digits: number) => (x === null ? null : Number(x.toFixed(digits)));

/**
 * A row as the ranking page shows it: scores at the precision the table prints (two decimals, one for criterion
 * means and per-review scores), so the page's data carries no 4.699999999999999. Printing a rounded value with the
 * same toFixed gives the same text. Positions and sorting are computed on the full values before this.
 */
export function rowForDisplay<T extends RankingRow>(row: T): T {
  return {
    ...row,
    weightedMean: roundTo(row.weightedMean, 2),
    median: roundTo(row.median, 2),
    spread: roundTo(row.spread, 2),
    normalized: roundTo(row.normalized, 2),
    criterionMeans: Object.fromEntries(Object.entries(row.criterionMeans).map(([id, value]) => [id, roundTo(value, 1)])),
    reviewScores: row.reviewScores.map((score) => Number(score.toFixed(1))),
  };
}

export const SORT_KEYS = ["weighted", "normalized", "median", "spread", "reviews"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = "asc" | "desc";

export const isSortKey = (value: unknown): value is SortKey => typeof value === "string" && (SORT_KEYS as readonly string[]).includes(value);

export function mean(values: number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Population standard deviation (divides by n). */
export function populationSd(values: number[]): number | null {
  const m = mean(values);
  if (m === null) return null;
  return Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / values.length);
}

/** Σ weight·score / Σ weight over the criteria the review scored; null when it scored none. */
export function weightedReviewScore(criteria: RankingCriterion[], scores: Record<number, number>): number | null {
  let num = 0;
  let den = 0;
  for (const c of criteria) {
    const score = scores[c.id];
    if (score === undefined || score === null || !Number.isFinite(score)) continue;
    num += c.weight * score;
    den += c.weight;
  }
  return den > 0 ? num / den : null;
}

/** The spread at which a proposal is flagged (2 on a 1–5 rubric). */
export function disagreementThreshold(criteria: RankingCriterion[]): number {
  const totalWeight = criteria.reduce((sum, c) => sum + c.weight, 0);
  if (totalWeight <= 0) return HIGH_DISAGREEMENT_SHARE * 5;
  const points = criteria.reduce((sum, c) => sum + c.weight * (c.scaleMax - c.scaleMin + 1), 0) / totalWeight;
  return HIGH_DISAGREEMENT_SHARE * points;
}

/** z-score of every review, keyed by review id, standardised within its reviewer's submitted reviews. */
export function reviewerZScores(weighted: { reviewId: number; reviewerId: number; score: number }[]): Map<number, number> {
  const byReviewer = new Map<number, number[]>();
  for (const w of weighted) {
    const list = byReviewer.get(w.reviewerId) ?? [];
    list.push(w.score);
    byReviewer.set(w.reviewerId, list);
  }
  const stats = new Map<number, { mean: number; sd: number; n: number }>();
  for (const [reviewerId, scores] of byReviewer) stats.set(reviewerId, { mean: mean(scores)!, sd: populationSd(scores)!, n: scores.length });
  const z = new Map<number, number>();
  for (const w of weighted) {
    const s = stats.get(w.reviewerId)!;
    z.set(w.reviewId, s.n < 2 || s.sd < EPSILON ? 0 : (w.score - s.mean) / s.sd);
  }
  return z;
}

/** One row per proposal, in the order given (sort with `sortRankingRows`). */
export function rankProposals(input: RankingInput): RankingRow[] {
  const { criteria } = input;
  const threshold = disagreementThreshold(criteria);
  const proposalIds = new Set(input.proposals.map((p) => p.id));

  const weighted: { reviewId: number; reviewerId: number; proposalId: number; score: number; scores: Record<number, number> }[] = [];
  for (const review of [...input.reviews].sort((a, b) => a.id - b.id)) {
    if (!proposalIds.has(review.proposalId)) continue;
    const score = weightedReviewScore(criteria, review.scores);
    if (score === null) continue;
    weighted.push({ reviewId: review.id, reviewerId: review.reviewerId, proposalId: review.proposalId, score, scores: review.scores });
  }
  const z = reviewerZScores(weighted);

  // Each proposal's reviews (in review id order), grouped once rather than filtered per proposal.
  const byProposal = new Map<number, typeof weighted>();
  for (const w of weighted) {
    const list = byProposal.get(w.proposalId);
    if (list) list.push(w);
    else byProposal.set(w.proposalId, [w]);
  }

  return input.proposals.map((proposal) => {
    const mine = byProposal.get(proposal.id) ?? [];
    const scores = mine.map((w) => w.score);
    const criterionMeans: Record<number, number | null> = {};
    for (const c of criteria) {
      const values: number[] = [];
      for (const w of mine) {
        const s = w.scores[c.id];
        if (typeof s === "number" && Number.isFinite(s)) values.push(s);
      }
      criterionMeans[c.id] = mean(values);
    }
    const spread = scores.length === 0 ? null : Math.max(...scores) - Math.min(...scores);
    return {
      proposalId: proposal.id,
      reviewsSubmitted: mine.length,
      reviewsAssigned: proposal.assigned,
      weightedMean: mean(scores),
      criterionMeans,
      median: median(scores),
      spread,
      normalized: mean(mine.map((w) => z.get(w.reviewId)!)),
      reviewScores: scores,
      flags: {
        highDisagreement: spread !== null && mine.length >= 2 && spread + EPSILON >= threshold,
        missingReviews: mine.length < proposal.assigned,
      },
    };
  });
}

function sortValue(row: RankingRow, key: SortKey): number | null {
  switch (key) {
    case "weighted":
      return row.weightedMean;
    case "normalized":
      return row.normalized;
    case "median":
      return row.median;
    case "spread":
      return row.spread;
    case "reviews":
      return row.reviewsSubmitted;
  }
}

/**
 * Sorted copy: by the key in the direction, proposals without a value (no submitted review) last whatever the
 * direction, ties broken by the weighted mean (higher first) and then by proposal id, so the order is stable.
 */
export function sortRankingRows(rows: RankingRow[], key: SortKey, dir: SortDir): RankingRow[] {
  const sign = dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    if (va === null && vb !== null) return 1;
    if (vb === null && va !== null) return -1;
    if (va !== null && vb !== null && Math.abs(va - vb) > EPSILON) return sign * (va - vb);
    const wa = a.weightedMean ?? -Infinity;
    const wb = b.weightedMean ?? -Infinity;
    if (key !== "weighted" && Math.abs(wa - wb) > EPSILON) return wb - wa;
    return a.proposalId - b.proposalId;
  });
}

/** The default direction of each key: scores high-first, spread high-first (to look at disagreements), reviews low-first. */
export function defaultDir(key: SortKey): SortDir {
  return key === "reviews" ? "asc" : "desc";
}

/**
 * The ranking page shows one decision form. `rows` in the table's order; `requestedId` the proposal asked for
 * (?decide=, or the one just saved). Falls back to the first undecided proposal; index −1 when there is none.
 * `nextUndecidedId`: the next undecided proposal after the chosen one in the table's order (wrapping round),
 * never the chosen one itself.
 */
export function chooseDecision(
  rows: readonly { proposalId: number; proposal: { outcome: string | null } }[],
  requestedId: number | null,
): { index: number; requested: boolean; nextUndecidedId: number | null } {
  let index = requestedId === null ? -1 : rows.findIndex((r) => r.proposalId === requestedId);
  const requested = index >= 0;
  if (!requested) index = rows.findIndex((r) => r.proposal.outcome === null);
  let nextUndecidedId: number | null = null;
  if (index >= 0) {
    for (let step = 1; step < rows.length; step++) {
      const row = rows[(index + step) % rows.length];
      if (row.proposal.outcome === null) {
        nextUndecidedId = row.proposalId;
        break;
      }
    }
  }
  return { index, requested, nextUndecidedId };
}

/** Rows of the ranking table per page (the whole order is still ranked and counted). */
export const RANKING_PAGE_SIZE = 50;

/**
 * Which page of the ranking table to show: `?page=` when given (clamped to the last page); otherwise the page
 * holding the proposal whose form was asked for (so the table follows "next proposal" links), else the first.
 */
export function rankingPage(input: { total: number; page: number | null; selectedIndex: number | null; pageSize?: number }): { page: number; pages: number; from: number; to: number } {
  const size = input.pageSize ?? RANKING_PAGE_SIZE;
  const pages = Math.max(1, Math.ceil(input.total / size));
  let page = 1;
  if (input.page !== null && Number.isInteger(input.page) && input.page >= 1) page = Math.min(input.page, pages);
  else if (input.selectedIndex !== null && input.selectedIndex >= 0) page = Math.floor(input.selectedIndex / size) + 1;
  const from = (page - 1) * size;
  return { page, pages, from, to: Math.min(input.total, from + size) };
}
