import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runImportCommand } from "../../app/people/import/cli.server";
import { importCsv } from "../../app/people/import/import.server";
import { participationReport } from "../../app/reports/participation.server";
import { action as uploadAction } from "../../app/routes/hr.import";
import { action as confirmAction, loader as previewLoader } from "../../app/routes/hr.import.$previewId";
import { useTestDatabase } from "../helpers/db";
import { createEmployee, request, sessionCookie } from "../helpers/factories";

// `import participations` (DESIGN §4): history imported as participation records, upserted by
// employee_no|scheme|host_department_code|start_on; all or nothing; every bad line reported; UTF-8 (BOM or not) or CP932.

const t = useTestDatabase();
const root = path.resolve(import.meta.dirname, "../..");
const fixtures = path.join(import.meta.dirname, "../fixtures/import");
const fixture = (name: string) => readFileSync(path.join(fixtures, name));
const dir = mkdtempSync(path.join(tmpdir(), "import-participations-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = promisify(execFile);

const units: Record<string, number> = {};
const people: Record<string, number> = {};
let hrCookie = "";

function capture() {
  const out = { logs: [] as string[], errors: [] as string[] };
  return { out, sink: { log: (s: string) => out.logs.push(s), error: (s: string) => out.errors.push(s) } };
}

const imported = () =>
  t.db
    .selectFrom("participations as p")
    .innerJoin("employees as e", "e.id", "p.employee_id")
    .innerJoin("departments as d", "d.id", "p.host_department_id")
    .select(["e.employee_no", "p.scheme", "p.title", "d.code", "p.start_on", "p.end_on", "p.source", "p.import_key", "p.updated_at"])
    .where("p.source", "=", "import")
    .orderBy("p.id")
    .execute();

const auditCount = async () =>
  Number((await t.db.selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n")).where("action", "=", "import.participations").executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  for (const [code, name] of [["KANKO", "観光振興課"], ["DIGITAL", "デジタル化推進室"], ["JINJI", "人事課"]] as const) {
    units[code] = (await t.db.insertInto("departments").values({ code, name }).returning("id").executeTakeFirstOrThrow()).id;
  }
  for (const [no, leftOn] of [["P00001", null], ["P00002", null], ["P00003", null], ["P00004", "2024-03-31"]] as const) {
    people[no] = (await createEmployee(t.db, { departmentId: units.KANKO, employeeNo: no, hiredOn: "2010-04-01", leftOn })).id;
  }
  const hr = await createEmployee(t.db, { departmentId: units.JINJI, roles: [{ role: "hr_admin" }] });
  hrCookie = await sessionCookie(hr.id);
});

describe("import participations", () => {
  it("imports a good UTF-8 (BOM) file through the CLI command: records with source 'import' and their key", async () => {
    const cli = capture();
    expect(await runImportCommand(t.db, "participations", path.join(fixtures, "participations.csv"), cli.sink)).toBe(0);
    expect(cli.out).toEqual({ logs: ["取込完了: 新規 5 件、更新 0 件、変更なし 0 件"], errors: [] });
    const rows = await imported();
    expect(rows.map(({ updated_at, ...r }) => r)).toEqual([
      { employee_no: "P00001", scheme: "side_job", title: "観光データ分析の支援", code: "DIGITAL", start_on: "2023-06-01", end_on: "2024-03-31", source: "import", import_key: "P00001|side_job|DIGITAL|2023-06-01" },
      { employee_no: "P00001", scheme: "job_challenge", title: "DX推進プロジェクト（庁内公募）", code: "DIGITAL", start_on: "2024-04-01", end_on: null, source: "import", import_key: "P00001|job_challenge|DIGITAL|2024-04-01" },
      { employee_no: "P00002", scheme: "contest_project", title: "県産材PR, 第2期", code: "JINJI", start_on: "2023-08-01", end_on: "2024-07-31", source: "import", import_key: "P00002|contest_project|JINJI|2023-08-01" },
      { employee_no: "P00003", scheme: "contest_project", title: "観光振興課内のコンテスト事業", code: "KANKO", start_on: "2023-08-01", end_on: null, source: "import", import_key: "P00003|contest_project|KANKO|2023-08-01" },
      { employee_no: "P00004", scheme: "side_job", title: '退職前の複業 "窓口改善"', code: "JINJI", start_on: "2022-10-01", end_on: "2024-03-31", source: "import", import_key: "P00004|side_job|JINJI|2022-10-01" },
    ]);
    expect(await auditCount()).toBe(1);
    const entry = await t.db.selectFrom("audit_log").select("detail").where("action", "=", "import.participations").executeTakeFirstOrThrow();
    expect(entry.detail).toMatchObject({ fileName: "participations.csv", total: 5, created: 5, updated: 0, unchanged: 0 });
  });

  it("the report counts imported history like any record (令和5年度: 3 participants; the own-unit project is engaged only)", async () => {
    const r = await participationReport(t.db, { fiscalYear: 2023, departmentId: units.KANKO }, "2026-11-22");
    expect(r).toMatchObject({
      participants: 3,
      sideJob: { participants: 3, viaPostings: 2, viaContest: 1 },
      jobChallenge: { participants: 0 },
      contest: { engaged: 2 },
    });
    expect((await participationReport(t.db, { fiscalYear: 2024, asOf: "2024-10-01", departmentId: units.KANKO }, "2026-11-22")).jobChallenge.participants).toBe(1);
  });

  it("re-importing the same file changes nothing", async () => {
    const before = await imported();
    const result = await importCsv(t.db, "participations", fixture("participations.csv"), { fileName: "participations.csv" });
    expect(result).toEqual({ ok: true, total: 5, created: 0, updated: 0, unchanged: 5, errors: [] });
    expect(await imported()).toEqual(before);
  });

  it("a changed title or end date updates the record with the same key; a changed start date is another record", async () => {
    const text = fixture("participations.csv")
      .toString("utf-8")
      .replace("観光データ分析の支援", "観光データ分析の支援（延長）")
      .replace("P00003,contest_project,観光振興課内のコンテスト事業,KANKO,2023-08-01,", "P00003,contest_project,観光振興課内のコンテスト事業,KANKO,2023-08-01,2025-03-31")
      .replace("P00001,job_challenge,DX推進プロジェクト（庁内公募）,DIGITAL,2024-04-01,", "P00001,job_challenge,DX推進プロジェクト（庁内公募）,DIGITAL,2024-05-01,");
    const result = await importCsv(t.db, "participations", Buffer.from(text, "utf-8"));
    expect(result).toMatchObject({ ok: true, created: 1, updated: 2, unchanged: 2 });
    const rows = await imported();
    expect(rows).toHaveLength(6);
    expect(rows.find((r) => r.import_key === "P00001|side_job|DIGITAL|2023-06-01")?.title).toBe("観光データ分析の支援（延長）");
    expect(rows.find((r) => r.import_key === "P00003|contest_project|KANKO|2023-08-01")?.end_on).toBe("2025-03-31");
  });

  it("reads a Shift_JIS (CP932) file as Excel saves it, without a BOM", async () => {
    const file = path.join(dir, "参加記録.csv");
    writeFileSync(
      file,
      iconv.encode("employee_no,scheme,title,host_department_code,start_on,end_on\r\nP00002,side_job,髙岡地域の観光ＰＲ動画①,DIGITAL,2024-05-01,2024-12-31\r\n", "cp932"),
    );
    const cli = capture();
    expect(await runImportCommand(t.db, "participations", file, cli.sink)).toBe(0);
    expect(cli.out.logs).toEqual(["取込完了: 新規 1 件、更新 0 件、変更なし 0 件"]);
    const row = await t.db.selectFrom("participations").select(["title", "scheme"]).where("import_key", "=", "P00002|side_job|DIGITAL|2024-05-01").executeTakeFirstOrThrow();
    expect(row).toEqual({ title: "髙岡地域の観光ＰＲ動画①", scheme: "side_job" });
    // and again: unchanged
    expect((await importCsv(t.db, "participations", readFileSync(file))).unchanged).toBe(1);
  });

  it("a file with bad rows writes nothing and reports every bad line with its reason", async () => {
    const before = await imported();
    const audits = await auditCount();
    const cli = capture();
    expect(await runImportCommand(t.db, "participations", path.join(fixtures, "participations-bad.csv"), cli.sink)).toBe(1);
    expect(cli.out.logs).toEqual([]);
    const errors = cli.out.errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        "3行目: 職員番号「X99999」の職員が見つかりません。",
        "4行目: 制度「side_work」は指定できません。side_job（庁内複業）・job_challenge（ジョブチャレンジ）・contest_project（チャレンジコンテストの事業）のいずれかを指定してください。",
        "5行目: 受入所属コード「NOWHERE」が見つかりません。",
        "6行目: 開始日「2024-13-01」は正しい日付ではありません。YYYY-MM-DD 形式（例: 2024-04-01）で入力してください。",
        "7行目: 終了日（2024-09-30）が開始日（2024-10-01）より前になっています。",
        "8行目: 同じ参加記録（職員番号・制度・受入所属コード・開始日が同じ）が重複しています（2行目と同じです）。",
        "9行目: 名称が入力されていません。",
        "10行目: 列の数が見出し行と一致しません（見出し 6 列、この行 5 列）。",
        "11行目: 開始日（2024-06-01）が職員番号「P00004」の退職日（2024-03-31）より後になっています。",
        "12行目: 開始日（2009-04-01）が職員番号「P00002」の採用日（2010-04-01）より前になっています。",
      ]),
    );
    const lines = errors.filter((e) => /^\d+行目: /.test(e)).map((e) => Number(e.split("行目")[0]));
    expect(lines).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(errors.at(-1)).toBe("取込を中止しました: 10 件のエラーがあるため、データは一件も変更していません。");
    expect(await imported()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it("the CLI process: `import participations FILE` exits 1 on the bad file with the errors on stderr only", async () => {
    const failure = await run(process.execPath, ["--import", "tsx", "scripts/cli.ts", "import", "participations", path.join(fixtures, "participations-bad.csv")], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: t.url },
      timeout: 60_000,
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect("code" in failure && failure.code).toBe(1);
    expect((failure as { stdout: string }).stdout).toBe("");
    expect((failure as { stderr: string }).stderr).toContain("3行目: 職員番号「X99999」の職員が見つかりません。");

    const ok = await run(process.execPath, ["--import", "tsx", "scripts/cli.ts", "import", "participations", path.join(fixtures, "participations.csv")], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: t.url },
      timeout: 60_000,
    });
    // an earlier test changed one title and one end date: the file puts them back; the rest is as it was
    expect(ok.stdout).toBe("取込完了: 新規 0 件、更新 2 件、変更なし 3 件\n");
  }, 120_000);

  it("HR imports participation records from /hr/import (kind 参加記録): preview, then confirm, audit-logged", async () => {
    const form = new FormData();
    form.set("kind", "participations");
    const csv = "employee_no,scheme,title,host_department_code,start_on,end_on\nP00003,job_challenge,広報戦略の見直し,JINJI,2025-04-01,2025-09-30\n";
    form.set("file", new File([csv], "history.csv", { type: "text/csv" }));
    const uploaded = await uploadAction({ request: request("/hr/import", { method: "POST", body: form, cookie: hrCookie }), params: {}, context: {} });
    expect(uploaded.status).toBe(302);
    const previewId = uploaded.headers.get("Location")!.split("/").pop()!;

    const preview = await (await previewLoader({ request: request(`/hr/import/${previewId}`, { cookie: hrCookie }), params: { previewId }, context: {} })).json();
    expect(preview).toMatchObject({ kind: "participations", state: "pending", check: { result: { ok: true, total: 1, created: 1, updated: 0, unchanged: 0 }, encoding: "utf-8" } });
    expect(await t.db.selectFrom("participations").select("id").where("import_key", "=", "P00003|job_challenge|JINJI|2025-04-01").executeTakeFirst()).toBeUndefined();

    const confirmed = await confirmAction({
      request: request(`/hr/import/${previewId}`, { method: "POST", body: new URLSearchParams(), cookie: hrCookie }),
      params: { previewId },
      context: {},
    });
    expect((confirmed as Response).status).toBe(302);
    expect(await t.db.selectFrom("participations").select("title").where("import_key", "=", "P00003|job_challenge|JINJI|2025-04-01").executeTakeFirstOrThrow()).toEqual({
      title: "広報戦略の見直し",
    });
    const entry = await t.db.selectFrom("audit_log").select(["actor_id", "entity_id", "detail"]).where("action", "=", "import.participations").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ entity_id: previewId, detail: { fileName: "history.csv", created: 1 } });
    expect(entry.actor_id).not.toBeNull();
  });
});
