import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, PostingStatus } from "../../db/schema";
import { setDb } from "../../db/client.server";
import { loader as browseLoader } from "~/routes/postings._index";
import { browseFilterOptions, browsePostings, cachedBrowseFilterOptions, searchPostings } from "~/postings/browse.server";
import { getPosting } from "~/postings/postings.server";
import { todayInTokyo } from "~/i18n/format";
import { addDays } from "~/postings/model";
import { useTestDatabase } from "../helpers/db";
import { createDepartment, createEmployee, request, respond, sessionCookie } from "../helpers/factories";

const t = useTestDatabase();
const today = todayInTokyo();

let tourismBureau: { id: number };
let tourismUnit: { id: number };
let digitalBureau: { id: number };
let digitalUnit: { id: number };
let creator: { id: number };
let viewer: { id: number };
let viewerCookie: string;
const ids: Record<string, number> = {};

interface Seed {
  key: string;
  title: string;
  unit?: () => { id: number };
  scheme?: "side_job" | "job_challenge";
  summary?: string;
  work?: string;
  skills?: string[];
  hours?: number;
  style?: "onsite" | "remote" | "hybrid";
  status?: PostingStatus;
  applyFrom?: string;
  applyUntil?: string;
  periodStart?: string;
  periodEnd?: string;
  approvedAt?: Date;
  capacity?: number;
}

