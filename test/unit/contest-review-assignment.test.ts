import { describe, expect, it } from "vitest";
import { pairKey, planAssignments, type Pair, type PlanInput } from "~/contest/assignment";

const conflicts = (...pairs: Array<[number, number]>) => new Set(pairs.map(([p, r]) => pairKey(p, r)));
const pairs = (plan: { assignments: Pair[] }) => plan.assignments.map((a) => `${a.proposalId}:${a.reviewerId}`);
const totals = (plan: ReturnType<typeof planAssignments>) => Object.fromEntries(plan.load.map((l) => [l.reviewerId, l.total]));
const spread = (plan: ReturnType<typeof planAssignments>) => {
  const t = plan.load.map((l) => l.total);
  return Math.max(...t) - Math.min(...t);
};

describe("planAssignments: hand-made fixtures", () => {
  it("without conflicts: every proposal gets N, least-loaded reviewer first, ties to the lower id", () => {
    // p1: 10, 20 → p2: 30 (0), 10 (1, tie with 20 → 10) → p3: 20, 30 → p4: 10, 20. Loads 3/3/2.
    const plan = planAssignments({ proposals: [1, 2, 3, 4], reviewers: [10, 20, 30], conflicts: new Set(), existing: [], perProposal: 2 });
    expect(pairs(plan)).toEqual(["1:10", "1:20", "2:10", "2:30", "3:20", "3:30", "4:10", "4:20"]);
    expect(totals(plan)).toEqual({ 10: 3, 20: 3, 30: 2 });
    expect(plan.shortfalls).toEqual([]);
  });

  it("takes the proposal with the fewest eligible reviewers first", () => {
    // Eligible: p1 {10,20,30,40}, p2 {20,30}, p3 {10,40} → order p2, p3, p1.
    // p2 → 20 (all idle, lowest id); p3 → 10; p1 → 30 (30 and 40 idle). In id order it would be 1:10, 2:20, 3:40.
    const plan = planAssignments({ proposals: [1, 2, 3], reviewers: [10, 20, 30, 40], conflicts: conflicts([2, 10], [2, 40], [3, 20], [3, 30]), existing: [], perProposal: 1 });
    expect(pairs(plan)).toEqual(["1:30", "2:20", "3:10"]);
    expect(totals(plan)).toEqual({ 10: 1, 20: 1, 30: 1, 40: 0 });
  });

  it("a proposal only one reviewer may take gets that reviewer, the others go elsewhere", () => {
    const plan = planAssignments({ proposals: [1, 2], reviewers: [10, 20], conflicts: conflicts([2, 20]), existing: [], perProposal: 1 });
    expect(pairs(plan)).toEqual(["1:20", "2:10"]);
    expect(totals(plan)).toEqual({ 10: 1, 20: 1 });
  });

  it("never assigns a conflicted pair", () => {
    const c = conflicts([1, 10], [1, 20], [2, 30], [3, 10]);
    const plan = planAssignments({ proposals: [1, 2, 3], reviewers: [10, 20, 30], conflicts: c, existing: [], perProposal: 2 });
    for (const key of pairs(plan)) expect(c.has(key), key).toBe(false);
    expect(pairs(plan)).toEqual(["1:30", "2:10", "2:20", "3:20", "3:30"]);
    expect(plan.shortfalls).toEqual([{ proposalId: 1, wanted: 2, got: 1 }]);
  });

  it("counts existing assignments toward the proposal's N and the reviewer's load, and keeps them", () => {
    const plan = planAssignments({
      proposals: [1, 2, 3],
      reviewers: [10, 20, 30],
      conflicts: new Set(),
      existing: [
        { proposalId: 1, reviewerId: 10 },
        { proposalId: 2, reviewerId: 10 },
      ],
      perProposal: 1,
    });
    // Only p3 needs someone; 10 already carries 2, so 20 (lower id of the two idle ones).
    expect(pairs(plan)).toEqual(["3:20"]);
    expect(plan.load).toEqual([
      { reviewerId: 10, existing: 2, added: 0, total: 2 },
      { reviewerId: 20, existing: 0, added: 1, total: 1 },
      { reviewerId: 30, existing: 0, added: 0, total: 0 },
    ]);
  });

  it("rebalances along a chain where the greedy pass alone would leave 2/1/1/0", () => {
    // Existing 4:20. Greedy: p1 (2 eligible) → 30; p2 → 10 (tie with 40 on load 0); p3 → 10 (all on 1) = 2/1/1/0.
    // The rebalancing move hands p2 from 10 to 40: 1/1/1/1, the optimum.
    const input: PlanInput = {
      proposals: [1, 2, 3, 4],
      reviewers: [10, 20, 30, 40],
      conflicts: conflicts([1, 10], [1, 40], [2, 30], [3, 40], [4, 40]),
      existing: [{ proposalId: 4, reviewerId: 20 }],
      perProposal: 1,
    };
    const plan = planAssignments(input);
    expect(pairs(plan)).toEqual(["1:30", "2:40", "3:10"]);
    expect(totals(plan)).toEqual({ 10: 1, 20: 1, 30: 1, 40: 1 });
  });

  it("reports every proposal that cannot reach N (infeasible), and still assigns what it can", () => {
    const plan = planAssignments({ proposals: [1, 2], reviewers: [10, 20], conflicts: conflicts([2, 10], [2, 20]), existing: [], perProposal: 3 });
    expect(pairs(plan)).toEqual(["1:10", "1:20"]);
    expect(plan.shortfalls).toEqual([
      { proposalId: 1, wanted: 3, got: 2 },
      { proposalId: 2, wanted: 3, got: 0 },
    ]);
  });

  it("with no reviewers every proposal is short, with no proposals nothing happens", () => {
    expect(planAssignments({ proposals: [5], reviewers: [], conflicts: new Set(), existing: [], perProposal: 2 }).shortfalls).toEqual([{ proposalId: 5, wanted: 2, got: 0 }]);
    const empty = planAssignments({ proposals: [], reviewers: [1, 2], conflicts: new Set(), existing: [], perProposal: 2 });
    expect(empty.assignments).toEqual([]);
    expect(empty.shortfalls).toEqual([]);
  });

  it("ignores stale existing pairs: conflicted now, or by someone who is no longer a reviewer", () => {
    const plan = planAssignments({
      proposals: [1],
      reviewers: [10, 20],
      conflicts: conflicts([1, 10]),
      existing: [
        { proposalId: 1, reviewerId: 10 },
        { proposalId: 1, reviewerId: 99 },
      ],
      perProposal: 1,
    });
    expect(pairs(plan)).toEqual(["1:20"]);
  });

  it("is deterministic: same input, shuffled input order or a copied conflict set give the same plan", () => {
    const base: PlanInput = {
      proposals: [4, 1, 3, 2, 5],
      reviewers: [30, 10, 50, 20, 40],
      conflicts: conflicts([1, 10], [2, 20], [3, 30], [4, 40], [5, 50], [1, 20]),
      existing: [{ proposalId: 3, reviewerId: 10 }],
      perProposal: 2,
    };
    const a = planAssignments(base);
    const b = planAssignments({ ...base, proposals: [...base.proposals].reverse(), reviewers: [...base.reviewers].sort(), conflicts: new Set([...base.conflicts].reverse()) });
    expect(b).toEqual(a);
    expect(planAssignments(base)).toEqual(a);
    expect(spread(a)).toBeLessThanOrEqual(1);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Against a brute-force optimum on small random instances (seeded, so the same instances every run)

function lcg(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

/** The smallest possible max−min load, given every proposal gets min(N, what it can get). */
function bestSpread(input: PlanInput): number {
  const { proposals, reviewers, conflicts: c, existing, perProposal } = input;
  const load = new Map(reviewers.map((r) => [r, 0]));
  for (const e of existing) if (!c.has(pairKey(e.proposalId, e.reviewerId))) load.set(e.reviewerId, load.get(e.reviewerId)! + 1);
  const options = proposals.map((p) => {
    const on = new Set(existing.filter((e) => e.proposalId === p && !c.has(pairKey(p, e.reviewerId))).map((e) => e.reviewerId));
    const eligible = reviewers.filter((r) => !c.has(pairKey(p, r)) && !on.has(r));
    const need = Math.min(Math.max(0, perProposal - on.size), eligible.length);
    const subsets: number[][] = [];
    const pick = (i: number, chosen: number[]) => {
      if (chosen.length === need) return void subsets.push([...chosen]);
      if (i >= eligible.length) return;
      pick(i + 1, [...chosen, eligible[i]]);
      pick(i + 1, chosen);
    };
    pick(0, []);
    return subsets;
  });
  let best = Infinity;
  const walk = (i: number) => {
    if (i === options.length) {
      const values = [...load.values()];
      best = Math.min(best, Math.max(...values) - Math.min(...values));
      return;
    }
    for (const subset of options[i]) {
      for (const r of subset) load.set(r, load.get(r)! + 1);
      walk(i + 1);
      for (const r of subset) load.set(r, load.get(r)! - 1);
    }
  };
  walk(0);
  return best;
}

describe("planAssignments: against a brute-force optimum", () => {
  it("on 600 random small instances: no conflict assigned, each proposal gets all it can, the spread is the best possible", () => {
    const random = lcg(20260601);
    for (let k = 0; k < 600; k += 1) {
      const proposals = Array.from({ length: 1 + Math.floor(random() * 5) }, (_, i) => i + 1);
      const reviewers = Array.from({ length: 1 + Math.floor(random() * 5) }, (_, i) => 10 * (i + 1));
      const perProposal = 1 + Math.floor(random() * 3);
      const c = new Set<string>();
      const existing: Pair[] = [];
      for (const p of proposals) for (const r of reviewers) if (random() < 0.3) c.add(pairKey(p, r));
      for (const p of proposals) for (const r of reviewers) if (random() < 0.1 && !c.has(pairKey(p, r))) existing.push({ proposalId: p, reviewerId: r });
      const input = { proposals, reviewers, conflicts: c, existing, perProposal };
      const plan = planAssignments(input);
      const label = JSON.stringify({ ...input, conflicts: [...c] });

      for (const a of plan.assignments) expect(c.has(pairKey(a.proposalId, a.reviewerId)), label).toBe(false);
      for (const p of proposals) {
        const had = existing.filter((e) => e.proposalId === p).length;
        const eligible = reviewers.filter((r) => !c.has(pairKey(p, r))).length;
        const got = had + plan.assignments.filter((a) => a.proposalId === p).length;
        expect(got, label).toBe(Math.max(had, Math.min(perProposal, eligible)));
      }
      expect(spread(plan), label).toBe(bestSpread(input));
    }
  });
});
