import { fiscalYearOf } from "../i18n/format";
import type { RoundFormDefaults } from "./round-form";
import { DEFAULT_RUBRIC } from "./round-model";

// The round form's starting values: a new round (default rubric, usual quotas) or a saved one as strings.

/** Fiscal years offered in the picker: last year to three years ahead, plus the round's own. */
export function fiscalYearOptions(today: string, current?: number): number[] {
  const fy = fiscalYearOf(today);
  const years = new Set<number>([fy - 1, fy, fy + 1, fy + 2, fy + 3]);
  if (current) years.add(current);
  return [...years].sort((a, b) => a - b);
}

export function newRoundDefaults(today: string): RoundFormDefaults {
  // Rounds are usually prepared for the coming fiscal year from January on (the FY2024 call opened in March).
  const [, month] = today.split("-").map(Number);
  const fy = fiscalYearOf(today) + (month >= 1 && month <= 3 ? 1 : 0);
  return {
    title: `令和${fy - 2018}年度 職員チャレンジコンテスト`,
    fiscalYear: String(fy),
    guidance: "",
    quotaAdopted: "3",
    quotaStepUp: "5",
    reviewersPerProposal: "3",
    reviewVisibility: "after_submit",
    criteria: DEFAULT_RUBRIC.map((c) => ({ nameJa: c.nameJa, nameEn: c.nameEn, description: c.description, weight: String(c.weight), scaleMin: String(c.scaleMin), scaleMax: String(c.scaleMax) })),
  };
}

export interface SavedRound {
  title: string;
  fiscal_year: number;
  guidance: string;
  call_opens_on: string;
  call_closes_on: string;
  review_opens_on: string;
  review_closes_on: string;
  results_on: string;
  project_start_on: string;
  quota_adopted: number;
  quota_step_up: number;
  reviewers_per_proposal: number;
  review_visibility: string;
  version: string;
  criteria: { name_ja: string; name_en: string; description: string; weight: number; scale_min: number; scale_max: number }[];
}

export function savedRoundDefaults(round: SavedRound): RoundFormDefaults {
  return {
    title: round.title,
    fiscalYear: String(round.fiscal_year),
    guidance: round.guidance,
    callOpensOn: round.call_opens_on,
    callClosesOn: round.call_closes_on,
    reviewOpensOn: round.review_opens_on,
    reviewClosesOn: round.review_closes_on,
    resultsOn: round.results_on,
    projectStartOn: round.project_start_on,
    quotaAdopted: String(round.quota_adopted),
    quotaStepUp: String(round.quota_step_up),
    reviewersPerProposal: String(round.reviewers_per_proposal),
    reviewVisibility: round.review_visibility,
    version: round.version,
    criteria: round.criteria.map((c) => ({ nameJa: c.name_ja, nameEn: c.name_en, description: c.description, weight: String(c.weight), scaleMin: String(c.scale_min), scaleMax: String(c.scale_max) })),
  };
}