async function seed(s: Seed) {
  const row = await t.db
    .insertInto("postings")
    .values({
      scheme: s.scheme ?? "side_job",
      title: s.title,
      host_department_id: (s.unit ?? (() => tourismUnit))().id,
      summary: s.summary ?? "職員の力を借りて取り組む事業です。",
      work_content: s.work ?? "企画、調整、資料作成を担当します。",
      skills: s.skills ?? [],
      hours_per_month: s.hours ?? 10,
      period_start: s.periodStart ?? "2027-01-01",
      period_end: s.periodEnd ?? "2027-03-31",
      capacity: s.capacity ?? 3,
      work_style: s.style ?? "onsite",
      place: "県庁",
      employment_types: ["regular"],
      selection_method: "interview",
      contact: "内線1000",
      apply_from: s.applyFrom ?? addDays(today, -3),
      apply_until: s.applyUntil ?? addDays(today, 20),
      status: s.status ?? "published",
      created_by: creator.id,
      approved_at: s.approvedAt ?? new Date("2026-11-01T00:00:00Z"),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  ids[s.key] = row.id;
  return row.id;
}

beforeAll(async () => {
  tourismBureau = await createDepartment(t.db, { name: "観光戦略局" });
  tourismUnit = await createDepartment(t.db, { name: "観光振興室", parentId: tourismBureau.id });
  digitalBureau = await createDepartment(t.db, { name: "知事政策局" });
  digitalUnit = await createDepartment(t.db, { name: "デジタル化推進室", parentId: digitalBureau.id });
  creator = await createEmployee(t.db, { departmentId: tourismUnit.id });
  viewer = await createEmployee(t.db, { departmentId: digitalUnit.id });
  viewerCookie = await sessionCookie(viewer.id);

  await seed({ key: "tourism", title: "観光振興プロモーション企画", skills: ["SNS運用", "動画編集"], hours: 10, style: "hybrid", applyUntil: addDays(today, 5), approvedAt: new Date("2026-10-01T00:00:00Z") });
  await seed({ key: "dx", title: "行政手続オンライン化", unit: () => digitalUnit, scheme: "job_challenge", skills: ["DX", "データ分析"], hours: 40, style: "remote", applyUntil: addDays(today, 30), approvedAt: new Date("2026-11-10T00:00:00Z") });
  await seed({ key: "bosai", title: "防災訓練の企画運営", unit: () => digitalUnit, work: "地域の観光施設と連携した避難訓練を企画します。", hours: 20, applyUntil: addDays(today, 10), periodStart: "2027-05-01", periodEnd: "2027-08-31", approvedAt: new Date("2026-11-05T00:00:00Z") });
  await seed({ key: "percent", title: "満足度100%_を目指す窓口改善", unit: () => digitalUnit, hours: 5, applyUntil: addDays(today, 15), capacity: 1 });
  await seed({ key: "upcoming", title: "移住・定住フェアの運営", applyFrom: addDays(today, 3), applyUntil: addDays(today, 25) });
  await seed({ key: "draft", title: "観光の下書き", status: "draft" });
  await seed({ key: "pending", title: "観光の承認待ち", status: "pending_approval" });
  await seed({ key: "closed", title: "観光の締切済み", status: "closed" });
  await seed({ key: "pastDeadline", title: "観光の期限切れ（自動締切前）", applyUntil: addDays(today, -1), applyFrom: addDays(today, -10) });
  // one place taken on the 1-place posting; the viewer has applied to the tourism posting
  await t.db.insertInto("applications").values({ posting_id: ids.percent, employee_id: creator.id, motivation: "窓口改善の取組に参加して経験を生かしたいです。", status: "accepted" }).execute();
  await t.db.insertInto("applications").values({ posting_id: ids.tourism, employee_id: viewer.id, motivation: "観光振興の取組に参加して経験を生かしたいです。", status: "awaiting_consent" }).execute();
});

const browse = (filters: Parameters<typeof browsePostings>[1] = {}) => browsePostings(t.db, filters, { today, viewerId: viewer.id });
const keys = (rows: { id: number }[]) => rows.map((r) => Object.entries(ids).find(([, id]) => id === r.id)?.[0]).filter((k) => k !== undefined);

describe("browse", () => {
  it("lists only published postings whose window is open, deadline first", async () => {
    const result = await browse();
    expect(keys(result.rows)).toEqual(["tourism", "bosai", "percent", "dx"]);
    expect(result.total).toBe(4);
  });

  it("optionally includes 公開予定 postings (window not yet open)", async () => {
    expect(keys((await browse({ upcoming: "1" })).rows)).toEqual(["tourism", "bosai", "percent", "upcoming", "dx"]);
  });

  it("finds Japanese substrings: 観光 inside 観光振興, in work content and in unit names", async () => {
    expect(keys((await browse({ q: "観光" })).rows)).toEqual(["tourism", "bosai"]);
    expect(keys((await browse({ q: "振興" })).rows)).toEqual(["tourism"]);
    expect(keys((await browse({ q: "デジタル化" })).rows)).toEqual(["bosai", "percent", "dx"]);
    expect(keys((await browse({ q: "知事政策" })).rows)).toEqual(["bosai", "percent", "dx"]);
    expect(keys((await browse({ q: "データ分析" })).rows)).toEqual(["dx"]);
    // several words must all match; full-width letters and spaces are normalised
    expect(keys((await browse({ q: "観光　訓練" })).rows)).toEqual(["bosai"]);
    expect(keys((await browse({ q: "ｄｘ" })).rows)).toEqual(["dx"]);
  });

  it("treats % and _ literally", async () => {
    expect(keys((await browse({ q: "100%_" })).rows)).toEqual(["percent"]);
    expect(keys((await browse({ q: "%" })).rows)).toEqual(["percent"]);
    expect((await browse({ q: "_" })).rows.map((r) => r.id)).toEqual([ids.percent]);
  });

  it("searches the texts as they are now: an edit is found at once, the old wording no longer (the stored search copy follows)", async () => {
    expect(keys((await browse({ q: "ハッカソン" })).rows)).toEqual([]);
    await t.db.updateTable("postings").set({ work_content: "庁内ハッカソンの運営を担当します。", skills: ["SNS運用", "Figma"] }).where("id", "=", ids.tourism).execute();
    expect(keys((await browse({ q: "ハッカソン" })).rows)).toEqual(["tourism"]);
    expect(keys((await browse({ q: "figma" })).rows)).toEqual(["tourism"]);
    expect(keys((await browse({ q: "動画編集" })).rows)).toEqual([]);
    await t.db.updateTable("postings").set({ work_content: "企画、調整、資料作成を担当します。", skills: ["SNS運用", "動画編集"] }).where("id", "=", ids.tourism).execute();
    // the copy is the database's own and never reaches a page
    const detail = await getPosting(t.db, ids.tourism);
    expect(detail).not.toHaveProperty("search_text");
  });

  it("finds postings by the unit and 部局 names as they are now: a rename or a move is found at once, the old name no longer", async () => {
    expect(keys((await browse({ q: "観光振興室" })).rows)).toEqual(["tourism"]);
    await t.db.updateTable("departments").set({ name: "観光誘客室" }).where("id", "=", tourismUnit.id).execute();
    expect(keys((await browse({ q: "観光誘客" })).rows)).toEqual(["tourism"]);
    expect(keys((await browse({ q: "観光振興室" })).rows)).toEqual([]);
    // a 部局 renamed: the postings of every unit under it
    await t.db.updateTable("departments").set({ name: "未来創造局" }).where("id", "=", digitalBureau.id).execute();
    expect(keys((await browse({ q: "未来創造" })).rows)).toEqual(["bosai", "percent", "dx"]);
    expect(keys((await browse({ q: "知事政策" })).rows)).toEqual([]);
    // a unit moved to another 部局 takes its postings along
    await t.db.updateTable("departments").set({ parent_id: tourismBureau.id }).where("id", "=", digitalUnit.id).execute();
    expect(keys((await browse({ q: "観光戦略局" })).rows)).toEqual(["tourism", "bosai", "percent", "dx"]);
    expect(keys((await browse({ q: "未来創造" })).rows)).toEqual([]);
    // a posting moved to another unit
    await t.db.updateTable("postings").set({ host_department_id: digitalUnit.id }).where("id", "=", ids.tourism).execute();
    expect(keys((await browse({ q: "観光誘客" })).rows)).toEqual([]);
    // the copy cannot be written to something else: it is recomputed from the texts and names
    await t.db.updateTable("postings").set({ search_text: "なにか" } as never).where("id", "=", ids.dx).execute();
    expect(keys((await browse({ q: "なにか" })).rows)).toEqual([]);
    expect(keys((await browse({ q: "データ分析" })).rows)).toEqual(["dx"]);

    await t.db.updateTable("postings").set({ host_department_id: tourismUnit.id }).where("id", "=", ids.tourism).execute();
    await t.db.updateTable("departments").set({ parent_id: digitalBureau.id }).where("id", "=", digitalUnit.id).execute();
    await t.db.updateTable("departments").set({ name: "知事政策局" }).where("id", "=", digitalBureau.id).execute();
    await t.db.updateTable("departments").set({ name: "観光振興室" }).where("id", "=", tourismUnit.id).execute();
    expect(keys((await browse({ q: "知事政策" })).rows)).toEqual(["bosai", "percent", "dx"]);
    expect(keys((await browse({ q: "観光振興室" })).rows)).toEqual(["tourism"]);
  });

  it("filters by scheme, 部局 (including its units), skill, hours, remote and period", async () => {
    expect(keys((await browse({ scheme: "job_challenge" })).rows)).toEqual(["dx"]);
    expect(keys((await browse({ bureau: digitalBureau.id })).rows)).toEqual(["bosai", "percent", "dx"]);
    expect(keys((await browse({ bureau: tourismBureau.id })).rows)).toEqual(["tourism"]);
    expect(keys((await browse({ skill: "dx" })).rows)).toEqual(["dx"]);
    expect(keys((await browse({ skill: "ＳＮＳ運用" })).rows)).toEqual(["tourism"]);
    expect(keys((await browse({ maxHours: 10 })).rows)).toEqual(["tourism", "percent"]);
    expect(keys((await browse({ remote: "1" })).rows)).toEqual(["tourism", "dx"]);
    // periods overlapping May–June 2027: only the 防災 posting runs then
    expect(keys((await browse({ from: "2027-05", to: "2027-06" })).rows)).toEqual(["bosai"]);
    expect(keys((await browse({ to: "2026-12" })).rows)).toEqual([]);
    expect(keys((await browse({ from: "2027-03" })).rows)).toEqual(["tourism", "bosai", "percent", "dx"]);
    expect(keys((await browse({ from: "2027-04" })).rows)).toEqual(["bosai"]);
  });

  it("sorts newest first by approval", async () => {
    expect(keys((await browse({ sort: "newest" })).rows)).toEqual(["dx", "bosai", "percent", "tourism"]);
  });

  it("shows places left and the viewer's own application", async () => {
    const rows = (await browse()).rows;
    const percent = rows.find((r) => r.id === ids.percent)!;
    expect([percent.capacity, percent.filled]).toEqual([1, 1]);
    expect(rows.find((r) => r.id === ids.tourism)!.my_application_id).not.toBeNull();
    expect(rows.find((r) => r.id === ids.dx)!.my_application_id).toBeNull();
    expect(rows.find((r) => r.id === ids.dx)!.hours_per_month).toBe(40);
  });

  it("the page adds the badges: 締切間近 within 7 days, 満員 when no places are left", async () => {
    const res = await respond(() => browseLoader({ request: request("/postings", { cookie: viewerCookie }), params: {}, context: {} }));
    const data = await res.json();
    const byId = new Map(data.result.rows.map((r: { id: number }) => [r.id, r]));
    expect(byId.get(ids.tourism)).toMatchObject({ deadlineSoon: true, placesLeft: 3, phase: "open" });
    expect(byId.get(ids.bosai)).toMatchObject({ deadlineSoon: false });
    expect(byId.get(ids.percent)).toMatchObject({ placesLeft: 0 });
    expect(data.bureaus.map((b: { name: string }) => b.name)).toEqual(expect.arrayContaining(["観光戦略局", "知事政策局"]));
    expect(data.skills).toEqual(expect.arrayContaining(["SNS運用", "DX"]));
  });
});

describe("the search cache (ADR 012)", () => {
  /** The same search computed afresh: inside a transaction the cache is bypassed. */
  const fresh = (filters: Parameters<typeof browsePostings>[1] = {}, who = viewer.id) => t.db.transaction().execute((trx) => browsePostings(trx, filters, { today, viewerId: who }));

  it("serves a repeated search from the cache and follows every change of a published posting", async () => {
    let statements: string[] = [];
    const counted = t.db.withPlugin({
      transformQuery: (args) => {
        statements.push(args.node.kind);
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const first = await browsePostings(counted, { q: "観光" }, { today, viewerId: viewer.id });
    statements = [];
    const again = await browsePostings(counted, { q: "観光" }, { today, viewerId: viewer.id });
    // The data version and the reader's own applications; no search.
    expect(statements).toEqual(["RawNode", "SelectQueryNode"]);
    expect(again).toEqual(first);
    expect(first).toEqual(await fresh({ q: "観光" }));
    const cachedRow = (r: Awaited<ReturnType<typeof browse>>) => r.rows.find((row) => row.id === ids.tourism)!;

    // A draft's edit is not searched: no new version.
    const version = async () => Number((await sql<{ version: string }>`SELECT version FROM report_data_version`.execute(t.db)).rows[0].version);
    const v0 = await version();
    await t.db.updateTable("postings").set({ title: "観光の下書き（改）" }).where("id", "=", ids.draft).execute();
    expect(await version()).toBe(v0);

    // A published posting's title, a place taken, a posting closed: each shows on the next search.
    const original = await t.db.selectFrom("postings").select(["title", "filled"]).where("id", "=", ids.tourism).executeTakeFirstOrThrow();
    const later = await seed({ key: "cacheLater", title: "観光の次の募集", applyFrom: addDays(today, 2) });
    const pending = await seed({ key: "cachePending", title: "観光の新しい募集", status: "pending_approval" });
    expect((await browse({ upcoming: "1", q: "観光の次" })).rows.map((r) => r.id)).toEqual([later]);
    await t.db.updateTable("postings").set({ title: "観光振興プロモーション企画（改）" }).where("id", "=", ids.tourism).execute();
    expect(await version()).toBeGreaterThan(v0);
    expect(cachedRow(await browse({ q: "観光" })).title).toBe("観光振興プロモーション企画（改）");
    // (filled is written by the application commands only: the typed builder refuses it)
    await sql`UPDATE postings SET filled = 2 WHERE id = ${ids.tourism}`.execute(t.db);
    expect(cachedRow(await browse({ q: "観光" })).filled).toBe(2);
    await t.db.updateTable("postings").set({ status: "closed", closed_at: new Date() }).where("id", "=", later).execute();
    expect((await browse({ upcoming: "1", q: "観光の次" })).rows).toEqual([]);
    // A posting approved: found at once.
    expect((await browse({ q: "観光の新しい" })).rows).toEqual([]);
    await t.db.updateTable("postings").set({ status: "published" }).where("id", "=", pending).execute();
    expect((await browse({ q: "観光の新しい" })).rows.map((r) => r.id)).toEqual([pending]);
    expect(await browse({ q: "観光" })).toEqual(await fresh({ q: "観光" }));

    // Put them back for the other tests.
    await sql`UPDATE postings SET title = ${original.title}, filled = ${original.filled} WHERE id = ${ids.tourism}`.execute(t.db);
    await t.db.updateTable("postings").set({ status: "closed", closed_at: new Date() }).where("id", "=", pending).execute();
  });

  it("never carries one reader's own applications to another", async () => {
    const other = await createEmployee(t.db, { departmentId: tourismUnit.id });
    const mine = await browse();
    const theirs = await browsePostings(t.db, {}, { today, viewerId: other.id });
    expect(theirs.rows.map((r) => r.id)).toEqual(mine.rows.map((r) => r.id));
    expect(mine.rows.find((r) => r.id === ids.tourism)!.my_application_id).not.toBeNull();
    expect(theirs.rows.every((r) => r.my_application_id === null)).toBe(true);
    expect(theirs).toEqual(await fresh({}, other.id));
  });
});

describe("pagination and query count", () => {
  let pageBureau: { id: number };
  let pageUnit: { id: number };
  let counting: Kysely<Database>;
  let queries = 0;

  beforeAll(async () => {
    pageBureau = await createDepartment(t.db, { name: "ページ確認局" });
    pageUnit = await createDepartment(t.db, { name: "ページ確認課", parentId: pageBureau.id });
    // A second Kysely over the same database that counts every statement it runs.
    counting = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: t.url, max: 4 }) }),
      log: (event) => {
        if (event.level === "query") queries += 1;
      },
    });
  });
  afterAll(async () => {
    setDb(t.db);
    await counting?.destroy();
  });

  async function addPostings(n: number) {
    for (let i = 0; i < n; i++) {
      await seed({ key: `page${pageUnitCount++}`, title: `ページ確認の募集 ${pageUnitCount}`, unit: () => pageUnit, applyUntil: addDays(today, 1 + (pageUnitCount % 20)) });
    }
  }
  let pageUnitCount = 0;

  async function countPage(): Promise<{ queries: number; rows: number; total: number }> {
    setDb(counting);
    try {
      queries = 0;
      const res = await respond(() => browseLoader({ request: request(`/postings?bureau=${pageBureau.id}`, { cookie: viewerCookie }), params: {}, context: {} }));
      expect(res.status).toBe(200);
      const data = await res.json();
      return { queries, rows: data.result.rows.length, total: data.result.total };
    } finally {
      setDb(t.db);
    }
  }

  it("the search itself is one query", async () => {
    await addPostings(5);
    queries = 0;
    await searchPostings(counting, { bureau: pageBureau.id }, { today });
    expect(queries).toBe(1);
  });

  it("the page runs the same number of queries for 5 and for 50 postings, computed or from the cache", async () => {
    await countPage(); // the filter's choices are cached for a minute (tested below): the counts below reuse them
    await sql`UPDATE postings SET filled = 0 WHERE host_department_id = ${pageUnit.id}`.execute(t.db); // a new data version
    const fiveComputed = await countPage();
    const five = await countPage();
    expect([five.rows, five.total]).toEqual([5, 5]);
    await addPostings(45);
    const fiftyComputed = await countPage();
    const fifty = await countPage();
    expect([fifty.rows, fifty.total]).toEqual([20, 50]);
    expect(fiftyComputed.queries).toBe(fiveComputed.queries);
    expect(fifty.queries).toBe(five.queries);
    // From the cache: the session (with the data version) and the reader's own applications.
    expect(five.queries).toBe(2);
  });

  it("20 per page with the total, and a page past the end sends the reader back to the first", async () => {
    const page1 = await browse({ bureau: pageBureau.id });
    const page3 = await browse({ bureau: pageBureau.id, page: 3 });
    expect([page1.rows.length, page1.total, page1.pages]).toEqual([20, 50, 3]);
    expect([page3.rows.length, page3.total, page3.page]).toEqual([10, 50, 3]);
    const all = [...page1.rows, ...(await browse({ bureau: pageBureau.id, page: 2 })).rows, ...page3.rows].map((r) => r.id);
    expect(new Set(all).size).toBe(50);
    // deadline order holds across pages
    const deadlines = [...page1.rows, ...page3.rows].map((r) => r.apply_until);
    expect(deadlines.slice(0, 20)).toEqual([...deadlines.slice(0, 20)].sort());
    const past = await respond(() => browseLoader({ request: request(`/postings?bureau=${pageBureau.id}&page=9`, { cookie: viewerCookie }), params: {}, context: {} }));
    expect(past.status).toBe(302);
    expect(past.headers.get("Location")).toBe(`/postings?bureau=${pageBureau.id}`);
  });
});

describe("the filter's choices", () => {
  it("are shared for a minute, then computed afresh (and at once on a new day)", async () => {
    const at = Date.now() + 3_600_000; // past whatever earlier page views in this file cached
    const first = await cachedBrowseFilterOptions(t.db, today, at);
    expect(first).toEqual(await browseFilterOptions(t.db, today));
    await seed({ key: "newskill", title: "新しいスキルの募集", skills: ["ドローン操縦"], applyUntil: addDays(today, 3) });
    expect((await cachedBrowseFilterOptions(t.db, today, at + 30_000)).skills).not.toContain("ドローン操縦");
    expect((await cachedBrowseFilterOptions(t.db, today, at + 61_000)).skills).toContain("ドローン操縦");
    const tomorrow = addDays(today, 1);
    expect(await cachedBrowseFilterOptions(t.db, tomorrow, at + 62_000)).toEqual(await browseFilterOptions(t.db, tomorrow));
  });
});
