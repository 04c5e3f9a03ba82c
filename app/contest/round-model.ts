// The rounds' vocabulary and pure rules: shared by the round form, the commands, pages and tests (no database).

export type ReviewVisibility = "after_submit" | "hidden";
export const REVIEW_VISIBILITIES: readonly ReviewVisibility[] = ["after_submit", "hidden"];

export interface CriterionInput {
  nameJa: string;
  nameEn: string;
  description: string;
  weight: number;
  scaleMin: number;
  scaleMax: number;
}

export const MAX_CRITERIA = 20;
export const DEFAULT_SCALE_MIN = 1;
export const DEFAULT_SCALE_MAX = 5;

/** The rubric a new round starts with (the FY2024 contest's five points of view), weight 1 each, scale 1–5. */
export const DEFAULT_RUBRIC: readonly CriterionInput[] = [
  { nameJa: "新規性", nameEn: "Novelty", description: "これまでの県の取組にない新しい発想や手法を含んでいるか。", weight: 1, scaleMin: 1, scaleMax: 5 },
  { nameJa: "県民への効果", nameEn: "Impact on residents", description: "県民の暮らしや地域にとって、具体的で大きな効果が見込めるか。", weight: 1, scaleMin: 1, scaleMax: 5 },
  { nameJa: "実現可能性", nameEn: "Feasibility", description: "予算・体制・スケジュールの面で、実現の見通しが立っているか。", weight: 1, scaleMin: 1, scaleMax: 5 },
  { nameJa: "発展性", nameEn: "Scalability", description: "他の分野や地域への展開、継続的な発展が期待できるか。", weight: 1, scaleMin: 1, scaleMax: 5 },
  { nameJa: "熱意", nameEn: "Commitment", description: "提案者が主体的に取り組む意欲と熱意が伝わるか。", weight: 1, scaleMin: 1, scaleMax: 5 },
];

/** What the round commands take (the round form's values with their final types). */
export interface RoundInput {
  fiscalYear: number;
  title: string;
  guidance: string;
  callOpensOn: string;
  callClosesOn: string;
  reviewOpensOn: string;
  reviewClosesOn: string;
  resultsOn: string;
  projectStartOn: string;
  quotaAdopted: number;
  quotaStepUp: number;
  reviewersPerProposal: number;
  reviewVisibility: ReviewVisibility;
  criteria: CriterionInput[];
}

/** The order the database enforces too: call ≤ review ≤ results ≤ project start. Each date and its predecessor. */
export const DATE_ORDER = [
  ["callClosesOn", "callOpensOn"],
  ["reviewOpensOn", "callClosesOn"],
  ["reviewClosesOn", "reviewOpensOn"],
  ["resultsOn", "reviewClosesOn"],
  ["projectStartOn", "resultsOn"],
] as const;

export type RoundDateField = "callOpensOn" | "callClosesOn" | "reviewOpensOn" | "reviewClosesOn" | "resultsOn" | "projectStartOn";

/**
 * The dates that come before the one they must follow, as [field, predecessor] pairs (empty when in order).
 * Only adjacent pairs are compared, so one misplaced date is reported once, beside itself.
 */
export function dateOrderProblems(dates: Partial<Record<RoundDateField, string | undefined>>): Array<readonly [RoundDateField, RoundDateField]> {
  const problems: Array<readonly [RoundDateField, RoundDateField]> = [];
  for (const [field, before] of DATE_ORDER) {
    const a = dates[before];
    const b = dates[field];
    if (a && b && b < a) problems.push([field, before]);
  }
  return problems;
}

/** Two rubrics are the same when every criterion matches in order (weights compared as numbers). */
export function sameRubric(a: readonly CriterionInput[], b: readonly CriterionInput[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i];
    return x.nameJa === y.nameJa && x.nameEn === y.nameEn && x.description === y.description && Number(x.weight) === Number(y.weight) && x.scaleMin === y.scaleMin && x.scaleMax === y.scaleMax;
  });
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar date written 'YYYY-MM-DD' (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
