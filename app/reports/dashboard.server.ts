import type { Executor } from "../../db/client.server";
import { DEFAULT_SUPPRESSION_THRESHOLD, suppressCells, type SuppressedCell } from "../consultations/suppression";
import { fiscalYearOf, todayInTokyo } from "../i18n/format";
import { participationBreakdowns, type ParticipationBreakdowns } from "./breakdowns.server";
import { defaultAsOf, fiscalYearBounds } from "./fiscal-year";
import { consultationsByMonth, monthlyComparison, type MonthlyComparisonRow } from "./monthly.server";
import { participationHistory, type HistoryRow } from "./history.server";
import { participationReport, type ParticipationReport } from "./participation.server";

export { participationHistory, type HistoryRow };

// Everything the participation dashboard (/reports) shows, for one scope: the whole prefecture (hr_admin) or a
// unit and everything below it (its 所属長). Every figure is built on participationReport / countingRecords — or,
// for the year-over-year table, on the same rule applied to all years at once (history.server.ts) — so the
// dashboard, the exports and the CLI agree. /reports itself reads it through the cache of dashboard-view.server.ts.

/** The contest KPI of the prefecture's action plan: 1–2 projects carried out from the contest every year. */
export const CONTEST_KPI = { min: 1, max: 2 } as const;

export interface DashboardScope {
  fiscalYear: number;
  /** 'YYYY-MM-DD' inside the fiscal year; default per DESIGN §3. */
  asOf?: string;
  /** null: the whole prefecture. */
  departmentId: number | null;
  /** Consultation counts per month (hr_admin only: the consultation room is confidential). */
  includeConsultations: boolean;
  /** The years of the year-over-year table when the caller already has listReportYears. */
  years?: number[];
}

export interface TargetPace {
  /** achieved: at or above the target; pace: people per month still needed; lastMonth: the as-of date is in March. */
  status: "achieved" | "pace" | "lastMonth";
  remainingPeople: number;
  /** Whole months after the as-of date's month up to March. */
  remainingMonths: number;
  /** remainingPeople ÷ remainingMonths rounded up to one decimal; null unless status is "pace". */
  perMonth: number | null;
}

export interface ContestKpi {
  proposals: number;
  adopted: number;
  stepUp: number;
  engaged: number;
  /** The 1–2 projects a year KPI (正式採択 counted as projects carried out); null for a unit view. */
  kpi: { min: number; max: number; met: boolean } | null;
}

export interface ConsultationMonths {
  total: number;
  threshold: number;
  /** Keyed 'YYYY-MM'; months after the as-of date are left out; small cells suppressed as on HR's consultation page. */
  byMonth: SuppressedCell[];
}

export interface Dashboard {
  report: ParticipationReport;
  pace: TargetPace | null;
  monthly: MonthlyComparisonRow[];
  breakdowns: ParticipationBreakdowns;
  history: HistoryRow[];
  contest: ContestKpi;
  consultations: ConsultationMonths | null;
}

/**
 * The pace needed to reach the target: remaining people ÷ remaining whole months (after the as-of date's month,
 * up to March). Null without a target or once the year is over (as-of on or after March 31).
 */
export function targetPace(input: { fiscalYear: number; asOf: string; participants: number; target: number | null }): TargetPace | null {
  if (input.target === null) return null;
  const { last } = fiscalYearBounds(input.fiscalYear);
  if (input.asOf >= last) return null;
  const remainingPeople = Math.max(0, input.target - input.participants);
  const month = Number(input.asOf.slice(5, 7));
  const monthIndex = (month + 8) % 12; // April 0 … March 11
  const remainingMonths = Math.max(0, 11 - monthIndex);
  if (remainingPeople === 0) return { status: "achieved", remainingPeople, remainingMonths, perMonth: null };
  if (remainingMonths === 0) return { status: "lastMonth", remainingPeople, remainingMonths, perMonth: null };
  // Rounded up, so the pace shown is never short of what the target needs.
  const perMonth = Math.ceil(((remainingPeople * 10) / remainingMonths) - 1e-9) / 10;
  return { status: "pace", remainingPeople, remainingMonths, perMonth };
}

