import { describe, expect, it } from "vitest";
import {
  disagreementThreshold,
  HIGH_DISAGREEMENT_SHARE,
  median,
  populationSd,
  rankProposals,
  rowForDisplay,
  sortRankingRows,
  weightedReviewScore,
  type RankingCriterion,
  type RankingReview,
  type RankingRow,
} from "~/contest/ranking";
import { fixed, signed } from "~/contest/RankingTable";

// Every expected number below is worked out by hand in the comment next to it; nothing is computed with the
// module under test.

const A = 101; // 新規性   weight 2, 1–5
const B = 102; // 実現可能性 weight 1, 1–5
const C = 103; // 熱意     weight 1, 1–5
const rubric: RankingCriterion[] = [
  { id: A, weight: 2, scaleMin: 1, scaleMax: 5 },
  { id: B, weight: 1, scaleMin: 1, scaleMax: 5 },
  { id: C, weight: 1, scaleMin: 1, scaleMax: 5 },
];
const s = (a: number, b: number, c: number) => ({ [A]: a, [B]: b, [C]: c });
const flat = (v: number) => s(v, v, v);

describe("rankProposals: weighted mean, per-criterion means, median, spread, flags", () => {
  const reviews: RankingReview[] = [
    // P1 (3 of 3 submitted)
    { id: 1, proposalId: 1, reviewerId: 10, scores: s(5, 4, 3) }, // (2·5 + 4 + 3) / 4 = 17/4 = 4.25
    { id: 2, proposalId: 1, reviewerId: 11, scores: s(3, 3, 2) }, // (2·3 + 3 + 2) / 4 = 11/4 = 2.75
    { id: 3, proposalId: 1, reviewerId: 12, scores: s(4, 5, 5) }, // (2·4 + 5 + 5) / 4 = 18/4 = 4.5
    // P2 (2 of 3 submitted)
    { id: 4, proposalId: 2, reviewerId: 10, scores: s(2, 1, 1) }, // (4 + 1 + 1) / 4 = 1.5
    { id: 5, proposalId: 2, reviewerId: 11, scores: s(4, 4, 3) }, // (8 + 4 + 3) / 4 = 3.75
    // P3 (4 of 4 submitted), every criterion scored alike so the weighted score is that score
    { id: 6, proposalId: 3, reviewerId: 10, scores: flat(5) },
    { id: 7, proposalId: 3, reviewerId: 11, scores: flat(2) },
    { id: 8, proposalId: 3, reviewerId: 12, scores: flat(1) },
    { id: 9, proposalId: 3, reviewerId: 13, scores: flat(3) },
  ];
  const rows = rankProposals({
    criteria: rubric,
    proposals: [
      { id: 1, assigned: 3 },
      { id: 2, assigned: 3 },
      { id: 3, assigned: 4 },
      { id: 4, assigned: 2 }, // nothing submitted yet
    ],
    reviews,
  });
  const row = (id: number) => rows.find((r) => r.proposalId === id)!;

  it("weighs each review by the criteria weights, then averages over reviews", () => {
    expect(row(1).reviewScores).toEqual([4.25, 2.75, 4.5]);
    // (4.25 + 2.75 + 4.5) / 3 = 11.5 / 3 = 3.8333…
    expect(row(1).weightedMean).toBeCloseTo(3.833333, 5);
    // (1.5 + 3.75) / 2 = 2.625
    expect(row(2).weightedMean).toBeCloseTo(2.625, 10);
    // (5 + 2 + 1 + 3) / 4 = 11 / 4 = 2.75
    expect(row(3).weightedMean).toBeCloseTo(2.75, 10);
  });

  it("averages each criterion's raw scores", () => {
    // A: (5 + 3 + 4) / 3 = 4;  B: (4 + 3 + 5) / 3 = 4;  C: (3 + 2 + 5) / 3 = 10/3 = 3.3333…
    expect(row(1).criterionMeans[A]).toBeCloseTo(4, 10);
    expect(row(1).criterionMeans[B]).toBeCloseTo(4, 10);
    expect(row(1).criterionMeans[C]).toBeCloseTo(3.333333, 5);
    // P2 — A: (2 + 4) / 2 = 3;  B: (1 + 4) / 2 = 2.5;  C: (1 + 3) / 2 = 2
    expect(row(2).criterionMeans).toEqual({ [A]: 3, [B]: 2.5, [C]: 2 });
  });

  it("takes the median of the per-review weighted scores, odd and even counts", () => {
    // odd: sorted 2.75, 4.25, 4.5 → the middle one, 4.25 (not the mean 3.83)
    expect(row(1).median).toBe(4.25);
    // even: sorted 1, 2, 3, 5 → (2 + 3) / 2 = 2.5 (not the mean 2.75)
    expect(row(3).median).toBe(2.5);
    // two reviews: (1.5 + 3.75) / 2 = 2.625
    expect(row(2).median).toBe(2.625);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
  });

  it("spread = max − min; flags high disagreement from 2 points on a 1–5 scale", () => {
    // 0.4 × five points (1, 2, 3, 4, 5) = 2
    expect(HIGH_DISAGREEMENT_SHARE).toBe(0.4);
    expect(disagreementThreshold(rubric)).toBeCloseTo(2, 10);
    // P1: 4.5 − 2.75 = 1.75 < 2 → not flagged
    expect(row(1).spread).toBeCloseTo(1.75, 10);
    expect(row(1).flags.highDisagreement).toBe(false);
    // P2: 3.75 − 1.5 = 2.25 ≥ 2 → flagged
    expect(row(2).spread).toBeCloseTo(2.25, 10);
    expect(row(2).flags.highDisagreement).toBe(true);
    // P3: 5 − 1 = 4 → flagged
    expect(row(3).spread).toBe(4);
    expect(row(3).flags.highDisagreement).toBe(true);
  });

  it("a spread of exactly 2 is flagged even when floating point makes it 1.9999…", () => {
    // weights 1 and 2: review 1 = (1·3 + 2·1) / 3 = 5/3, review 2 = (1·5 + 2·3) / 3 = 11/3;
    // spread 11/3 − 5/3 = 6/3 = 2, which floating point computes as 1.9999999999999998
    const crit: RankingCriterion[] = [
      { id: 1, weight: 1, scaleMin: 1, scaleMax: 5 },
      { id: 2, weight: 2, scaleMin: 1, scaleMax: 5 },
    ];
    const [r] = rankProposals({
      criteria: crit,
      proposals: [{ id: 9, assigned: 2 }],
      reviews: [
        { id: 1, proposalId: 9, reviewerId: 1, scores: { 1: 3, 2: 1 } },
        { id: 2, proposalId: 9, reviewerId: 2, scores: { 1: 5, 2: 3 } },
      ],
    });
    expect(r.spread).toBeCloseTo(2, 10);
    expect(r.flags.highDisagreement).toBe(true);
  });

  it("counts submitted against assigned and flags missing reviews", () => {
    expect([row(1).reviewsSubmitted, row(1).reviewsAssigned, row(1).flags.missingReviews]).toEqual([3, 3, false]);
    expect([row(2).reviewsSubmitted, row(2).reviewsAssigned, row(2).flags.missingReviews]).toEqual([2, 3, true]);
    expect([row(3).reviewsSubmitted, row(3).reviewsAssigned, row(3).flags.missingReviews]).toEqual([4, 4, false]);
  });

  it("a proposal without submitted reviews has no scores, no disagreement, and is flagged as missing reviews", () => {
    expect(row(4)).toMatchObject({ reviewsSubmitted: 0, reviewsAssigned: 2, weightedMean: null, median: null, spread: null, normalized: null, criterionMeans: { [A]: null, [B]: null, [C]: null } });
    expect(row(4).flags).toEqual({ highDisagreement: false, missingReviews: true });
  });

  it("leaves an unscored criterion out of that review's weighted score", () => {
    // only A (weight 2) and C (weight 1) scored: (2·4 + 1·1) / 3 = 9/3 = 3
    expect(weightedReviewScore(rubric, { [A]: 4, [C]: 1 })).toBe(3);
    expect(weightedReviewScore(rubric, {})).toBeNull();
  });
});

