import { sql } from "kysely";
import type { Executor } from "../../db/client.server";
import { todayInTokyo } from "../i18n/format";
import { fiscalYearBounds } from "./fiscal-year";
import { countingRecords, resolveScope, type ReportScope } from "./participation.server";

// The monthly figures behind the dashboard's chart: one set-based query per series over the twelve month ends of
// the fiscal year, never twelve report calls.

export interface MonthlyPoint {
  /** 'YYYY-MM' */
  month: string;
  /** The last day of the month, 'YYYY-MM-DD'. */
  monthEnd: string;
  /** Distinct participants (実人数) counting in the year as of the month end — or as of the as-of date in its own
   * month; null for months that start after the as-of date (not yet reached). */
  cumulative: number | null;
}

/**
 * Cumulative participants (DESIGN §3 実人数) as of each month end of the fiscal year, capped at the scope's as-of
 * date: the value for a month equals participationReport({ ...scope, asOf: min(month end, asOf) }).participants,
 * because a record counts as of D exactly when it started on or before D and had not ended before April 1.
 *
 * So a person counts from their first counting start on: each participant is one row (their earliest start_on),
 * and a month's value is the running total of those rows by month — no month × record join and no
 * count(DISTINCT) per month.
 */
export async function monthlyCumulative(db: Executor, scope: ReportScope, today = todayInTokyo()): Promise<MonthlyPoint[]> {
  const s = resolveScope(scope, today);
  const { rows } = await sql<{ month: string; month_end: string; cumulative: number | null }>`
    WITH counting AS (${countingRecords(s)}),
    firsts AS (
      SELECT min(start_on) AS first_on FROM counting WHERE side_work OR scheme = 'job_challenge' GROUP BY employee_id
    ),
    -- Every first start is on or before the cutoff; one before April counts from April.
    starters AS (
      SELECT date_trunc('month', GREATEST(first_on, ${s.first}::date))::date AS month_start, count(*) AS n FROM firsts GROUP BY 1
    ),
    months AS (
      SELECT m::date AS month_start, (m + interval '1 month' - interval '1 day')::date AS month_end
        FROM generate_series(${s.first}::date, ${s.last}::date, interval '1 month') AS m
    )
    SELECT to_char(month_start, 'YYYY-MM') AS month,
           to_char(month_end, 'YYYY-MM-DD') AS month_end,
           CASE WHEN month_start > ${s.cutoff}::date THEN NULL
                ELSE (sum(COALESCE(starters.n, 0)) OVER (ORDER BY month_start))::int END AS cumulative
      FROM months LEFT JOIN starters USING (month_start)
     ORDER BY month_start`.execute(db);
  return rows.map((row) => ({ month: row.month, monthEnd: row.month_end, cumulative: row.cumulative === null ? null : Number(row.cumulative) }));
}

export interface MonthlyComparisonRow {
  month: string;
  /** This year's cumulative participants (null after the as-of date). */
  thisYear: number | null;
  /** Last year's cumulative participants at the same month end (the whole of last year); null when the caller
   * leaves last year out (no data). */
  lastYear: number | null;
  /** The straight target line: 0 on April 1 rising to the target on March 31; null without a target. */
  targetLine: number | null;
}

/** This year (capped at as-of), last year (in full) and the straight line to the target, month by month. */
export async function monthlyComparison(db: Executor, scope: ReportScope & { target: number | null }, today = todayInTokyo()): Promise<MonthlyComparisonRow[]> {
  const previous = scope.fiscalYear - 1;
  const [current, last] = await Promise.all([
    monthlyCumulative(db, scope, today),
    monthlyCumulative(db, { fiscalYear: previous, asOf: fiscalYearBounds(previous).last, departmentId: scope.departmentId }, today),
  ]);
  return current.map((point, i) => ({
    month: point.month,
    thisYear: point.cumulative,
    lastYear: last[i]?.cumulative ?? 0,
    targetLine: scope.target === null ? null : Math.round(((scope.target * (i + 1)) / 12) * 10) / 10,
  }));
}

/**
 * Consultations per month of the fiscal year by DESIGN §3's rule (not cancelled, not no-show, started on or before
 * the as-of date's end in Asia/Tokyo), prefecture-wide. Months after the as-of date are null. Aggregates only.
 */
export async function consultationsByMonth(db: Executor, scope: Pick<ReportScope, "fiscalYear" | "asOf">, today = todayInTokyo()): Promise<{ month: string; count: number | null }[]> {
  const s = resolveScope({ fiscalYear: scope.fiscalYear, asOf: scope.asOf }, today);
  const { rows } = await sql<{ month: string; count: number | null }>`
    WITH months AS (
      SELECT m::date AS month_start FROM generate_series(${s.first}::date, ${s.last}::date, interval '1 month') AS m
    )
    SELECT to_char(months.month_start, 'YYYY-MM') AS month,
           CASE WHEN months.month_start > ${s.asOf}::date THEN NULL ELSE count(b.id)::int END AS count
      FROM months
      LEFT JOIN consultation_bookings b
        ON b.status NOT IN ('cancelled', 'no_show')
       AND b.starts_at >= months.month_start::timestamp AT TIME ZONE 'Asia/Tokyo'
       AND b.starts_at < (months.month_start + interval '1 month')::timestamp AT TIME ZONE 'Asia/Tokyo'
       AND b.starts_at < (${s.asOf}::date + 1)::timestamp AT TIME ZONE 'Asia/Tokyo'
     GROUP BY months.month_start
     ORDER BY months.month_start`.execute(db);
  return rows.map((row) => ({ month: row.month, count: row.count === null ? null : Number(row.count) }));
}
