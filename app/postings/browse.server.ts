import { sql } from "kysely";
import type { Executor } from "../../db/client.server";
import { departmentSubtree } from "../people/directory.server";
import { cachedReport } from "../reports/report-cache.server";
import { BROWSE_PAGE_SIZE, LIVE_APPLICATION_STATUSES, monthRange, REMOTE_WORK_STYLES } from "./model";
import type { BrowseQuery } from "./schema";

// The browse page's search: open (and optionally scheduled) postings with every filter, the keyword search, and the
// total via a window function, in one statement. The same for every reader, a page of results is cached under the
// data version (ADR 012; published postings are watched since migration 0014); the reader's own applications are
// read for each view.
//
// The keyword search looks for each term in postings.search_text: the lower-cased texts, skills, host unit and 部局
// names, kept by triggers (migrations 0009 and 0011), so a term is checked while the open postings are read and
// only the matches are joined. strpos, not LIKE: no pattern characters to escape, and it is the faster substring
// search. There is no pg_trgm index: the open postings (a few hundred at prefecture scale) are found first through
// postings_open_idx and only they are matched; and the embedded server's cluster has LC_CTYPE=C, under which
// pg_trgm extracts no trigram at all from Japanese text (show_trgm('データ分析') = {}), so such an index would not
// help the default installation.

/** A 'YYYY-MM-DD' date, checked before it is written into SQL text as a literal. */
function calendarDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`not a calendar date: ${value}`);
  return value;
}

/** Keyword terms: NFKC (ＤＸ → DX), split on spaces (half- or full-width); every term must match somewhere. */
export function keywordTerms(q: string | undefined): string[] {
  if (!q) return [];
  return q
    .normalize("NFKC")
    .split(/\s+/)
    .map((term) => term.trim())
    .filter(Boolean)
    .slice(0, 5);
}

/** What a result shows of a posting: read with the matches and handed on by the page's query. */
const CARD_COLUMNS = [
  "p.id",
  "p.scheme",
  "p.title",
  "p.summary",
  "p.skills",
  "p.hours_per_month",
  "p.period_start",
  "p.period_end",
  "p.capacity",
  "p.filled",
  "p.work_style",
  "p.place",
  "p.apply_from",
  "p.apply_until",
  "p.approved_at",
  "p.status",
] as const;

export interface BrowseOptions {
  today: string;
  /** The signed-in employee: their own live application is returned with each posting. */
  viewerId: number;
  pageSize?: number;
  /** The HTTP request: its session statement's read of the data version serves the cache (ADR 012). */
  request?: Request;
}

const normalisedSkill = (skill: string) => skill.normalize("NFKC").trim().toLowerCase();

/** Everything a page of results depends on besides the data: two searches with the same key find the same postings. */
function searchKey(filters: Partial<BrowseQuery>, today: string, pageSize: number, page: number): string {
  return JSON.stringify([
    today,
    pageSize,
    page,
    Boolean(filters.upcoming),
    filters.scheme ?? null,
    filters.bureau ?? null,
    filters.skill ? normalisedSkill(filters.skill) : null,
    filters.maxHours ?? null,
    Boolean(filters.remote),
    filters.from ?? null,
    filters.to ?? null,
    keywordTerms(filters.q),
    filters.sort === "newest",
  ]);
}

export async function browsePostings(db: Executor, filters: Partial<BrowseQuery>, options: BrowseOptions) {
  const pageSize = options.pageSize ?? BROWSE_PAGE_SIZE;
  const page = Math.max(1, filters.page ?? 1);
  const [found, mine] = await Promise.all([
    cachedReport(db, searchKey(filters, options.today, pageSize, page), (trx) => searchPostings(trx, filters, { today: options.today, pageSize }), { request: options.request, space: "lists" }),
    liveApplicationsOf(db, options.viewerId),
  ]);
  return { ...found, rows: found.rows.map((row) => ({ ...row, my_application_id: mine.get(row.id) ?? null })) };
}

/** The employee's live application per posting (at most one each: applications_one_live). */
async function liveApplicationsOf(db: Executor, employeeId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom("applications")
    .select(["posting_id", "id"])
    .where("employee_id", "=", employeeId)
    .where("status", "in", LIVE_APPLICATION_STATUSES)
    .orderBy("id")
    .execute();
  return new Map(rows.map((r) => [r.posting_id, r.id]));
}

