import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "../db/schema";
import { fiscalYearOf, todayInTokyo } from "../app/i18n/format";

// The benchmark's data: a prefecture at scale, written with set-based SQL (INSERT … SELECT … FROM generate_series)
// in one transaction — no row-by-row inserts, no demo seed. Every trigger and constraint stays on, so the rows are
// the rows the application itself would have written:
//   - applications: at most `capacity` accepted/participating per posting, so the applications_filled trigger
//     keeps postings.filled ≤ capacity on its own (its CHECK would refuse anything else);
//   - participations: one per accepted/participating/completed application (source 'application'), one per
//     contest project member (source 'contest'), the rest imported history (source 'import', import_key);
//   - contest: reviewers sit in a unit no proposer belongs to, so the conflict-of-interest trigger on
//     contest_assignments passes; scores stay inside each criterion's scale (trigger);
//   - consultations: every counsellor's sessions sit on a 60-minute grid (50 min + 10 min buffer) and the sessions
//     that share a time belong to different employees, so both exclusion constraints hold; future bookings are
//     a contiguous block of distinct employees, so the two-future-bookings trigger never refuses.
// No trigger had to be switched off (session_replication_role stays 'origin'): with the statement-level inserts the
// per-row triggers cost a few seconds in total at the default scale.
// Ids are assigned explicitly (offset + index) so later statements can compute references arithmetically; the
// sequences are moved past them at the end.

export interface BenchSizes {
  scale: number;
  units: number;
  bureaus: number;
  employees: number;
  fiscalYears: number;
  postings: number;
  applications: number;
  participations: number;
  consultations: number;
  proposals: number;
  reviews: number;
  counselors: number;
  reviewers: number;
  /** proposals of the contest round the ranking page shows */
  rankingRoundProposals: number;
  /** applications to the one full posting the applicants page shows */
  fullPostingApplications: number;
}

export function benchSizes(scale: number): BenchSizes {
  if (!Number.isFinite(scale) || scale <= 0) throw new RangeError(`scale must be a positive number, not ${scale}`);
  const n = (base: number, min: number) => Math.max(min, Math.round(base * scale));
  const units = n(600, 6);
  const proposals = n(1000, 20);
  return {
    scale,
    units,
    bureaus: Math.max(1, Math.round(units / 20)),
    employees: n(20_000, 200),
    fiscalYears: 10,
    postings: n(5_000, 50),
    applications: n(100_000, 1_000),
    participations: n(40_000, 400),
    consultations: n(30_000, 300),
    proposals,
    reviews: n(4_000, 60),
    counselors: n(8, 2),
    reviewers: n(20, 5),
    rankingRoundProposals: Math.min(proposals - 10, n(200, 5)),
    fullPostingApplications: n(300, 15),
  };
}

export type BenchRole = "employee" | "supervisor" | "posting_manager" | "hr_admin" | "contest_admin" | "reviewer" | "counselor";

export interface BenchFixture {
  sizes: BenchSizes;
  today: string;
  fiscalYear: number;
  /** one signed-in user per role (employee ids) */
  actors: Record<BenchRole, number>;
  /** an open posting with capacity 10, all 10 places taken, and many consented applications */
  fullPostingId: number;
  /** an ordinary open side-job posting */
  detailPostingId: number;
  /** the contest round in review with `rankingRoundProposals` submitted proposals */
  rankingRoundId: number;
  /** a keyword the browse page's filter finds among open side-job postings */
  browseKeyword: string;
  counts: Record<string, number>;
  seconds: { generate: number; analyze: number };
}

// Words the generated text is made of (names: a common surname and given name; postings: a theme and a task).
const SURNAMES = ["山本", "林", "吉田", "山田", "中川", "田中", "山崎", "清水", "酒井", "中村", "高田", "松井", "米田", "佐藤", "高橋", "石田", "竹内", "前田", "斉藤", "島田", "森", "松本", "上田", "宮本", "野村", "橋本", "浅野", "堀", "池田", "藤井"];
const SURNAMES_KANA = ["ヤマモト", "ハヤシ", "ヨシダ", "ヤマダ", "ナカガワ", "タナカ", "ヤマザキ", "シミズ", "サカイ", "ナカムラ", "タカダ", "マツイ", "ヨネダ", "サトウ", "タカハシ", "イシダ", "タケウチ", "マエダ", "サイトウ", "シマダ", "モリ", "マツモト", "ウエダ", "ミヤモト", "ノムラ", "ハシモト", "アサノ", "ホリ", "イケダ", "フジイ"];
const GIVEN = ["誠", "浩", "健一", "大輔", "直樹", "拓也", "翔太", "大輝", "蓮", "陸", "恵子", "裕子", "直美", "さくら", "美咲", "陽菜", "結衣", "真由美", "智子", "彩"];
const GIVEN_KANA = ["マコト", "ヒロシ", "ケンイチ", "ダイスケ", "ナオキ", "タクヤ", "ショウタ", "ダイキ", "レン", "リク", "ケイコ", "ユウコ", "ナオミ", "サクラ", "ミサキ", "ヒナ", "ユイ", "マユミ", "トモコ", "アヤ"];
const BUREAUS = ["知事政策局", "経営管理部", "地方創生局", "生活環境文化部", "厚生部", "こども家庭支援監", "商工労働部", "農林水産部", "土木部", "教育委員会事務局", "交通政策局", "会計管理局", "危機管理局", "観光戦略局", "デジタル推進局"];
const UNIT_THEMES = ["観光振興", "デジタル化推進", "移住・定住促進", "防災・危機管理", "子育て支援", "森林政策", "道路", "河川", "農業経営", "商業振興", "健康増進", "教育企画", "文化振興", "国際交流", "環境政策", "地域福祉", "交通政策", "広報", "財政", "税務", "港湾", "建築住宅", "水産漁港", "畜産", "医療政策", "介護保険", "スポーツ振興", "情報政策", "人材育成", "県民生活"];
const POSTING_THEMES = ["観光", "防災", "子育て", "移住", "DX", "農業", "森林", "交通", "健康", "教育", "文化", "国際", "環境", "福祉", "商工"];
const POSTING_TASKS = ["プロモーション企画", "データ分析", "広報動画制作", "イベント運営", "業務改善", "アプリ開発", "現地調査", "県民ワークショップ"];
const SKILLS = ["Excel", "データ分析", "デザイン", "企画", "語学", "プログラミング", "写真", "ファシリテーション", "広報", "統計"];
const GRADES = ["主事", "主事", "技師", "主任", "主任", "係長", "係長", "課長補佐", "副主幹", "主幹"];
const BROWSE_KEYWORD = "データ";

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
/** The first of these primes that shares no factor with n: a stride that visits every residue mod n once. */
function strideFor(n: number, ...candidates: number[]): number {
  const found = [...candidates, 7919, 104_729, 130_363, 15_485_863].find((p) => gcd(p, n) === 1 && p % n !== 0);
  if (!found) throw new Error(`no stride coprime with ${n}`);
  return found;
}

