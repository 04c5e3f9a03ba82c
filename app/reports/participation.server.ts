import { type RawBuilder, sql } from "kysely";
import type { Executor } from "../../db/client.server";
import { fiscalYearLabel } from "../i18n/format";
import { todayInTokyo } from "../i18n/format";
import { defaultAsOf, fiscalYearBounds } from "./fiscal-year";

// The participation report of DESIGN §3, one set of queries behind the dashboard, the exports and the CLI.
// Everything is computed in PostgreSQL from the participation records: no per-employee loops here.

export interface ReportScope {
  fiscalYear: number;
  /** 'YYYY-MM-DD'; default: today if inside the year, else the year's last day (DESIGN §3). */
  asOf?: string;
  /** Limit to employees whose unit is this one or below it (a supervisor's view of their unit). */
  departmentId?: number | null;
}

export interface ParticipationReport {
  fiscalYear: number;
  label: string;
  asOf: string;
  headcount: number;
  target: number | null;
  participants: number;
  grossParticipants: number;
  participationRate: number;
  sideJob: { participants: number; viaPostings: number; viaContest: number };
  jobChallenge: { participants: number };
  contest: { proposals: number; adopted: number; stepUp: number; engaged: number };
  consultations: { count: number };
}

export function resolveScope(scope: ReportScope, today = todayInTokyo()) {
  const { first, last } = fiscalYearBounds(scope.fiscalYear);
  const asOf = scope.asOf ?? defaultAsOf(scope.fiscalYear, today);
  return { first, last, asOf, cutoff: asOf < last ? asOf : last, departmentId: scope.departmentId ?? null };
}

type Resolved = ReturnType<typeof resolveScope>;

/** The unit and every unit below it. */
const subtree = (departmentId: number) =>
  sql`WITH RECURSIVE sub(id) AS (SELECT ${departmentId}::int UNION ALL SELECT d.id FROM departments d JOIN sub ON d.parent_id = sub.id) SELECT id FROM sub`;

/** A condition on a department column: true for the whole prefecture, else the unit's subtree. */
export function departmentInScope(departmentId: number | null, column: RawBuilder<unknown>) {
  return departmentId === null ? sql`TRUE` : sql`${column} IN (${subtree(departmentId)})`;
}

/** A condition on an employee id column: true for the whole prefecture, else employees of the unit's subtree. */
export function employeeInScope(departmentId: number | null, column: RawBuilder<unknown>) {
  return departmentId === null ? sql`TRUE` : sql`${column} IN (SELECT se.id FROM employees se WHERE se.department_id IN (${subtree(departmentId)}))`;
}

/** Employees in scope: everyone, or the unit's subtree. */
function scopedEmployees(s: Resolved) {
  return sql`SELECT e.id, e.department_id, e.grade, e.birth_year FROM employees e WHERE ${departmentInScope(s.departmentId, sql.ref("e.department_id"))}`;
}

/**
 * The records counting in the year as of the date, with what each counts as:
 * side_job → 庁内複業 via postings; contest_project in another unit → 庁内複業 via contest; job_challenge → ジョブチャレンジ.
 */
export function countingRecords(s: Resolved) {
  return sql`
    SELECT p.employee_id, p.scheme, p.host_department_id, p.title, p.start_on, p.end_on, p.source, p.application_id, p.contest_project_id,
           (p.scheme = 'side_job' OR (p.scheme = 'contest_project' AND p.host_department_id <> e.department_id)) AS side_work
    FROM participations p
    JOIN (${scopedEmployees(s)}) e ON e.id = p.employee_id
    WHERE p.start_on <= ${s.cutoff}::date AND (p.end_on IS NULL OR p.end_on >= ${s.first}::date)`;
}

