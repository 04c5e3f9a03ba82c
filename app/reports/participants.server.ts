import { sql } from "kysely";
import type { Executor } from "../../db/client.server";
import { todayInTokyo } from "../i18n/format";
import { countingRecords, resolveScope, type ReportScope } from "./participation.server";

// The drill-down behind the headline number: every participation record that counts toward 実人数 (DESIGN §3) in
// the year as of the date — one row per record, so a person in two schemes appears twice while the distinct
// people equal the report's participants. Contest projects inside the member's own unit are not side work and are
// not listed (they count only toward the contest's 'engaged').

/** What a record counts as: 庁内複業（募集） / 庁内複業（コンテスト） / ジョブチャレンジ. */
export const PARTICIPANT_CATEGORIES = ["side_job_posting", "side_job_contest", "job_challenge"] as const;
export type ParticipantCategory = (typeof PARTICIPANT_CATEGORIES)[number];

export interface ParticipantRow {
  employeeId: number;
  employeeNo: string;
  name: string;
  nameKana: string;
  /** The employee's unit (所属) now, and the 部局 above it. */
  departmentId: number;
  departmentName: string;
  bureauName: string;
  category: ParticipantCategory;
  /** The posting's or the contest project's title. */
  title: string;
  hostDepartmentName: string;
  startOn: string;
  endOn: string | null;
  /** The last day of employment when the person had left before the as-of date; otherwise null. */
  leftOn: string | null;
}

/**
 * The counted participation records of the scope, sorted by unit (directory order: 部局 then 所属 by code), then
 * by name (kana), 職員番号 and start date. Set-based: one query.
 */
export async function listCountingParticipants(db: Executor, scope: ReportScope, today = todayInTokyo()): Promise<ParticipantRow[]> {
  const s = resolveScope(scope, today);
  const { rows } = await sql<{
    employee_id: number;
    employee_no: string;
    name: string;
    name_kana: string;
    department_id: number;
    department_name: string;
    bureau_name: string;
    category: ParticipantCategory;
    title: string;
    host_department_name: string;
    start_on: string;
    end_on: string | null;
    left_on: string | null;
  }>`
    WITH RECURSIVE tree(id, bureau_id, path) AS (
      SELECT id, id, code::text FROM departments WHERE parent_id IS NULL
      UNION ALL
      SELECT d.id, tree.bureau_id, tree.path || '/' || d.code FROM departments d JOIN tree ON d.parent_id = tree.id
    ),
    counting AS (${countingRecords(s)})
    SELECT e.id AS employee_id, e.employee_no, e.name, e.name_kana,
           e.department_id, unit.name AS department_name, bureau.name AS bureau_name,
           CASE WHEN c.scheme = 'side_job' THEN 'side_job_posting'
                WHEN c.scheme = 'contest_project' THEN 'side_job_contest'
                ELSE 'job_challenge' END AS category,
           c.title, host.name AS host_department_name,
           to_char(c.start_on, 'YYYY-MM-DD') AS start_on, to_char(c.end_on, 'YYYY-MM-DD') AS end_on,
           CASE WHEN e.left_on < ${s.asOf}::date THEN to_char(e.left_on, 'YYYY-MM-DD') END AS left_on
      FROM counting c
      JOIN employees e ON e.id = c.employee_id
      JOIN departments unit ON unit.id = e.department_id
      JOIN departments host ON host.id = c.host_department_id
      LEFT JOIN tree ON tree.id = e.department_id
      LEFT JOIN departments bureau ON bureau.id = tree.bureau_id
     WHERE c.side_work OR c.scheme = 'job_challenge'
     ORDER BY tree.path, e.name_kana_search, e.employee_no, c.start_on, c.title`.execute(db);
  return rows.map((r) => ({
    employeeId: r.employee_id,
    employeeNo: r.employee_no,
    name: r.name,
    nameKana: r.name_kana,
    departmentId: r.department_id,
    departmentName: r.department_name,
    bureauName: r.bureau_name ?? "",
    category: r.category,
    title: r.title,
    hostDepartmentName: r.host_department_name,
    startOn: r.start_on,
    endOn: r.end_on,
    leftOn: r.left_on,
  }));
}
