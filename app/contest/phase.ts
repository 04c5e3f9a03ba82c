// Where a contest round stands on a given day, derived from its dates and whether results were published.
// Pure: shared by loaders, commands, pages, the other contest areas and the tests (no database here).

export type RoundPhase = "before_call" | "call" | "between" | "review" | "awaiting_results" | "published";

export const ROUND_PHASES: readonly RoundPhase[] = ["before_call", "call", "between", "review", "awaiting_results", "published"];

export interface PhaseRound {
  call_opens_on: string;
  call_closes_on: string;
  review_opens_on: string;
  review_closes_on: string;
  results_published_at: Date | string | null;
}

/**
 * The round's phase on `today` ('YYYY-MM-DD' in Asia/Tokyo, see todayInTokyo):
 * - published: results_published_at is set (whatever the date);
 * - before_call: today < call_opens_on;
 * - call: call_opens_on ≤ today ≤ call_closes_on (both ends inclusive; a call that closes on the day the review
 *   opens is still 'call' that day, since proposers may submit until the end of it);
 * - between: the call has closed and the review has not opened;
 * - review: review_opens_on ≤ today ≤ review_closes_on;
 * - awaiting_results: after the review window, until results are published (also past results_on).
 */
export function roundPhase(round: PhaseRound, today: string): RoundPhase {
  if (round.results_published_at !== null && round.results_published_at !== undefined) return "published";
  if (today < round.call_opens_on) return "before_call";
  if (today <= round.call_closes_on) return "call";
  if (today < round.review_opens_on) return "between";
  if (today <= round.review_closes_on) return "review";
  return "awaiting_results";
}

/** Proposals may be submitted today (the call window contains today). */
export function isCallOpen(round: Pick<PhaseRound, "call_opens_on" | "call_closes_on">, today: string): boolean {
  return round.call_opens_on <= today && today <= round.call_closes_on;
}

/** Proposals (drafts, members) may still change today: the call has not closed. */
export function isBeforeCallClose(round: Pick<PhaseRound, "call_closes_on">, today: string): boolean {
  return today <= round.call_closes_on;
}

/** Proposers may see outcomes and feedback only once the round's results are published. */
export function areResultsPublished(round: Pick<PhaseRound, "results_published_at">): boolean {
  return round.results_published_at !== null && round.results_published_at !== undefined;
}
