import { sql } from "kysely";
import type { Executor } from "../../db/client.server";
import type { ConsultationMode, ConsultationTopic } from "../../db/schema";
import { tokyoDateTime } from "../calendar/business-days";
import { fiscalYearOf, todayInTokyo } from "../i18n/format";
import { CONSULTATION_MODES, CONSULTATION_TOPICS } from "./counselor-schemas";
import { DEFAULT_SUPPRESSION_THRESHOLD, suppressCells, type SuppressedCell } from "./suppression";

// What hr_admin sees of the career consultation room: aggregates only, computed in SQL (GROUP BY GROUPING SETS),
// so no individual booking ever leaves the database for this page — no names, no units of a person, no notes, no
// times. Every breakdown goes through suppressCells (1–2 → 「3未満」 plus a secondary cell where needed).
//
// Counting rules (documented for HR on the page):
// - a session counts ("held") when its status is completed; it belongs to the fiscal year and month of its start
//   in Asia/Tokyo. Booked sessions still ahead and past sessions not yet recorded are shown as totals only, as
//   are no-shows; cancelled sessions are not counted anywhere. (DESIGN §3's report count = held + not yet recorded.)
// - 部局: the top-level unit above the employee's current unit (the directory keeps no unit history).
// - age band: the session's calendar year (Asia/Tokyo) minus the employee's birth_year — the age reached in that
//   year, since only the birth year is held. Under 30 falls in the first band (「20代以下」).

export const AGE_BANDS = ["20s", "30s", "40s", "50s", "60plus"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** 'YYYY-MM' of the twelve months of fiscal year F: F-04 … (F+1)-03. */
export function fiscalYearMonths(fiscalYear: number): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const month = ((3 + i) % 12) + 1;
    const year = month >= 4 ? fiscalYear : fiscalYear + 1;
    return `${year}-${String(month).padStart(2, "0")}`;
  });
}

export function fiscalYearBounds(fiscalYear: number) {
  return {
    firstDay: `${fiscalYear}-04-01`,
    lastDay: `${fiscalYear + 1}-03-31`,
    from: tokyoDateTime(`${fiscalYear}-04-01`),
    to: tokyoDateTime(`${fiscalYear + 1}-04-01`),
  };
}

export interface BureauCell extends SuppressedCell {
  label: string;
}

export interface ConsultationStats {
  fiscalYear: number;
  firstDay: string;
  lastDay: string;
  threshold: number;
  totals: {
    /** Sessions held (completed) in the year. */
    held: number;
    /** Booked sessions of the year still ahead. */
    upcoming: number;
    /** Booked sessions of the year that have started but are not yet recorded as completed or no-show. */
    awaitingRecord: number;
    noShow: number;
  };
  byMonth: SuppressedCell[];
  byMode: SuppressedCell<ConsultationMode>[];
  byTopic: SuppressedCell<ConsultationTopic>[];
  byBureau: BureauCell[];
  byAge: SuppressedCell<AgeBand>[];
}

interface GroupRow {
  month: string | null;
  mode: ConsultationMode | null;
  topic: ConsultationTopic | null;
  bureau_id: number | null;
  age_band: AgeBand | null;
  g_month: number;
  g_mode: number;
  g_topic: number;
  g_bureau: number;
  g_age: number;
  n: number;
}