describe("rankProposals: reviewer z-score normalisation", () => {
  // One criterion, so each review's weighted score is its score.
  const one: RankingCriterion[] = [{ id: 1, weight: 1, scaleMin: 1, scaleMax: 5 }];
  const L = 1; // lenient: 5, 4, 3 on P1, P2, P3
  const S = 2; // strict:  3, 2, 1 on P1, P2, P3
  const M = 3; // one review only (P3 = 5)       → contributes 0
  const F = 4; // flat: 3 and 3 on P1, P2 (sd 0) → contributes 0
  const reviews: RankingReview[] = [
    { id: 1, proposalId: 1, reviewerId: L, scores: { 1: 5 } },
    { id: 2, proposalId: 2, reviewerId: L, scores: { 1: 4 } },
    { id: 3, proposalId: 3, reviewerId: L, scores: { 1: 3 } },
    { id: 4, proposalId: 1, reviewerId: S, scores: { 1: 3 } },
    { id: 5, proposalId: 2, reviewerId: S, scores: { 1: 2 } },
    { id: 6, proposalId: 3, reviewerId: S, scores: { 1: 1 } },
    { id: 7, proposalId: 3, reviewerId: M, scores: { 1: 5 } },
    { id: 8, proposalId: 1, reviewerId: F, scores: { 1: 3 } },
    { id: 9, proposalId: 2, reviewerId: F, scores: { 1: 3 } },
  ];
  const rows = rankProposals({ criteria: one, proposals: [1, 2, 3].map((id) => ({ id, assigned: 3 })), reviews });
  const row = (id: number) => rows.find((r) => r.proposalId === id)!;

  // L: mean (5 + 4 + 3) / 3 = 4; population sd = √(((5−4)² + 0² + (3−4)²) / 3) = √(2/3) = 0.816497
  //    z = +1/0.816497 = +1.224745, 0, −1.224745
  // S: mean 2, sd √(2/3) as well → the same z-scores +1.224745, 0, −1.224745
  it("standardises with the population sd", () => {
    expect(populationSd([5, 4, 3])).toBeCloseTo(0.816497, 6);
    expect(populationSd([3, 3])).toBe(0);
  });

  it("averages the z-scores per proposal; single-review and zero-sd reviewers contribute 0", () => {
    // P1: (1.224745 + 1.224745 + 0 [F]) / 3 = 2.449490 / 3 = 0.816497
    expect(row(1).normalized).toBeCloseTo(0.816497, 6);
    // P2: (0 + 0 + 0 [F]) / 3 = 0
    expect(row(2).normalized).toBeCloseTo(0, 10);
    // P3: (−1.224745 − 1.224745 + 0 [M]) / 3 = −0.816497
    expect(row(3).normalized).toBeCloseTo(-0.816497, 6);
  });

  it("separates what the raw mean cannot: P2 and P3 tie on the weighted mean, not on the normalised score", () => {
    // P2: (4 + 2 + 3) / 3 = 3;  P3: (3 + 1 + 5) / 3 = 3 — M's lone 5 lifts P3 to P2's level
    expect(row(2).weightedMean).toBeCloseTo(3, 10);
    expect(row(3).weightedMean).toBeCloseTo(3, 10);
    expect(sortRankingRows(rows, "normalized", "desc").map((r) => r.proposalId)).toEqual([1, 2, 3]);
  });

  it("a lenient and a strict reviewer scoring the same proposals in the same order give the same normalised order", () => {
    const proposals = [11, 12, 13, 14].map((id) => ({ id, assigned: 1 }));
    // Lenient (three criteria, weights 2/1/1): weighted 4.75, 3.5, 4.25, 3 → order 11, 13, 12, 14
    //   11: (2·5 + 5 + 4)/4 = 19/4 = 4.75   12: (2·3 + 4 + 4)/4 = 14/4 = 3.5
    //   13: (2·4 + 5 + 4)/4 = 17/4 = 4.25   14: (2·3 + 3 + 3)/4 = 12/4 = 3
    const lenient: RankingReview[] = [
      { id: 1, proposalId: 11, reviewerId: 50, scores: s(5, 5, 4) },
      { id: 2, proposalId: 12, reviewerId: 50, scores: s(3, 4, 4) },
      { id: 3, proposalId: 13, reviewerId: 50, scores: s(4, 5, 4) },
      { id: 4, proposalId: 14, reviewerId: 50, scores: s(3, 3, 3) },
    ];
    // Strict: weighted 2.5, 1.25, 2, 1 → the same order, on a lower and compressed scale
    //   11: (2·3 + 2 + 2)/4 = 10/4 = 2.5    12: (2·1 + 2 + 1)/4 = 5/4 = 1.25
    //   13: (2·2 + 2 + 2)/4 = 8/4 = 2       14: (2·1 + 1 + 1)/4 = 4/4 = 1
    const strict: RankingReview[] = [
      { id: 5, proposalId: 11, reviewerId: 60, scores: s(3, 2, 2) },
      { id: 6, proposalId: 12, reviewerId: 60, scores: s(1, 2, 1) },
      { id: 7, proposalId: 13, reviewerId: 60, scores: s(2, 2, 2) },
      { id: 8, proposalId: 14, reviewerId: 60, scores: s(1, 1, 1) },
    ];
    const byLenient = rankProposals({ criteria: rubric, proposals, reviews: lenient });
    const byStrict = rankProposals({ criteria: rubric, proposals, reviews: strict });
    const order = (rows: ReturnType<typeof rankProposals>) => sortRankingRows(rows, "normalized", "desc").map((r) => r.proposalId);
    expect(order(byLenient)).toEqual([11, 13, 12, 14]);
    expect(order(byStrict)).toEqual([11, 13, 12, 14]);
    // Both centre on 0: lenient mean (4.75 + 3.5 + 4.25 + 3)/4 = 15.5/4 = 3.875, so 11 sits at +0.875 before
    // scaling; sd = √((0.875² + 0.375² + 0.375² + 0.875²)/4) = √(1.8125/4) = √0.453125 = 0.673146 → z = 1.299867
    expect(byLenient.find((r) => r.proposalId === 11)!.normalized).toBeCloseTo(1.299867, 5);
    // strict mean (2.5 + 1.25 + 2 + 1)/4 = 6.75/4 = 1.6875; 11 sits at +0.8125;
    // sd = √((0.8125² + 0.4375² + 0.3125² + 0.6875²)/4) = √(1.421875/4) = √0.355469 = 0.596212 → z = 1.362770
    expect(byStrict.find((r) => r.proposalId === 11)!.normalized).toBeCloseTo(1.36277, 5);

    // Mixed panel: the lenient reviewer saw 11 and 12, the strict one 13 and 14. Raw means rank both of the lenient
    // reviewer's proposals first; the normalised score puts each reviewer's favourite first.
    const mixed = rankProposals({
      criteria: rubric,
      proposals,
      reviews: [lenient[0], lenient[1], strict[2], strict[3]],
    });
    // weighted: 11 = 4.75, 12 = 3.5, 13 = 2, 14 = 1
    expect(sortRankingRows(mixed, "weighted", "desc").map((r) => r.proposalId)).toEqual([11, 12, 13, 14]);
    // z within each reviewer's two reviews: the better one +1, the other −1 (two values: sd = half the gap)
    expect(mixed.map((r) => r.normalized)).toEqual([1, -1, 1, -1]);
  });
});