/**
 * Fiscal years the reports offer, latest first: from the earliest year with a participation record or a target
 * (or the current year) to the latest year with one (or the current year), without gaps.
 */
export async function listReportYears(db: Executor, today = todayInTokyo()): Promise<number[]> {
  const [records, targets] = await Promise.all([
    db
      .selectFrom("participations")
      .select([(eb) => eb.fn.min("start_on").as("first"), (eb) => eb.fn.max("start_on").as("last")])
      .executeTakeFirst(),
    db
      .selectFrom("participation_targets")
      .select([(eb) => eb.fn.min("fiscal_year").as("first"), (eb) => eb.fn.max("fiscal_year").as("last")])
      .executeTakeFirst(),
  ]);
  const current = fiscalYearOf(today);
  const candidates = [current];
  if (records?.first) candidates.push(fiscalYearOf(String(records.first)));
  if (records?.last) candidates.push(fiscalYearOf(String(records.last)));
  if (targets?.first != null) candidates.push(Number(targets.first));
  if (targets?.last != null) candidates.push(Number(targets.last));
  const years: number[] = [];
  for (let fy = Math.max(...candidates); fy >= Math.min(...candidates); fy -= 1) years.push(fy);
  return years;
}

/**
 * The as-of date a request asks for: a real 'YYYY-MM-DD' inside the fiscal year, or — when absent, malformed or
 * outside the year — DESIGN §3's default (`ignored` tells the page to say so).
 */
export function resolveAsOf(value: string | null | undefined, fiscalYear: number, today = todayInTokyo()): { asOf: string; ignored: boolean } {
  const fallback = defaultAsOf(fiscalYear, today);
  if (!value) return { asOf: fallback, ignored: false };
  const { first, last } = fiscalYearBounds(fiscalYear);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (!valid || value < first || value > last) return { asOf: fallback, ignored: true };
  return { asOf: value, ignored: false };
}

/** Everything /reports shows for the scope. */
export async function loadDashboard(db: Executor, scope: DashboardScope, today = todayInTokyo()): Promise<Dashboard> {
  const asOf = scope.asOf ?? defaultAsOf(scope.fiscalYear, today);
  const reportScope = { fiscalYear: scope.fiscalYear, asOf, departmentId: scope.departmentId };
  const [report, years] = await Promise.all([participationReport(db, reportScope, today), scope.years ?? listReportYears(db, today)]);
  const [monthly, breakdowns, history, consultationMonths] = await Promise.all([
    monthlyComparison(db, { ...reportScope, target: report.target }, today),
    participationBreakdowns(db, reportScope, today),
    participationHistory(db, { years, departmentId: scope.departmentId }, today),
    scope.includeConsultations ? consultationsByMonth(db, reportScope, today) : Promise.resolve(null),
  ]);
  const prefecture = scope.departmentId === null;
  return {
    report,
    pace: targetPace({ fiscalYear: scope.fiscalYear, asOf, participants: report.participants, target: report.target }),
    // Last year's line only where last year has data (a first year would show a flat zero line).
    monthly: years.includes(scope.fiscalYear - 1) ? monthly : monthly.map((row) => ({ ...row, lastYear: null })),
    breakdowns,
    history,
    contest: {
      ...report.contest,
      kpi: prefecture ? { ...CONTEST_KPI, met: report.contest.adopted >= CONTEST_KPI.min } : null,
    },
    consultations: consultationMonths
      ? {
          total: report.consultations.count,
          threshold: DEFAULT_SUPPRESSION_THRESHOLD,
          byMonth: suppressCells(consultationMonths.filter((m) => m.count !== null).map((m) => ({ key: m.month, count: m.count as number }))),
        }
      : null,
  };
}