/** Aggregates of fiscal year `fiscalYear` with small cells suppressed. */
export async function getConsultationStats(db: Executor, input: { fiscalYear: number; now?: Date; threshold?: number }): Promise<ConsultationStats> {
  const now = input.now ?? new Date();
  const threshold = input.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  const { firstDay, lastDay, from, to } = fiscalYearBounds(input.fiscalYear);

  const [groups, totals, bureaus] = await Promise.all([
    sql<GroupRow>`
      WITH RECURSIVE tree(id, bureau_id) AS (
        SELECT id, id FROM departments WHERE parent_id IS NULL
        UNION ALL
        SELECT d.id, tree.bureau_id FROM departments d JOIN tree ON d.parent_id = tree.id
      ), held AS (
        SELECT to_char(b.starts_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AS month,
               b.mode,
               b.topic,
               tree.bureau_id,
               CASE
                 WHEN extract(year FROM b.starts_at AT TIME ZONE 'Asia/Tokyo')::int - e.birth_year < 30 THEN '20s'
                 WHEN extract(year FROM b.starts_at AT TIME ZONE 'Asia/Tokyo')::int - e.birth_year < 40 THEN '30s'
                 WHEN extract(year FROM b.starts_at AT TIME ZONE 'Asia/Tokyo')::int - e.birth_year < 50 THEN '40s'
                 WHEN extract(year FROM b.starts_at AT TIME ZONE 'Asia/Tokyo')::int - e.birth_year < 60 THEN '50s'
                 ELSE '60plus'
               END AS age_band
          FROM consultation_bookings b
          JOIN employees e ON e.id = b.employee_id
          LEFT JOIN tree ON tree.id = e.department_id
         WHERE b.status = 'completed' AND b.starts_at >= ${from} AND b.starts_at < ${to}
      )
      SELECT month, mode, topic, bureau_id, age_band,
             GROUPING(month) AS g_month, GROUPING(mode) AS g_mode, GROUPING(topic) AS g_topic,
             GROUPING(bureau_id) AS g_bureau, GROUPING(age_band) AS g_age,
             count(*)::int AS n
        FROM held
       GROUP BY GROUPING SETS ((month), (mode), (topic), (bureau_id), (age_band))`.execute(db),
    db
      .selectFrom("consultation_bookings")
      .select([
        sql<number>`count(*) FILTER (WHERE status = 'completed')::int`.as("held"),
        sql<number>`count(*) FILTER (WHERE status = 'no_show')::int`.as("no_show"),
        sql<number>`count(*) FILTER (WHERE status = 'booked' AND starts_at <= ${now})::int`.as("awaiting"),
        sql<number>`count(*) FILTER (WHERE status = 'booked' AND starts_at > ${now})::int`.as("upcoming"),
      ])
      .where("starts_at", ">=", from)
      .where("starts_at", "<", to)
      .executeTakeFirstOrThrow(),
    db.selectFrom("departments").select(["id", "name"]).where("parent_id", "is", null).orderBy("code").execute(),
  ]);

  const counts = {
    month: new Map<string, number>(),
    mode: new Map<string, number>(),
    topic: new Map<string, number>(),
    bureau: new Map<string, number>(),
    age: new Map<string, number>(),
  };
  for (const row of groups.rows) {
    const n = Number(row.n);
    if (row.g_month === 0 && row.month) counts.month.set(row.month, n);
    else if (row.g_mode === 0 && row.mode) counts.mode.set(row.mode, n);
    else if (row.g_topic === 0 && row.topic) counts.topic.set(row.topic, n);
    else if (row.g_bureau === 0 && row.bureau_id !== null) counts.bureau.set(String(row.bureau_id), n);
    else if (row.g_age === 0 && row.age_band) counts.age.set(row.age_band, n);
  }
  const cells = <K extends string>(keys: readonly K[], map: Map<string, number>) => suppressCells(keys.map((key) => ({ key, count: map.get(key) ?? 0 })), threshold);
  const labels = new Map(bureaus.map((b) => [String(b.id), b.name]));

  return {
    fiscalYear: input.fiscalYear,
    firstDay,
    lastDay,
    threshold,
    totals: { held: Number(totals.held), upcoming: Number(totals.upcoming), awaitingRecord: Number(totals.awaiting), noShow: Number(totals.no_show) },
    byMonth: cells(fiscalYearMonths(input.fiscalYear), counts.month),
    byMode: cells(CONSULTATION_MODES, counts.mode),
    byTopic: cells(CONSULTATION_TOPICS, counts.topic),
    byBureau: cells(
      bureaus.map((b) => String(b.id)),
      counts.bureau,
    ).map((cell) => ({ ...cell, label: labels.get(cell.key) ?? "" })),
    byAge: cells(AGE_BANDS, counts.age),
  };
}

/**
 * Fiscal years the selector offers, latest first: from the first year with a booking (or the current one) to the
 * last year with a booking (or the current one).
 */
export async function listStatsFiscalYears(db: Executor, now: Date = new Date()): Promise<number[]> {
  const row = await db
    .selectFrom("consultation_bookings")
    .select([(eb) => eb.fn.min("starts_at").as("first"), (eb) => eb.fn.max("starts_at").as("last")])
    .where("status", "<>", "cancelled")
    .executeTakeFirst();
  const current = fiscalYearOf(todayInTokyo(now));
  const first = row?.first ? fiscalYearOf(todayInTokyo(new Date(row.first))) : current;
  const last = row?.last ? fiscalYearOf(todayInTokyo(new Date(row.last))) : current;
  const years: number[] = [];
  for (let fy = Math.max(current, last); fy >= Math.min(current, first); fy -= 1) years.push(fy);
  return years;
}