export async function participationReport(db: Executor, scope: ReportScope, today = todayInTokyo()): Promise<ParticipationReport> {
  const s = resolveScope(scope, today);
  const { rows } = await sql<{
    via_postings: number;
    via_contest: number;
    side_job: number;
    job_challenge: number;
    participants: number;
    engaged: number;
    headcount: number;
    proposals: number;
    adopted: number;
    step_up: number;
    consultations: number;
    target: number | null;
  }>`
    WITH counting AS (${countingRecords(s)})
    SELECT
      (SELECT count(DISTINCT employee_id) FROM counting WHERE scheme = 'side_job')::int AS via_postings,
      (SELECT count(DISTINCT employee_id) FROM counting WHERE scheme = 'contest_project' AND side_work)::int AS via_contest,
      (SELECT count(DISTINCT employee_id) FROM counting WHERE side_work)::int AS side_job,
      (SELECT count(DISTINCT employee_id) FROM counting WHERE scheme = 'job_challenge')::int AS job_challenge,
      (SELECT count(DISTINCT employee_id) FROM counting WHERE side_work OR scheme = 'job_challenge')::int AS participants,
      (SELECT count(DISTINCT employee_id) FROM counting WHERE scheme = 'contest_project')::int AS engaged,
      (SELECT count(*) FROM employees e
        WHERE ${departmentInScope(s.departmentId, sql.ref("e.department_id"))}
          AND e.hired_on <= ${s.asOf}::date AND (e.left_on IS NULL OR e.left_on >= ${s.asOf}::date))::int AS headcount,
      (SELECT count(*) FROM contest_proposals cp JOIN contest_rounds r ON r.id = cp.round_id
        WHERE ${employeeInScope(s.departmentId, sql.ref("cp.lead_employee_id"))} AND r.fiscal_year = ${scope.fiscalYear} AND cp.status = 'submitted'
          AND cp.submitted_at < (${s.asOf}::date + 1)::timestamp AT TIME ZONE 'Asia/Tokyo')::int AS proposals,
      (SELECT count(*) FROM contest_proposals cp JOIN contest_rounds r ON r.id = cp.round_id
        WHERE ${employeeInScope(s.departmentId, sql.ref("cp.lead_employee_id"))} AND r.fiscal_year = ${scope.fiscalYear} AND cp.status = 'submitted' AND cp.outcome = 'adopted'
          AND r.results_published_at < (${s.asOf}::date + 1)::timestamp AT TIME ZONE 'Asia/Tokyo')::int AS adopted,
      (SELECT count(*) FROM contest_proposals cp JOIN contest_rounds r ON r.id = cp.round_id
        WHERE ${employeeInScope(s.departmentId, sql.ref("cp.lead_employee_id"))} AND r.fiscal_year = ${scope.fiscalYear} AND cp.status = 'submitted' AND cp.outcome = 'step_up'
          AND r.results_published_at < (${s.asOf}::date + 1)::timestamp AT TIME ZONE 'Asia/Tokyo')::int AS step_up,
      (SELECT count(*) FROM consultation_bookings b
        WHERE ${employeeInScope(s.departmentId, sql.ref("b.employee_id"))} AND b.status NOT IN ('cancelled', 'no_show')
          AND b.starts_at >= ${s.first}::date::timestamp AT TIME ZONE 'Asia/Tokyo'
          AND b.starts_at < (${s.asOf}::date + 1)::timestamp AT TIME ZONE 'Asia/Tokyo')::int AS consultations,
      (SELECT target FROM participation_targets WHERE fiscal_year = ${scope.fiscalYear}) AS target
  `.execute(db);
  const r = rows[0];
  return {
    fiscalYear: scope.fiscalYear,
    label: fiscalYearLabel(scope.fiscalYear, "ja"),
    asOf: s.asOf,
    headcount: r.headcount,
    target: s.departmentId === null ? r.target : null,
    participants: r.participants,
    grossParticipants: r.side_job + r.job_challenge,
    participationRate: r.headcount > 0 ? r.participants / r.headcount : 0,
    sideJob: { participants: r.side_job, viaPostings: r.via_postings, viaContest: r.via_contest },
    jobChallenge: { participants: r.job_challenge },
    contest: { proposals: r.proposals, adopted: r.adopted, stepUp: r.step_up, engaged: r.engaged },
    consultations: { count: r.consultations },
  };
}

export async function getTarget(db: Executor, fiscalYear: number): Promise<number | null> {
  const row = await db.selectFrom("participation_targets").select("target").where("fiscal_year", "=", fiscalYear).executeTakeFirst();
  return row?.target ?? null;
}