describe("sortRankingRows", () => {
  const rows = rankProposals({
    criteria: [{ id: 1, weight: 1, scaleMin: 1, scaleMax: 5 }],
    proposals: [
      { id: 1, assigned: 2 },
      { id: 2, assigned: 2 },
      { id: 3, assigned: 2 },
      { id: 4, assigned: 2 },
    ],
    reviews: [
      { id: 1, proposalId: 1, reviewerId: 1, scores: { 1: 3 } },
      { id: 2, proposalId: 1, reviewerId: 2, scores: { 1: 3 } }, // P1: mean 3, spread 0
      { id: 3, proposalId: 2, reviewerId: 1, scores: { 1: 5 } },
      { id: 4, proposalId: 2, reviewerId: 2, scores: { 1: 1 } }, // P2: mean 3, spread 4
      { id: 5, proposalId: 3, reviewerId: 1, scores: { 1: 4 } }, // P3: mean 4, one review
    ],
  });

  it("sorts by the key, ties by weighted mean then id, proposals without reviews last in both directions", () => {
    expect(sortRankingRows(rows, "weighted", "desc").map((r) => r.proposalId)).toEqual([3, 1, 2, 4]);
    expect(sortRankingRows(rows, "weighted", "asc").map((r) => r.proposalId)).toEqual([1, 2, 3, 4]);
    expect(sortRankingRows(rows, "spread", "desc").map((r) => r.proposalId)).toEqual([2, 3, 1, 4]);
    expect(sortRankingRows(rows, "reviews", "asc").map((r) => r.proposalId)).toEqual([4, 3, 1, 2]);
  });
});