const tokyo = (date: RawBuilder<unknown> | string, time: string) => sql`((${date})::date + ${time}::time) AT TIME ZONE 'Asia/Tokyo'`;

export interface GenerateOptions {
  scale: number;
  /** 'YYYY-MM-DD' in Asia/Tokyo; default: today */
  today?: string;
  log?: (line: string) => void;
  /** VACUUM ANALYZE after the load (default true) */
  analyze?: boolean;
}

/**
 * Fills an empty, migrated database. Refuses a database that already holds employees (the bench always works on a
 * database of its own).
 */
export async function generateBenchData(db: Kysely<Database>, options: GenerateOptions): Promise<BenchFixture> {
  const log = options.log ?? (() => undefined);
  const sizes = benchSizes(options.scale);
  const today = options.today ?? todayInTokyo();
  const fiscalYear = fiscalYearOf(today);
  const fyFirst = fiscalYear - sizes.fiscalYears + 1;
  const historyStart = `${fyFirst}-04-01`;

  const { units: U, bureaus: B, employees: E, postings: P, counselors: C, reviewers: NR } = sizes;
  // Employees 0 … S-1 hold the organisation-wide roles (and sit in unit 0, 人事課, where no one else works, so no
  // reviewer ever shares a unit with a proposer); the pool S … E-1 are everyone else.
  const SPECIAL = { employee: 0, hr: 1, contestAdmin: 2, postingManager: 3, firstReviewer: 4, firstCounselor: 4 + NR };
  const S = 4 + NR + C;
  const N = E - S; // pool size
  const W = U - 1; // units open to the pool: 1 … U-1
  if (N < 2 * W + 50) throw new RangeError(`scale too small: ${E} employees for ${U} units`);
  if (sizes.fullPostingApplications + 10 > N) throw new RangeError("scale too small for the full posting");
  const started = Date.now();

  const counts: Record<string, number> = {};
  const fixture = await db.transaction().execute(async (trx) => {
    const run = (query: RawBuilder<unknown>) => query.execute(trx);
    const one = async (query: RawBuilder<{ n: number }>) => Number((await query.execute(trx)).rows[0]?.n ?? 0);

    if ((await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM employees`)) > 0) {
      throw new Error("generateBenchData needs an empty database (employees already exist)");
    }
    const base = async (table: string) => one(sql<{ n: number }>`SELECT COALESCE(max(id), 0)::int AS n FROM ${sql.table(table)}`);
    const deptBase = await base("departments");
    const empBase = await base("employees");
    const postBase = await base("postings");
    const appBase = await base("applications");
    const roundBase = await base("contest_rounds");
    const propBase = await base("contest_proposals");
    const reviewBase = await base("contest_reviews");
    const projectBase = await base("contest_projects");
    const bookingBase = await base("consultation_bookings");

    const bureauId = (b: RawBuilder<unknown> | number) => sql`(${deptBase}::int + 1 + (${b})::int)`;
    const unitId = (k: RawBuilder<unknown> | number) => sql`(${deptBase}::int + 1 + ${B}::int + (${k})::int)`;
    const specialId = (i: number) => empBase + 1 + i;
    const poolId = (j: RawBuilder<unknown>) => sql`(${empBase}::int + 1 + ${S}::int + (${j})::int)`;
    /** Pool employee j works in unit 1 + j % W; pool employee k-1 heads unit k; pool employee W + k-1 posts for it. */
    const supervisorOf = (k: RawBuilder<unknown>) => poolId(sql`(${k}) - 1`);
    const managerOf = (k: RawBuilder<unknown>) => poolId(sql`${W}::int + (${k}) - 1`);
    const hr = specialId(SPECIAL.hr);
    const contestAdmin = specialId(SPECIAL.contestAdmin);
    const step = (label: string, t0: number) => log(`  ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

    // ---------------------------------------------------------------- organisation and people
    let t0 = Date.now();
    await run(sql`
      INSERT INTO departments (id, code, name, parent_id)
      SELECT ${bureauId(sql`b`)}, 'BB' || lpad(b::text, 3, '0'),
             (${BUREAUS}::text[])[1 + b % ${BUREAUS.length}::int] || CASE WHEN b >= ${BUREAUS.length}::int THEN '（' || (b / ${BUREAUS.length}::int + 1) || '）' ELSE '' END,
             NULL
      FROM generate_series(0, ${B - 1}::int) b`);
    await run(sql`
      INSERT INTO departments (id, code, name, parent_id)
      SELECT ${unitId(sql`k`)}, 'BU' || lpad(k::text, 5, '0'),
             CASE WHEN k = 0 THEN '人事課'
                  ELSE (${UNIT_THEMES}::text[])[1 + k % ${UNIT_THEMES.length}::int] || CASE WHEN k < ${UNIT_THEMES.length}::int THEN '課' ELSE '第' || (k / ${UNIT_THEMES.length}::int + 1) || '課' END
             END,
             ${bureauId(sql`k % ${B}::int`)}
      FROM generate_series(0, ${U - 1}::int) k`);

    // Grades, birth years and hiring dates vary with the index; 4 % have left (never a role holder).
    await run(sql`
      INSERT INTO employees (id, employee_no, name, name_kana, email, department_id, grade, birth_year, hired_on, left_on, employment_type)
      SELECT ${empBase}::int + 1 + i, 'BN' || lpad(i::text, 6, '0'),
             (${SURNAMES}::text[])[1 + i % 30] || ' ' || (${GIVEN}::text[])[1 + (i / 30) % 20],
             (${SURNAMES_KANA}::text[])[1 + i % 30] || ' ' || (${GIVEN_KANA}::text[])[1 + (i / 30) % 20],
             'bn' || i || '@bench.pref.example',
             ${unitId(sql`CASE WHEN i IN (${SPECIAL.employee}::int, ${SPECIAL.postingManager}::int) THEN 1 WHEN i < ${S}::int THEN 0 ELSE 1 + (i - ${S}::int) % ${W}::int END`)},
             CASE WHEN i < ${S}::int THEN '係長' WHEN i - ${S}::int < ${W}::int THEN '課長' ELSE (${GRADES}::text[])[1 + ((i - ${S}::int) * 7) % 10] END,
             1962 + (i * 13) % 42,
             hired_on,
             CASE WHEN i - ${S}::int >= ${2 * W}::int AND i % 25 = 24
                  THEN GREATEST(hired_on, LEAST(${today}::date - 1, date '2017-03-31' + (i * 29) % 3400)) END,
             CASE WHEN i % 17 = 16 AND i - ${S}::int >= ${2 * W}::int THEN 'fixed_term' ELSE 'regular' END
      FROM (
        SELECT i, LEAST(${today}::date - 30,
                        CASE WHEN i % 10 = 9 THEN date '2016-04-01' + (i * 53) % 3700 ELSE date '1985-04-01' + (i * 37) % 11300 END) AS hired_on
        FROM generate_series(0, ${E - 1}::int) i
      ) x`);

    await run(sql`
      INSERT INTO role_grants (employee_id, role, department_id, granted_by)
      SELECT ${supervisorOf(sql`k`)}, 'supervisor', ${unitId(sql`k`)}, ${hr}::int FROM generate_series(1, ${W}::int) k
      UNION ALL
      SELECT ${managerOf(sql`k`)}, 'posting_manager', ${unitId(sql`k`)}, ${hr}::int FROM generate_series(1, ${W}::int) k
      UNION ALL SELECT ${specialId(SPECIAL.postingManager)}::int, 'posting_manager', ${unitId(1)}, ${hr}::int
      UNION ALL SELECT ${hr}::int, 'hr_admin', NULL, NULL
      UNION ALL SELECT ${contestAdmin}::int, 'contest_admin', NULL, ${hr}::int
      UNION ALL SELECT ${empBase}::int + 1 + ${SPECIAL.firstReviewer}::int + r, 'reviewer', NULL, ${contestAdmin}::int FROM generate_series(0, ${NR - 1}::int) r
      UNION ALL SELECT ${empBase}::int + 1 + ${SPECIAL.firstCounselor}::int + c, 'counselor', NULL, ${hr}::int FROM generate_series(0, ${C - 1}::int) c`);
    step(`所属 ${B + U}、職員 ${E}、役割`, t0);

    // ---------------------------------------------------------------- postings
    // Every 20th posting is open today (posting 0 is the full one, posting 20 the detail page's); the next one in
    // each 20 is scheduled (published, draft, awaiting approval or returned); the rest are history spread over the
    // fiscal years: completed, or still running (closed), a few cancelled.
    t0 = Date.now();
    const spanDays = Math.max(30, daysBetween(historyStart, today) - 60);
    await run(sql`
      INSERT INTO postings (id, scheme, title, host_department_id, summary, work_content, skills, hours_per_month, period_start, period_end,
                            capacity, work_style, place, selection_method, contact, apply_from, apply_until, status, review_comment, cancel_reason,
                            created_by, submitted_at, approved_by, approved_at, closed_at, completed_at, cancelled_at, created_at, updated_at)
      SELECT ${postBase}::int + 1 + p, scheme, title, ${unitId(sql`k`)},
             title || 'に一緒に取り組む職員を募集します。所属を越えた経験を積む機会です。',
             repeat('担当課の職員と協力して' || title || 'を進めます。現状の調査、関係者との打合せ、資料の作成、成果の報告までを担当します。', 3),
             ARRAY[(${SKILLS}::text[])[1 + p % 10], (${SKILLS}::text[])[1 + (p / 10 + 3) % 10]],
             5 + p % 36, period_start, period_end,
             CASE WHEN p = 0 THEN 10 ELSE 1 + p % 5 END,
             (ARRAY['onsite', 'remote', 'hybrid'])[1 + p % 3], '県庁本館', (ARRAY['documents', 'interview'])[1 + p % 2],
             '内線 ' || (1000 + p % 9000), apply_from, apply_until, status,
             CASE WHEN status = 'returned' THEN '期間と人数を見直してください。' END,
             CASE WHEN status = 'cancelled' THEN '担当業務の見直しにより中止します。' END,
             ${managerOf(sql`k`)},
             CASE WHEN status <> 'draft' THEN LEAST(now(), ${tokyo(sql`apply_from - 14`, "10:00")}) END,
             CASE WHEN approved THEN ${hr}::int END,
             CASE WHEN approved THEN LEAST(now(), ${tokyo(sql`apply_from - 7`, "10:00")}) END,
             CASE WHEN status IN ('closed', 'completed') THEN ${tokyo(sql`apply_until + 1`, "00:05")} END,
             CASE WHEN status = 'completed' THEN ${tokyo(sql`period_end + 1`, "09:00")} END,
             CASE WHEN status = 'cancelled' THEN ${tokyo(sql`LEAST(${today}::date, apply_until + 3)`, "09:00")} END,
             LEAST(now(), ${tokyo(sql`apply_from - 21`, "10:00")}), now()
      FROM (
        SELECT p, k, scheme, title, apply_from, apply_until, period_start, period_end,
               status, status IN ('published', 'closed', 'completed', 'cancelled') AS approved
        FROM (
          SELECT p, k, scheme, title, apply_from, apply_until, period_start, period_end,
                 CASE
                   WHEN cls = 'open' THEN CASE WHEN p % 200 = 100 THEN 'cancelled' ELSE 'published' END
                   WHEN cls = 'scheduled' THEN (ARRAY['published', 'published', 'pending_approval', 'draft', 'published', 'published', 'pending_approval', 'returned'])[1 + (p / 20) % 8]
                   WHEN p % 50 = 7 THEN 'cancelled'
                   WHEN period_end < ${today}::date THEN 'completed'
                   ELSE 'closed'
                 END AS status
          FROM (
            SELECT p, k, scheme, title, cls, apply_from, apply_until, apply_until + 14 AS period_start, apply_until + 14 + len AS period_end
            FROM (
              SELECT p, cls,
                     CASE WHEN p = 0 THEN 1 ELSE 1 + (p * 31) % ${W}::int END AS k,
                     CASE WHEN p % 2 = 0 THEN 'side_job' ELSE 'job_challenge' END AS scheme,
                     (${POSTING_THEMES}::text[])[1 + p % ${POSTING_THEMES.length}::int] || (${POSTING_TASKS}::text[])[1 + (p / ${POSTING_THEMES.length}::int) % ${POSTING_TASKS.length}::int] AS title,
                     90 + (p * 11) % 270 AS len,
                     CASE cls
                       WHEN 'open' THEN ${today}::date - 1 - (p / 20 + 19) % 20
                       WHEN 'scheduled' THEN ${today}::date + 1 + p % 30
                       ELSE ${historyStart}::date + ((p::bigint * 7919) % ${spanDays}::int)::int - 40
                     END AS apply_from,
                     CASE cls
                       WHEN 'open' THEN ${today}::date + 3 + (p * 7) % 25
                       WHEN 'scheduled' THEN ${today}::date + 21 + p % 30
                       ELSE ${historyStart}::date + ((p::bigint * 7919) % ${spanDays}::int)::int - 14
                     END AS apply_until
              FROM (SELECT p, CASE p % 20 WHEN 0 THEN 'open' WHEN 1 THEN 'scheduled' ELSE 'history' END AS cls FROM generate_series(0, ${P - 1}::int) p) g
            ) a
          ) b
        ) c
      ) d`);
    const fullPostingId = postBase + 1;
    const detailPostingId = postBase + 1 + 20;
    step(`募集 ${P}`, t0);

    // ---------------------------------------------------------------- applications
    // Applications go to postings that have taken applications (open, running, finished, cancelled after approval).
    // On posting e the r-th applicant is pool employee (e·7919 + r·stride) mod N: distinct per posting. The first
    // 1 + p mod capacity of them are accepted (→ participating → completed as the posting runs its course), so
    // filled ≤ capacity by construction; the others were not selected, declined by their 所属長, withdrew, or are
    // still in consent/screening/interview on open postings.
    t0 = Date.now();
    await run(sql`
      CREATE TEMP TABLE bench_eligible ON COMMIT DROP AS
      SELECT (row_number() OVER (ORDER BY id) - 1)::int AS e, id, id - ${postBase}::int - 1 AS p, status, capacity, apply_from, apply_until,
             created_by, period_start, period_end, scheme, title, host_department_id
      FROM postings
      WHERE id > ${postBase}::int AND id <> ${fullPostingId}::int AND approved_at IS NOT NULL AND apply_from <= ${today}::date`);
    const eligible = await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM bench_eligible`);
    const generalApplications = sizes.applications - sizes.fullPostingApplications;
    if (Math.ceil(generalApplications / eligible) >= N) throw new RangeError("scale too small: more applications per posting than employees");
    const strideA = strideFor(N, 104_729);
    const strideB = strideFor(N, 7_919);
    await run(sql`
      INSERT INTO applications (id, posting_id, employee_id, supervisor_id, motivation, experience, hours_available, status,
                                consent_decided_at, consent_comment, decided_by, decided_at, decision_reason, withdrawn_at, withdraw_reason,
                                cancelled_at, completion_report, completion_hours, completed_at, submitted_at, updated_at)
      SELECT ${appBase}::int + 1 + a, id, ${poolId(sql`j`)},
             CASE WHEN j % ${W}::int = j THEN NULL ELSE ${poolId(sql`j % ${W}::int`)} END,
             'これまでの業務で培った経験を活かし、' || title || 'に貢献したいと考えて応募しました。',
             '', CASE WHEN a % 3 = 0 THEN NULL ELSE 4 + a % 20 END,
             status,
             CASE WHEN status NOT IN ('awaiting_consent', 'cancelled') THEN consented END,
             CASE WHEN status = 'consent_declined' THEN '繁忙期のため、今回は同意できません。' END,
             CASE WHEN status IN ('accepted', 'participating', 'completed', 'not_selected') THEN created_by END,
             CASE WHEN status IN ('accepted', 'participating', 'completed', 'not_selected') THEN decided END,
             CASE WHEN status = 'not_selected' THEN '応募多数のため、今回は見送りとなりました。' END,
             CASE WHEN status = 'withdrawn' THEN decided END,
             CASE WHEN status = 'withdrawn' THEN '所属の業務が増えたため。' END,
             CASE WHEN status = 'cancelled' THEN ${tokyo(sql`LEAST(${today}::date, apply_until + 3)`, "09:00")} END,
             CASE WHEN status = 'completed' THEN '担当した業務の成果と学んだことを報告します。' END,
             CASE WHEN status = 'completed' THEN 20 + a % 60 END,
             CASE WHEN status = 'completed' THEN ${tokyo(sql`period_end + 1`, "10:00")} END,
             submitted, now()
      FROM (
        SELECT a, r, j, id, title, created_by, apply_until, period_end, app_status AS status, submitted,
               LEAST(submitted + interval '2 days', now()) AS consented,
               LEAST(submitted + interval '5 days', now()) AS decided
        FROM (
          SELECT a, r, ((e::bigint * 7919 + r::bigint * ${strideA}::bigint) % ${N}::int)::int AS j,
                 el.id, el.title, el.created_by, el.apply_until, el.period_end,
                 CASE
                   WHEN el.status = 'cancelled' THEN 'cancelled'
                   WHEN r < 1 + el.p % el.capacity THEN CASE el.status WHEN 'completed' THEN 'completed' WHEN 'closed' THEN 'participating' ELSE 'accepted' END
                   WHEN el.status = 'published' THEN (ARRAY['awaiting_consent', 'screening', 'interview', 'awaiting_consent'])[1 + r % 4]
                   ELSE (ARRAY['not_selected', 'consent_declined', 'withdrawn', 'not_selected'])[1 + r % 4]
                 END AS app_status,
                 ${tokyo(sql`el.apply_from + r % GREATEST(1, LEAST(el.apply_until, ${today}::date) - el.apply_from + 1)`, "12:00")} AS submitted
          FROM (SELECT a, a % ${eligible}::int AS e, a / ${eligible}::int AS r FROM generate_series(0, ${generalApplications - 1}::int) a) g
          JOIN bench_eligible el USING (e)
        ) x
      ) y`);
    // The full posting: 10 places, all taken, and the rest of its applicants consented and in selection.
    await run(sql`
      INSERT INTO applications (id, posting_id, employee_id, supervisor_id, motivation, status, consent_decided_at, consent_comment,
                                decided_by, decided_at, decision_reason, interview_at, interview_place, submitted_at, updated_at)
      SELECT ${appBase + generalApplications}::int + 1 + r, ${fullPostingId}::int, ${poolId(sql`j`)},
             CASE WHEN j % ${W}::int = j THEN NULL ELSE ${poolId(sql`j % ${W}::int`)} END,
             'これまでの業務で培った経験を活かし、この募集の業務に貢献したいと考えて応募しました。', status,
             CASE WHEN status <> 'awaiting_consent' THEN submitted + interval '1 day' END,
             CASE WHEN status = 'consent_declined' THEN '繁忙期のため、今回は同意できません。' END,
             CASE WHEN status IN ('accepted', 'not_selected') THEN ${specialId(SPECIAL.postingManager)}::int END,
             CASE WHEN status IN ('accepted', 'not_selected') THEN submitted + interval '2 days' END,
             CASE WHEN status = 'not_selected' THEN '応募多数のため、今回は見送りとなりました。' END,
             CASE WHEN status = 'interview' THEN now() + interval '7 days' END,
             CASE WHEN status = 'interview' THEN '県庁本館 会議室' END,
             submitted, now()
      FROM (
        SELECT r, ((r::bigint * ${strideB}::bigint + 11) % ${N}::int)::int AS j,
               CASE WHEN r < 10 THEN 'accepted' ELSE (ARRAY['screening', 'interview', 'not_selected', 'screening', 'awaiting_consent', 'consent_declined'])[1 + r % 6] END AS status,
               (SELECT ${tokyo(sql`apply_from`, "09:00")} FROM postings WHERE id = ${fullPostingId}::int) + (r % 5) * interval '1 hour' AS submitted
        FROM generate_series(0, ${sizes.fullPostingApplications - 1}::int) r
      ) x`);
    step(`応募 ${sizes.applications}`, t0);

    // ---------------------------------------------------------------- contest
    t0 = Date.now();
    const historicRounds = sizes.fiscalYears;
    const rankingRoundId = roundBase + historicRounds + 1;
    // One round per fiscal year (call Mar–May, review Jun–Jul, results 7/31, projects from 8/1), published once its
    // results date has passed; plus this year's round under review today, the one the ranking page shows.
    await run(sql`
      INSERT INTO contest_rounds (id, fiscal_year, title, call_opens_on, call_closes_on, review_opens_on, review_closes_on, results_on, project_start_on,
                                  quota_adopted, quota_step_up, reviewers_per_proposal, results_published_at, created_by, created_at, updated_at)
      SELECT ${roundBase}::int + 1 + f, fy, '令和' || (fy - 2018) || '年度 チャレンジコンテスト',
             make_date(fy, 3, 1), make_date(fy, 5, 31), make_date(fy, 6, 1), make_date(fy, 7, 25), make_date(fy, 7, 31), make_date(fy, 8, 1),
             3, 5, 4,
             CASE WHEN make_date(fy, 7, 31) <= ${today}::date THEN ${tokyo(sql`make_date(fy, 7, 31)`, "15:00")} END,
             ${contestAdmin}::int, ${tokyo(sql`make_date(fy, 2, 14)`, "10:00")}, now()
      FROM (SELECT f, ${fyFirst}::int + f AS fy FROM generate_series(0, ${historicRounds - 1}::int) f) r
      UNION ALL
      SELECT ${rankingRoundId}::int, ${fiscalYear}::int, '令和' || (${fiscalYear}::int - 2018) || '年度 チャレンジコンテスト（第2回）',
             ${today}::date - 80, ${today}::date - 12, ${today}::date - 10, ${today}::date + 20, ${today}::date + 27, ${today}::date + 45,
             3, 5, 4, NULL, ${contestAdmin}::int, ${tokyo(sql`${today}::date - 90`, "10:00")}, now()`);
    await run(sql`
      INSERT INTO contest_criteria (round_id, position, name_ja, name_en, description, weight, scale_min, scale_max)
      SELECT r.id, c.position, c.name_ja, c.name_en, '', c.weight, 1, 5
      FROM contest_rounds r
      CROSS JOIN (VALUES (1, '新規性', 'Novelty', 1.0), (2, '県民への効果', 'Impact on residents', 1.5), (3, '実現可能性', 'Feasibility', 1.0),
                         (4, '発展性', 'Scalability', 1.0), (5, '熱意', 'Commitment', 0.5)) AS c(position, name_ja, name_en, weight)
      WHERE r.id > ${roundBase}::int`);

    // Proposal q: the first `rankingRoundProposals` belong to the round under review, the rest to the yearly
    // rounds in turn (rank within its round = (q - Nr) / 10). Outcomes by rank once a round is published.
    const Nr = sizes.rankingRoundProposals;
    const Np = sizes.proposals;
    await run(sql`
      INSERT INTO contest_proposals (id, round_id, lead_employee_id, title, background, proposal, expected_effect, plan, budget_yen, requested_share_percent,
                                     desired_host_department_id, status, submitted_at, outcome, feedback, decided_by, decided_at, created_at, updated_at)
      SELECT ${propBase}::int + 1 + q, round_id, ${poolId(sql`((q::bigint * 4099 + 17) % ${N}::int)::int`)},
             (${POSTING_THEMES}::text[])[1 + q % ${POSTING_THEMES.length}::int] || 'で県民サービスを変える提案 ' || (q + 1),
             '現状の課題を整理しました。', '新しい取組を提案します。', '県民の利便性が高まります。', '初年度に試行し、翌年度に展開します。',
             (q % 20) * 250000, 5 + q % 4 * 5, ${unitId(sql`1 + (q * 53) % ${W}::int`)},
             'submitted', ${tokyo(sql`call_closes_on - q % 20`, "12:00")},
             outcome,
             CASE WHEN outcome IS NOT NULL THEN '審査員の評価を踏まえて決定しました。' END,
             CASE WHEN outcome IS NOT NULL THEN ${contestAdmin}::int END,
             CASE WHEN outcome IS NOT NULL THEN ${tokyo(sql`results_on - 3`, "10:00")} END,
             ${tokyo(sql`call_opens_on + q % 30`, "12:00")}, now()
      FROM (
        SELECT q, r.id AS round_id, r.call_opens_on, r.call_closes_on, r.results_on,
               CASE WHEN r.results_published_at IS NULL THEN NULL
                    WHEN (q - ${Nr}::int) / ${historicRounds}::int < 3 THEN 'adopted'
                    WHEN (q - ${Nr}::int) / ${historicRounds}::int < 8 THEN 'step_up'
                    ELSE 'not_adopted' END AS outcome
        FROM generate_series(0, ${Np - 1}::int) q
        JOIN contest_rounds r ON r.id = CASE WHEN q < ${Nr}::int THEN ${rankingRoundId}::int ELSE ${roundBase}::int + 1 + (q - ${Nr}::int) % ${historicRounds}::int END
      ) x`);
    // The lead, and for every third proposal a colleague invited into the group (who sometimes declined).
    await run(sql`
      INSERT INTO contest_members (proposal_id, employee_id, role, invitation, invited_at, responded_at)
      SELECT id, lead_employee_id, 'lead', 'accepted', created_at, created_at FROM contest_proposals WHERE id > ${propBase}::int
      UNION ALL
      SELECT id, ${poolId(sql`((lead_employee_id - ${empBase}::int - 1 - ${S}::int) + 1 + id % ${N - 1}::int) % ${N}::int`)},
             'member', CASE WHEN id % 9 = 0 THEN 'declined' ELSE 'accepted' END, created_at, created_at + interval '1 day'
      FROM contest_proposals WHERE id > ${propBase}::int AND id % 3 = 0`);

    // Reviews: proposal q gets ⌊R/Np⌋ (+1 for the first R mod Np) reviewers, reviewer (q + s) mod NR — distinct
    // per proposal. Reviewers sit in unit 0, where no proposer works: no conflict of interest (the trigger checks).
    const R = sizes.reviews;
    const perProposal = Math.floor(R / Np);
    if (perProposal + 1 > NR) throw new RangeError("more reviews per proposal than reviewers");
    await run(sql`
      CREATE TEMP TABLE bench_review ON COMMIT DROP AS
      SELECT (row_number() OVER (ORDER BY q, s) - 1)::int AS n, q, s, ${propBase}::int + 1 + q AS proposal_id,
             ${empBase}::int + 1 + ${SPECIAL.firstReviewer}::int + (q + s) % ${NR}::int AS reviewer_id,
             s = k - 1 AND q < ${Nr}::int AND q % 10 = 0 AS draft
      FROM (SELECT q, ${perProposal}::int + CASE WHEN q < ${R % Np}::int THEN 1 ELSE 0 END AS k FROM generate_series(0, ${Np - 1}::int) q) x
      CROSS JOIN LATERAL generate_series(0, k - 1) s`);
    await run(sql`
      INSERT INTO contest_assignments (proposal_id, reviewer_id, assigned_by, assigned_at)
      SELECT b.proposal_id, b.reviewer_id, ${contestAdmin}::int, ${tokyo(sql`r.review_opens_on`, "09:00")}
      FROM bench_review b JOIN contest_proposals p ON p.id = b.proposal_id JOIN contest_rounds r ON r.id = p.round_id`);
    await run(sql`
      INSERT INTO contest_reviews (id, proposal_id, reviewer_id, overall_comment, status, submitted_at, created_at, updated_at)
      SELECT ${reviewBase}::int + 1 + b.n, b.proposal_id, b.reviewer_id, '提案の狙いは明確です。',
             CASE WHEN b.draft THEN 'draft' ELSE 'submitted' END,
             CASE WHEN b.draft THEN NULL ELSE LEAST(now(), ${tokyo(sql`r.review_opens_on + (b.q + b.s) % 10`, "17:00")}) END,
             ${tokyo(sql`r.review_opens_on`, "12:00")}, now()
      FROM bench_review b JOIN contest_proposals p ON p.id = b.proposal_id JOIN contest_rounds r ON r.id = p.round_id`);
    // Scores lean on the proposal (q mod 5) with a reviewer's own tilt, clamped into the 1–5 scale.
    await run(sql`
      INSERT INTO contest_scores (review_id, criterion_id, score, comment)
      SELECT v.id, c.id, LEAST(5, GREATEST(1, 1 + (b.q % 5) + ((b.reviewer_id + c.position + b.q / 5) % 3) - 1)), ''
      FROM contest_reviews v
      JOIN bench_review b ON b.proposal_id = v.proposal_id AND b.reviewer_id = v.reviewer_id
      JOIN contest_proposals p ON p.id = v.proposal_id
      JOIN contest_criteria c ON c.round_id = p.round_id
      WHERE v.id > ${reviewBase}::int`);

    // Adopted and step-up proposals of published rounds became projects; their lead and accepted members work on
    // them (and so have contest_project participation records).
    await run(sql`
      INSERT INTO contest_projects (id, proposal_id, title, host_department_id, start_on, end_on, created_by, created_at)
      SELECT ${projectBase}::int + row_number() OVER (ORDER BY p.id), p.id, p.title,
             CASE WHEN p.id % 4 = 0 THEN e.department_id ELSE p.desired_host_department_id END,
             r.project_start_on, make_date(r.fiscal_year + 1, 3, 31), ${contestAdmin}::int, ${tokyo(sql`r.results_on`, "15:00")}
      FROM contest_proposals p JOIN contest_rounds r ON r.id = p.round_id JOIN employees e ON e.id = p.lead_employee_id
      WHERE p.id > ${propBase}::int AND p.outcome IN ('adopted', 'step_up') AND r.results_published_at IS NOT NULL`);
    await run(sql`
      INSERT INTO contest_project_members (project_id, employee_id, added_by, added_at)
      SELECT pr.id, m.employee_id, ${contestAdmin}::int, pr.created_at
      FROM contest_projects pr JOIN contest_members m ON m.proposal_id = pr.proposal_id
      WHERE pr.id > ${projectBase}::int AND (m.role = 'lead' OR m.invitation = 'accepted')`);
    step(`コンテスト 応募 ${Np}、審査 ${R}`, t0);

    // ---------------------------------------------------------------- participation records
    t0 = Date.now();
    await run(sql`
      INSERT INTO participations (employee_id, scheme, title, host_department_id, start_on, end_on, source, application_id, created_at, updated_at)
      SELECT a.employee_id, p.scheme, p.title, p.host_department_id,
             GREATEST(p.period_start, (a.decided_at AT TIME ZONE 'Asia/Tokyo')::date), p.period_end, 'application', a.id, a.decided_at, now()
      FROM applications a JOIN postings p ON p.id = a.posting_id
      WHERE a.id > ${appBase}::int AND a.status IN ('accepted', 'participating', 'completed')`);
    await run(sql`
      INSERT INTO participations (employee_id, scheme, title, host_department_id, start_on, end_on, source, contest_project_id, created_at, updated_at)
      SELECT m.employee_id, 'contest_project', pr.title, pr.host_department_id, pr.start_on, pr.end_on, 'contest', pr.id, pr.created_at, now()
      FROM contest_project_members m JOIN contest_projects pr ON pr.id = m.project_id
      WHERE pr.id > ${projectBase}::int`);
    const derived = await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM participations`);
    const imported = Math.max(0, sizes.participations - derived);
    // The rest: history imported from the prefecture's records (CSV import), spread over the fiscal years.
    await run(sql`
      INSERT INTO participations (employee_id, scheme, title, host_department_id, start_on, end_on, source, import_key, created_at, updated_at)
      SELECT ${poolId(sql`((n::bigint * 7919 + 13) % ${N}::int)::int`)}, scheme, '過去の参加記録 ' || n, ${unitId(sql`1 + (n * 37) % ${W}::int`)},
             start_on, CASE WHEN n % 10 = 0 AND start_on > ${today}::date - 365 THEN NULL ELSE start_on + 30 + n % 335 END,
             'import', 'bench-' || n, now(), now()
      FROM (
        SELECT n, (ARRAY['side_job', 'job_challenge', 'side_job', 'job_challenge', 'contest_project'])[1 + n % 5] AS scheme,
               ${historyStart}::date + ((n::bigint * 104729) % ${daysBetween(historyStart, today) + 1}::int)::int AS start_on
        FROM generate_series(0, ${imported - 1}::int) n
      ) x`);
    step(`参加記録 ${derived + imported}`, t0);

    // ---------------------------------------------------------------- career consultations
    t0 = Date.now();
    await run(sql`
      INSERT INTO counselor_profiles (employee_id, display_name, qualifications, introduction, session_minutes, buffer_minutes, min_notice_business_days,
                                      horizon_days, max_per_day, offers_in_person, room, offers_online, meeting_url, accepting)
      SELECT e.id, e.name, '国家資格キャリアコンサルタント', 'キャリアの棚卸しから異動の悩みまで、お気軽にご相談ください。', 50, 10, 1, 60, 4,
             true, '県庁本館2階 キャリア相談室', true, 'https://meet.pref.toyama.example/career', true
      FROM employees e WHERE e.id BETWEEN ${specialId(SPECIAL.firstCounselor)}::int AND ${specialId(SPECIAL.firstCounselor + C - 1)}::int`);
    await run(sql`
      INSERT INTO counselor_weekly_hours (counselor_id, weekday, starts, ends)
      SELECT cp.employee_id, d, h.starts::time, h.ends::time
      FROM counselor_profiles cp CROSS JOIN generate_series(1, 5) d CROSS JOIN (VALUES ('09:00', '12:00'), ('13:00', '17:00')) h(starts, ends)
      WHERE cp.employee_id BETWEEN ${specialId(SPECIAL.firstCounselor)}::int AND ${specialId(SPECIAL.firstCounselor + C - 1)}::int`);
    // Weekdays from the first fiscal year to 30 days ahead; counsellor c's t-th session takes grid slot
    // ⌊t·4D / perCounselor⌋ (4 a day: 9:00, 10:00, 13:00, 14:00) — increasing in t, so one counsellor's sessions
    // never meet, and sessions sharing a time have consecutive i, hence different employees.
    const horizon = 30;
    await run(sql`
      CREATE TEMP TABLE bench_days ON COMMIT DROP AS
      SELECT (row_number() OVER (ORDER BY d) - 1)::int AS n, d::date AS on_date
      FROM generate_series(${historyStart}::date, ${today}::date + ${horizon}::int, interval '1 day') d
      WHERE extract(isodow FROM d) < 6`);
    const days = await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM bench_days`);
    const perCounselor = Math.ceil(sizes.consultations / C);
    if (perCounselor > 4 * days) throw new RangeError("more consultations than the counsellors' calendar holds");
    const strideC = strideFor(N, 15_485_863);
    await run(sql`
      INSERT INTO consultation_bookings (id, counselor_id, employee_id, starts_at, ends_at, blocked_until, mode, topic, employee_note, status,
                                         cancelled_at, cancelled_by, cancel_reason, ics_uid, created_at, updated_at)
      SELECT ${bookingBase}::int + 1 + i, counselor_id, employee_id, starts_at, starts_at + interval '50 minutes', starts_at + interval '60 minutes',
             (ARRAY['in_person', 'online'])[1 + i % 2], (ARRAY['career_plan', 'transfer', 'skills', 'work_life', 'relationships', 'other'])[1 + i % 6], '',
             status,
             CASE WHEN status = 'cancelled' THEN starts_at - interval '2 days' END,
             CASE WHEN status = 'cancelled' THEN employee_id END,
             CASE WHEN status = 'cancelled' THEN '業務の都合のため' END,
             'bench-' || i || '@portal.example', LEAST(now(), starts_at - interval '7 days'), now()
      FROM (
        SELECT i, counselor_id, employee_id, starts_at,
               CASE WHEN starts_at > now() THEN 'booked' WHEN i % 20 = 0 THEN 'cancelled' WHEN i % 20 = 1 THEN 'no_show' ELSE 'completed' END AS status
        FROM (
          SELECT i, ${empBase}::int + 1 + ${SPECIAL.firstCounselor}::int + i % ${C}::int AS counselor_id,
                 ${poolId(sql`((i::bigint * ${strideC}::bigint + 7) % ${N}::int)::int`)} AS employee_id,
                 (d.on_date + make_time((ARRAY[9, 10, 13, 14])[1 + slot % 4], 0, 0)) AT TIME ZONE 'Asia/Tokyo' AS starts_at
          FROM (
            SELECT i, (((i / ${C}::int)::bigint * ${4 * days}::bigint) / ${perCounselor}::int)::int AS slot
            FROM generate_series(0, ${sizes.consultations - 1}::int) i
          ) g
          JOIN bench_days d ON d.n = g.slot / 4
        ) x
      ) y`);
    step(`キャリア相談 ${sizes.consultations}`, t0);

    await run(sql`
      INSERT INTO participation_targets (fiscal_year, target, updated_by) VALUES (${fiscalYear}::int, 50, ${hr}::int)
      ON CONFLICT (fiscal_year) DO NOTHING`);

    // Sequences continue after the explicit ids.
    for (const table of ["departments", "employees", "postings", "applications", "contest_rounds", "contest_proposals", "contest_reviews", "contest_projects", "consultation_bookings"]) {
      await run(sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), GREATEST(1, (SELECT COALESCE(max(id), 0) FROM ${sql.table(table)})))`);
    }

    const tables = [
      "departments", "employees", "role_grants", "postings", "applications", "participations", "contest_rounds", "contest_proposals",
      "contest_members", "contest_assignments", "contest_reviews", "contest_scores", "contest_projects", "counselor_profiles", "consultation_bookings",
    ];
    for (const table of tables) counts[table] = await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`);

    const actors: Record<BenchRole, number> = {
      employee: specialId(SPECIAL.employee),
      supervisor: empBase + 1 + S, // pool employee 0 heads unit 1
      posting_manager: specialId(SPECIAL.postingManager),
      hr_admin: hr,
      contest_admin: contestAdmin,
      reviewer: specialId(SPECIAL.firstReviewer),
      counselor: specialId(SPECIAL.firstCounselor),
    };
    return { actors, fullPostingId, detailPostingId, rankingRoundId };
  });
  const generated = (Date.now() - started) / 1000;
  log(`  生成 ${generated.toFixed(1)} s`);

  // A live database is vacuumed and analysed by autovacuum; a freshly loaded one is not yet, and without the
  // visibility map and statistics its plans would not be the ones production gets.
  const t1 = Date.now();
  if (options.analyze !== false) await sql`VACUUM (ANALYZE)`.execute(db);
  const analyzed = (Date.now() - t1) / 1000;
  if (options.analyze !== false) log(`  VACUUM ANALYZE ${analyzed.toFixed(1)} s`);

  return {
    sizes,
    today,
    fiscalYear,
    ...fixture,
    browseKeyword: BROWSE_KEYWORD,
    counts,
    seconds: { generate: generated, analyze: analyzed },
  };
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