/** One page of the postings matching `filters`, for any reader, with the total: one statement. */
export async function searchPostings(db: Executor, filters: Partial<BrowseQuery>, options: { today: string; pageSize?: number }) {
  const pageSize = options.pageSize ?? BROWSE_PAGE_SIZE;
  const page = Math.max(1, filters.page ?? 1);
  const { today } = options;

  // The matching postings alone are counted, sorted and cut to the page; only that page is then joined to its
  // units (joining every match first cost a third of the statement's time).
  let matches = db
    .selectFrom("postings as p")
    .select([
      ...CARD_COLUMNS,
      "p.host_department_id",
      sql<number>`count(*) OVER ()`.as("total"),
    ])
    // Literals, not parameters: today's date here (one statement text a day), the status and the other enumerated
    // values by db/enum-literals.ts. The statement is prepared once per connection (db/client.server.ts), and
    // PostgreSQL then prefers one generic plan to planning every execution — but only when the generic plan looks as
    // good. With the status as a parameter, the generic plan cannot use the partial index postings_open_idx (WHERE
    // status = 'published'), and with the date as one it guesses a third of all postings open; so the query was
    // planned afresh on every page view, 1.5 ms of database time each (more than its execution). The keyword and the
    // page stay parameters.
    .where("p.status", "=", "published")
    .where("p.apply_until", ">=", sql.lit(calendarDate(today)));

  if (!filters.upcoming) matches = matches.where("p.apply_from", "<=", sql.lit(calendarDate(today)));
  if (filters.scheme) matches = matches.where("p.scheme", "=", filters.scheme);
  if (filters.bureau) matches = matches.where("p.host_department_id", "in", departmentSubtree(db, filters.bureau));
  if (filters.skill) {
    const skill = normalisedSkill(filters.skill);
    matches = matches.where(sql<boolean>`EXISTS (SELECT 1 FROM unnest(p.skills) AS s(tag) WHERE lower(s.tag) = ${skill})`);
  }
  if (filters.maxHours) matches = matches.where("p.hours_per_month", "<=", String(filters.maxHours));
  if (filters.remote) matches = matches.where("p.work_style", "in", REMOTE_WORK_STYLES);
  // Postings whose period overlaps the chosen months.
  if (filters.from) matches = matches.where("p.period_end", ">=", monthRange(filters.from).first);
  if (filters.to) matches = matches.where("p.period_start", "<=", monthRange(filters.to).last);
  for (const term of keywordTerms(filters.q)) {
    // lower() of the term on the server, the same function that filled search_text
    matches = matches.where(sql<boolean>`strpos(p.search_text, lower(${term})) > 0`);
  }
  const newest = filters.sort === "newest";
  matches = newest
    ? matches.orderBy("p.approved_at", (ob) => ob.desc().nullsLast()).orderBy("p.id", "desc")
    : matches.orderBy("p.apply_until", "asc").orderBy("p.id", "asc");
  const pageOfMatches = matches.limit(pageSize).offset((page - 1) * pageSize);

  let query = db
    .selectFrom(pageOfMatches.as("p"))
    .innerJoin("departments as d", "d.id", "p.host_department_id")
    .leftJoin("departments as b", "b.id", "d.parent_id")
    .select([
      ...CARD_COLUMNS,
      "d.id as host_id",
      "d.name as host_name",
      "b.name as bureau_name",
      "p.total",
    ]);
  // The page's order again: a join keeps no order of its own.
  query = newest ? query.orderBy("p.approved_at", (ob) => ob.desc().nullsLast()).orderBy("p.id", "desc") : query.orderBy("p.apply_until", "asc").orderBy("p.id", "asc");

  const rows = await query.execute();
  const total = Number(rows[0]?.total ?? 0);
  return {
    rows: rows.map(({ total: _total, hours_per_month, ...row }) => ({ ...row, hours_per_month: Number(hours_per_month) })),
    total,
    page,
    pageSize,
    /** 0 rows on a page after the first: the page is past the end (the caller sends the reader back to page 1). */
    pastTheEnd: rows.length === 0 && page > 1,
    pages: Math.max(1, Math.ceil(total / pageSize)),
  };
}

export type BrowseResult = Awaited<ReturnType<typeof browsePostings>>;

/** Skill tags of the postings open now, most frequent first (suggestions for the skill filter). */
export async function openSkillTags(db: Executor, today: string, limit = 40): Promise<string[]> {
  const rows = await db
    .selectFrom(sql<{ tag: string }>`(SELECT unnest(skills) AS tag FROM postings WHERE status = 'published' AND apply_from <= ${today} AND apply_until >= ${today})`.as("t"))
    .select(["t.tag", sql<number>`count(*)`.as("n")])
    .groupBy("t.tag")
    .orderBy("n", "desc")
    .orderBy("t.tag")
    .limit(limit)
    .execute();
  return rows.map((r) => r.tag);
}

/**
 * The filter form's choices in one round trip: the bureaus (部局, top-level units in code order) and the skill tags
 * of the postings open now (most frequent first, as `openSkillTags`).
 */
export interface BrowseFilterOptions {
  bureaus: { id: number; name: string }[];
  skills: string[];
}

// The filter's choices are the same for every reader and change only when a posting opens or closes or a 部局 is
// renamed; a new skill may join the list a minute late without harm. Computing them for every page view (every
// open posting's skills unnested and counted) cost more database time than the search itself.
const FILTER_OPTIONS_TTL_MS = 60_000;
const filterOptionsCache = new WeakMap<object, { key: string; until: number; value: Promise<BrowseFilterOptions> }>();

/** browseFilterOptions, shared by the page views of one process for up to a minute. */
export function cachedBrowseFilterOptions(db: Executor, today: string, now = Date.now()): Promise<BrowseFilterOptions> {
  const hit = filterOptionsCache.get(db);
  if (hit && hit.key === today && hit.until > now) return hit.value;
  const value = browseFilterOptions(db, today);
  filterOptionsCache.set(db, { key: today, until: now + FILTER_OPTIONS_TTL_MS, value });
  value.catch(() => {
    if (filterOptionsCache.get(db)?.value === value) filterOptionsCache.delete(db);
  });
  return value;
}

export async function browseFilterOptions(db: Executor, today: string, skillLimit = 40): Promise<BrowseFilterOptions> {
  const { rows } = await sql<{ bureaus: { id: number; name: string }[] | null; skills: string[] | null }>`
    SELECT
      (SELECT json_agg(json_build_object('id', d.id, 'name', d.name) ORDER BY d.code) FROM departments d WHERE d.parent_id IS NULL) AS bureaus,
      (SELECT json_agg(t.tag ORDER BY t.n DESC, t.tag)
         FROM (SELECT s.tag, count(*) AS n
                 FROM postings p, unnest(p.skills) AS s(tag)
                WHERE p.status = 'published' AND p.apply_from <= ${today} AND p.apply_until >= ${today}
                GROUP BY s.tag
                ORDER BY n DESC, s.tag
                LIMIT ${skillLimit}) t) AS skills
  `.execute(db);
  return { bureaus: rows[0]?.bureaus ?? [], skills: rows[0]?.skills ?? [] };
}
