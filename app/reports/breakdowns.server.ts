import { sql } from "kysely";
import type { Executor } from "../../db/client.server";
import { todayInTokyo } from "../i18n/format";
import { countingRecords, resolveScope, type ReportScope } from "./participation.server";

// Participants (実人数, DESIGN §3) against headcount by unit, by grade and by age band — one GROUPING SETS query
// over the scope's employees, built on countingRecords so every total equals participationReport's.
//
// - A person belongs to one row of each breakdown by their current directory entry (unit, grade, birth year): the
//   directory keeps no history. So the participants of each breakdown add up to the report's participants, and the
//   headcounts to its headcount (employees active on the as-of date).
// - A participant who has left still counts as a participant (as in the report) but not in the headcount.
// - Units: for the whole prefecture the 部局 (top-level units); for a unit scope the unit itself (its own staff)
//   and each of its direct sub-units with everything below them.
// - Age: the year of the as-of date minus the birth year (only the birth year is held); under 30 is 「20代以下」,
//   60 and over 「60代以上」.

export const AGE_BANDS = ["20s", "30s", "40s", "50s", "60plus"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export interface BreakdownRow {
  participants: number;
  headcount: number;
  /** participants / headcount, unrounded; null when the headcount is 0. */
  rate: number | null;
}

export interface UnitBreakdownRow extends BreakdownRow {
  departmentId: number;
  code: string;
  name: string;
  /** true for the scope's own unit row in a unit view (its directly assigned staff). */
  isScopeRoot: boolean;
}

export interface GradeBreakdownRow extends BreakdownRow {
  grade: string;
  rank: number;
  nameEn: string;
}

export interface AgeBandBreakdownRow extends BreakdownRow {
  band: AgeBand;
}

export interface ParticipationBreakdowns {
  /** "bureau" for the whole prefecture (部局別), "unit" for a unit scope (所属別: the unit and its sub-units). */
  unitLevel: "bureau" | "unit";
  byUnit: UnitBreakdownRow[];
  byGrade: GradeBreakdownRow[];
  byAgeBand: AgeBandBreakdownRow[];
  totals: BreakdownRow;
}

interface GroupRow {
  group_id: number | null;
  grade: string | null;
  age_band: AgeBand | null;
  g_unit: number;
  g_grade: number;
  g_age: number;
  headcount: number;
  participants: number;
}

const rateOf = (participants: number, headcount: number) => (headcount > 0 ? participants / headcount : null);

/** The rows of the three breakdowns for the scope (whole prefecture, or a unit and everything below it). */
export async function participationBreakdowns(db: Executor, scope: ReportScope, today = todayInTokyo()): Promise<ParticipationBreakdowns> {
  const s = resolveScope(scope, today);
  const root = s.departmentId;
  // Each department mapped to the row it is counted under. For a unit scope the root is its own group and is not
  // descended from (its children start their own groups), so every department appears once.
  const tree = root === null
    ? sql`WITH RECURSIVE tree(id, group_id) AS (
            SELECT id, id FROM departments WHERE parent_id IS NULL
            UNION ALL
            SELECT d.id, tree.group_id FROM departments d JOIN tree ON d.parent_id = tree.id)
          SELECT id, group_id FROM tree`
    : sql`WITH RECURSIVE tree(id, group_id) AS (
            SELECT id, id FROM departments WHERE parent_id = ${root}::int
            UNION ALL
            SELECT d.id, tree.group_id FROM departments d JOIN tree ON d.parent_id = tree.id)
          SELECT id, group_id FROM tree
          UNION ALL SELECT ${root}::int, ${root}::int`;
  const age = sql`(extract(year FROM ${s.asOf}::date)::int - e.birth_year)`;

  const [groups, units, grades] = await Promise.all([
    sql<GroupRow>`
      WITH unit_groups AS (${tree}),
      counting AS (${countingRecords(s)}),
      participant_ids AS (SELECT DISTINCT employee_id FROM counting WHERE side_work OR scheme = 'job_challenge'),
      people AS (
        SELECT g.group_id,
               e.grade,
               CASE WHEN ${age} < 30 THEN '20s' WHEN ${age} < 40 THEN '30s' WHEN ${age} < 50 THEN '40s'
                    WHEN ${age} < 60 THEN '50s' ELSE '60plus' END AS age_band,
               (e.hired_on <= ${s.asOf}::date AND (e.left_on IS NULL OR e.left_on >= ${s.asOf}::date)) AS active,
               (p.employee_id IS NOT NULL) AS participant
          FROM employees e
          JOIN unit_groups g ON g.id = e.department_id
          LEFT JOIN participant_ids p ON p.employee_id = e.id
      )
      SELECT group_id, grade, age_band,
             GROUPING(group_id) AS g_unit, GROUPING(grade) AS g_grade, GROUPING(age_band) AS g_age,
             count(*) FILTER (WHERE active)::int AS headcount,
             count(*) FILTER (WHERE participant)::int AS participants
        FROM people
       WHERE active OR participant
       GROUP BY GROUPING SETS ((group_id), (grade), (age_band))`.execute(db),
    root === null
      ? db.selectFrom("departments").select(["id", "code", "name"]).where("parent_id", "is", null).orderBy("code").execute()
      : db
          .selectFrom("departments")
          .select(["id", "code", "name"])
          .where((eb) => eb.or([eb("id", "=", root), eb("parent_id", "=", root)]))
          .orderBy("code")
          .execute()
          .then((rows) => [...rows.filter((r) => r.id === root), ...rows.filter((r) => r.id !== root)]),
    db.selectFrom("grades").select(["code", "rank", "name_en"]).orderBy("rank").execute(),
  ]);

  const byGroup = new Map<number, GroupRow>();
  const byGrade = new Map<string, GroupRow>();
  const byAge = new Map<string, GroupRow>();
  for (const row of groups.rows) {
    if (Number(row.g_unit) === 0 && row.group_id !== null) byGroup.set(Number(row.group_id), row);
    else if (Number(row.g_grade) === 0 && row.grade !== null) byGrade.set(row.grade, row);
    else if (Number(row.g_age) === 0 && row.age_band !== null) byAge.set(row.age_band, row);
  }
  const figures = (row: GroupRow | undefined): BreakdownRow => {
    const participants = Number(row?.participants ?? 0);
    const headcount = Number(row?.headcount ?? 0);
    return { participants, headcount, rate: rateOf(participants, headcount) };
  };

  const byUnit = units.map((u) => ({ departmentId: u.id, code: u.code, name: u.name, isScopeRoot: u.id === root, ...figures(byGroup.get(u.id)) }));
  const totals = byUnit.reduce((sum, row) => ({ participants: sum.participants + row.participants, headcount: sum.headcount + row.headcount }), { participants: 0, headcount: 0 });
  return {
    unitLevel: root === null ? "bureau" : "unit",
    byUnit,
    // Grades nobody in the scope holds are left out (a small unit has few of the ten).
    byGrade: grades.map((g) => ({ grade: g.code, rank: g.rank, nameEn: g.name_en, ...figures(byGrade.get(g.code)) })).filter((row) => row.headcount > 0 || row.participants > 0),
    byAgeBand: AGE_BANDS.map((band) => ({ band, ...figures(byAge.get(band)) })),
    totals: { ...totals, rate: rateOf(totals.participants, totals.headcount) },
  };
}