describe("rowForDisplay: the ranking page's data at the precision it prints", () => {
  it("prints exactly what the full values print, without their binary noise", () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 5000; i += 1) {
      const value = () => (next() < 0.1 ? null : 1 + next() * 4);
      const row: RankingRow = {
        proposalId: i,
        reviewsSubmitted: 3,
        reviewsAssigned: 3,
        weightedMean: value(),
        criterionMeans: { 1: value(), 2: value() },
        median: value(),
        spread: value(),
        normalized: next() < 0.1 ? null : (next() - 0.5) * 6,
        reviewScores: [1 + next() * 4, 1 + next() * 4],
        flags: { highDisagreement: false, missingReviews: false },
      };
      const shown = rowForDisplay(row);
      expect(fixed(shown.weightedMean)).toBe(fixed(row.weightedMean));
      expect(fixed(shown.median)).toBe(fixed(row.median));
      expect(fixed(shown.spread)).toBe(fixed(row.spread));
      expect(fixed(shown.criterionMeans[1], 1)).toBe(fixed(row.criterionMeans[1], 1));
      expect(shown.reviewScores.map((s) => s.toFixed(1))).toEqual(row.reviewScores.map((s) => s.toFixed(1)));
      expect(signed(shown.normalized)).toBe(signed(row.normalized));
    }
    const noisy: RankingRow = { proposalId: 1, reviewsSubmitted: 1, reviewsAssigned: 1, weightedMean: 4.699999999999999, criterionMeans: { 1: 4.75 }, median: 4.699999999999999, spread: 0.20000000000000018, normalized: 1.2984795400199247, reviewScores: [4.8], flags: { highDisagreement: false, missingReviews: false } };
    expect(rowForDisplay(noisy)).toMatchObject({ weightedMean: 4.7, median: 4.7, spread: 0.2, normalized: 1.3, criterionMeans: { 1: 4.8 } });
  });
});
