import { sql } from "kysely";
import type { Executor } from "../../db/client.server";
import { fiscalYearLabel, fiscalYearOf, todayInTokyo } from "../i18n/format";
import { defaultAsOf, fiscalYearBounds } from "./fiscal-year";
import { employeeInScope } from "./participation.server";

// The dashboard's year-over-year table: for every fiscal year up to the current one, the figures
// participationReport gives for it (each past year as of its last day, the current year as of today) — computed
// for all years at once instead of one report per year.
//
// A record counts in year F (as of F's default date) when it started by then and had not ended before F began, so
// the years it counts in form one run: from its start's fiscal year to its end's (or the last one). Each person's
// years become a bit mask per scheme (bit i = base year + i), OR-ed over their records; people sharing the same
// masks are counted together, and a year's figure is the number of people whose mask has its bit. Headcounts come
// from one scan of the directory with one filtered count per year.

export interface HistoryRow {
  fiscalYear: number;
  label: string;
  asOf: string;
  participants: number;
  sideJob: number;
  jobChallenge: number;
  grossParticipants: number;
  headcount: number;
  participationRate: number;
  target: number | null;
}

/** Bits per mask: a bigint holds 63, and `(1 << n) - 1` must not overflow. */
const MASK_YEARS = 60;

type YearCounts = { participants: number; sideJob: number; jobChallenge: number };

/** One row per requested year up to the current one, oldest first. */
export async function participationHistory(db: Executor, input: { years: number[]; departmentId: number | null }, today = todayInTokyo()): Promise<HistoryRow[]> {
  const current = fiscalYearOf(today);
  const years = [...new Set(input.years)].filter((fy) => fy <= current).sort((a, b) => a - b);
  if (years.length === 0) return [];
  const [counts, headcounts, targets] = await Promise.all([
    participantsByYear(db, years, input.departmentId, today),
    headcountsByYear(db, years, input.departmentId, today),
    input.departmentId === null
      ? db.selectFrom("participation_targets").select(["fiscal_year", "target"]).where("fiscal_year", "in", years).execute()
      : Promise.resolve([]),
  ]);
  return years.map((fiscalYear, i) => {
    const c = counts.get(fiscalYear) ?? { participants: 0, sideJob: 0, jobChallenge: 0 };
    const headcount = headcounts[i];
    return {
      fiscalYear,
      label: fiscalYearLabel(fiscalYear, "ja"),
      asOf: defaultAsOf(fiscalYear, today),
      participants: c.participants,
      sideJob: c.sideJob,
      jobChallenge: c.jobChallenge,
      grossParticipants: c.sideJob + c.jobChallenge,
      headcount,
      participationRate: headcount > 0 ? c.participants / headcount : 0,
      target: targets.find((t) => t.fiscal_year === fiscalYear)?.target ?? null,
    };
  });
}

async function participantsByYear(db: Executor, years: number[], departmentId: number | null, today: string): Promise<Map<number, YearCounts>> {
  const result = new Map<number, YearCounts>();
  // Years too far apart for one mask are counted in windows of MASK_YEARS.
  for (let rest = years; rest.length > 0; ) {
    const base = rest[0];
    const window = rest.filter((fy) => fy < base + MASK_YEARS);
    rest = rest.slice(window.length);
    for (const [fy, counts] of await participantsInWindow(db, base, window[window.length - 1], departmentId, today)) {
      if (window.includes(fy)) result.set(fy, counts);
    }
  }
  return result;
}

/** Figures for every year from `base` to `top` (≤ the current year). */
async function participantsInWindow(db: Executor, base: number, top: number, departmentId: number | null, today: string): Promise<Map<number, YearCounts>> {
  const starts = Array.from({ length: top - base + 1 }, (_, i) => fiscalYearBounds(base + i).first);
  const cutoff = defaultAsOf(top, today);
  // width_bucket(d, starts) - 1 is d's year as a bit index (-1 before base, top - base after top).
  const { rows } = await sql<{ fy: number; participants: number; side_job: number; job_challenge: number }>`
    WITH records AS (
      SELECT p.employee_id,
             (p.scheme = 'side_job' OR (p.scheme = 'contest_project' AND p.host_department_id <> e.department_id)) AS side_work,
             p.scheme = 'job_challenge' AS job_challenge,
             GREATEST(width_bucket(p.start_on, ${starts}::date[]), 1) - 1 AS a,
             CASE WHEN p.end_on IS NULL THEN ${top - base}::int ELSE width_bucket(p.end_on, ${starts}::date[]) - 1 END AS b
        FROM participations p
        JOIN employees e ON e.id = p.employee_id
       WHERE p.start_on <= ${cutoff}::date AND (p.end_on IS NULL OR p.end_on >= ${starts[0]}::date)
         AND (p.scheme <> 'contest_project' OR p.host_department_id <> e.department_id)
         AND ${employeeInScope(departmentId, sql.ref("p.employee_id"))}
    ),
    people AS (
      SELECT COALESCE(bit_or(((1::bigint << (b - a + 1)) - 1) << a) FILTER (WHERE side_work), 0) AS side_mask,
             COALESCE(bit_or(((1::bigint << (b - a + 1)) - 1) << a) FILTER (WHERE job_challenge), 0) AS jc_mask
        FROM records GROUP BY employee_id
    ),
    groups AS (SELECT side_mask, jc_mask, count(*) AS n FROM people GROUP BY side_mask, jc_mask)
    SELECT ${base}::int + i AS fy,
           COALESCE(sum(n) FILTER (WHERE ((side_mask | jc_mask) >> i) & 1 = 1), 0)::int AS participants,
           COALESCE(sum(n) FILTER (WHERE (side_mask >> i) & 1 = 1), 0)::int AS side_job,
           COALESCE(sum(n) FILTER (WHERE (jc_mask >> i) & 1 = 1), 0)::int AS job_challenge
      FROM generate_series(0, ${top - base}::int) AS i CROSS JOIN groups
     GROUP BY i`.execute(db);
  return new Map(rows.map((r) => [Number(r.fy), { participants: r.participants, sideJob: r.side_job, jobChallenge: r.job_challenge }]));
}

/** Employees active on each year's default as-of date (DESIGN §3 headcount), in the order of `years`. */
async function headcountsByYear(db: Executor, years: number[], departmentId: number | null, today: string): Promise<number[]> {
  const counts = years.map((fy) => {
    const asOf = defaultAsOf(fy, today);
    return sql`count(*) FILTER (WHERE e.hired_on <= ${asOf}::date AND (e.left_on IS NULL OR e.left_on >= ${asOf}::date))::int`;
  });
  const { rows } = await sql<{ counts: number[] }>`
    SELECT ARRAY[${sql.join(counts)}] AS counts FROM employees e WHERE ${employeeInScope(departmentId, sql.ref("e.id"))}`.execute(db);
  return rows[0].counts;
}
