// Automatic reviewer assignment: a pure, deterministic planner (no database, no clock, no randomness), so the
// same round always gets the same plan and the arithmetic can be tested on hand-made fixtures.
//
// 1. Greedy: proposals with the fewest eligible reviewers go first (ties: lower proposal id); each open slot
//    takes the eligible reviewer with the lowest current load in the round (ties: lower reviewer id).
//    "Eligible" = no conflict of interest and not already on the proposal. Existing assignments count toward
//    both the proposal's N and the reviewer's load, and are never moved.
// 2. Rebalance: while some reviewer carries at least 2 more than another who could take over, move one of the
//    new assignments along a chain (r gives p to r1, r1 gives p' to r2, …, the last one takes one more), like an
//    augmenting path. Each move lowers Σ load², so the loop ends; the chain search visits reviewers in (load, id)
//    and proposals in id order, so it stays deterministic.
// 3. Report every proposal that could not reach N (too few eligible reviewers).

/** Key of a (proposal, reviewer) pair in the conflict set. */
export function pairKey(proposalId: number, reviewerId: number): string {
  return `${proposalId}:${reviewerId}`;
}

export interface Pair {
  proposalId: number;
  reviewerId: number;
}

export interface PlanInput {
  proposals: readonly number[];
  reviewers: readonly number[];
  /** `${proposalId}:${reviewerId}` for every pair with a conflict of interest (see pairKey). */
  conflicts: ReadonlySet<string>;
  /** Assignments already made in this round; they count and stay. */
  existing: readonly Pair[];
  perProposal: number;
}

export interface Shortfall {
  proposalId: number;
  wanted: number;
  /** Reviewers on the proposal after the plan (existing + new). */
  got: number;
}

export interface ReviewerLoad {
  reviewerId: number;
  existing: number;
  added: number;
  total: number;
}

export interface AssignmentPlan {
  /** New assignments only, sorted by proposal then reviewer. */
  assignments: Pair[];
  shortfalls: Shortfall[];
  /** Every reviewer's load in the round after the plan, by reviewer id. */
  load: ReviewerLoad[];
}

const uniqueSorted = (ids: readonly number[]) => [...new Set(ids)].sort((a, b) => a - b);

export function planAssignments(input: PlanInput): AssignmentPlan {
  const perProposal = Math.max(0, Math.floor(input.perProposal));
  const proposals = uniqueSorted(input.proposals);
  const reviewers = uniqueSorted(input.reviewers);
  const reviewerSet = new Set(reviewers);
  const proposalSet = new Set(proposals);
  const conflicted = (p: number, r: number) => input.conflicts.has(pairKey(p, r));

  // Who is on each proposal (existing + planned), and each reviewer's load.
  const onProposal = new Map<number, Set<number>>(proposals.map((p) => [p, new Set<number>()]));
  const existingLoad = new Map<number, number>(reviewers.map((r) => [r, 0]));
  const seen = new Set<string>();
  for (const { proposalId, reviewerId } of input.existing) {
    const key = pairKey(proposalId, reviewerId);
    // A stale pair (conflict arose later, reviewer no longer holds the role, duplicate) does not count: that
    // reviewer cannot review it, and the admin page flags it for removal.
    if (seen.has(key) || !reviewerSet.has(reviewerId) || conflicted(proposalId, reviewerId)) continue;
    seen.add(key);
    existingLoad.set(reviewerId, existingLoad.get(reviewerId)! + 1);
    if (proposalSet.has(proposalId)) onProposal.get(proposalId)!.add(reviewerId);
  }
  const load = new Map(existingLoad);
  const added = new Map<number, number[]>(reviewers.map((r) => [r, []])); // reviewer → new proposals

  const eligible = (p: number, r: number) => !conflicted(p, r) && !onProposal.get(p)!.has(r);
  const eligibleCount = new Map(proposals.map((p) => [p, reviewers.filter((r) => eligible(p, r)).length]));
  const order = proposals
    .filter((p) => onProposal.get(p)!.size < perProposal)
    .sort((a, b) => eligibleCount.get(a)! - eligibleCount.get(b)! || a - b);
  const byLoad = (a: number, b: number) => load.get(a)! - load.get(b)! || a - b;

  for (const p of order) {
    while (onProposal.get(p)!.size < perProposal) {
      const pick = reviewers.filter((r) => eligible(p, r)).sort(byLoad)[0];
      if (pick === undefined) break;
      onProposal.get(p)!.add(pick);
      added.get(pick)!.push(p);
      load.set(pick, load.get(pick)! + 1);
    }
  }

  rebalance();

  const assignments = reviewers
    .flatMap((r) => added.get(r)!.map((p) => ({ proposalId: p, reviewerId: r })))
    .sort((a, b) => a.proposalId - b.proposalId || a.reviewerId - b.reviewerId);
  const shortfalls = proposals
    .filter((p) => onProposal.get(p)!.size < perProposal)
    .map((p) => ({ proposalId: p, wanted: perProposal, got: onProposal.get(p)!.size }));
  return {
    assignments,
    shortfalls,
    load: reviewers.map((r) => ({ reviewerId: r, existing: existingLoad.get(r)!, added: added.get(r)!.length, total: load.get(r)! })),
  };

  function rebalance() {
    // Bounded anyway: each move lowers Σ load² by at least 2.
    for (let guard = 0; guard < 100_000; guard += 1) {
      if (!improveOnce()) return;
    }
  }

  /** One chain move from the most loaded reviewer that has one; false when none exists. */
  function improveOnce(): boolean {
    const heaviest = [...reviewers].sort((a, b) => load.get(b)! - load.get(a)! || a - b);
    for (const source of heaviest) {
      if (added.get(source)!.length === 0) continue;
      const path = findChain(source);
      if (path) {
        applyChain(path);
        return true;
      }
    }
    return false;
  }

  /** Breadth-first over "gives a new proposal to"; ends at a reviewer carrying ≤ load(source) − 2. */
  function findChain(source: number): Array<{ from: number; to: number; proposalId: number }> | null {
    const limit = load.get(source)! - 2;
    const parent = new Map<number, { from: number; proposalId: number }>();
    const visited = new Set([source]);
    const queue = [source];
    const targets: number[] = [];
    while (queue.length > 0) {
      const from = queue.shift()!;
      for (const p of [...added.get(from)!].sort((a, b) => a - b)) {
        for (const to of [...reviewers].sort(byLoad)) {
          if (visited.has(to) || !eligible(p, to)) continue;
          visited.add(to);
          parent.set(to, { from, proposalId: p });
          if (load.get(to)! <= limit) targets.push(to);
          queue.push(to);
        }
      }
    }
    if (targets.length === 0) return null;
    let at = targets.sort(byLoad)[0];
    const path: Array<{ from: number; to: number; proposalId: number }> = [];
    while (at !== source) {
      const step = parent.get(at)!;
      path.unshift({ from: step.from, to: at, proposalId: step.proposalId });
      at = step.from;
    }
    return path;
  }

  function applyChain(path: Array<{ from: number; to: number; proposalId: number }>) {
    for (const { from, to, proposalId } of path) {
      const list = added.get(from)!;
      list.splice(list.indexOf(proposalId), 1);
      added.get(to)!.push(proposalId);
      onProposal.get(proposalId)!.delete(from);
      onProposal.get(proposalId)!.add(to);
    }
    const first = path[0].from;
    const last = path[path.length - 1].to;
    load.set(first, load.get(first)! - 1);
    load.set(last, load.get(last)! + 1);
  }
}
