import { readFileSync } from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { importCsv, importDepartmentRows, importEmployeeRows } from "../../app/people/import/import.server";
import type { EmployeeRow } from "../../app/people/import/types";
import { useTestDatabase } from "../helpers/db";

const t = useTestDatabase();
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../fixtures/import", name));

async function employeeState(employeeNo: string) {
  return t.db
    .selectFrom("employees as e")
    .innerJoin("departments as d", "d.id", "e.department_id")
    .select(["e.name", "e.name_kana", "e.email", "d.code as department", "e.grade", "e.birth_year", "e.hired_on", "e.left_on", "e.updated_at"])
    .where("e.employee_no", "=", employeeNo)
    .executeTakeFirst();
}

async function counts() {
  const [deps, emps, audits] = await Promise.all([
    t.db
      .selectFrom("departments")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
    t.db
      .selectFrom("employees")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
    t.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { departments: deps.n, employees: emps.n, audits: audits.n };
}

function csv(lines: string[]): Buffer {
  return Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8");
}

const EMP_HEADER = "employee_no,name,name_kana,email,department_code,grade,birth_year,hired_on,left_on";

// The tests build on each other in order: one fresh database for the whole file.
describe("CSV import", () => {
  it("imports a good departments file, parents defined later in the file included", async () => {
    const result = await importCsv(t.db, "departments", fixture("departments.csv"), { fileName: "departments.csv" });
    expect(result).toEqual({ ok: true, total: 6, created: 6, updated: 0, unchanged: 0, errors: [] });
    const rows = await t.db
      .selectFrom("departments as d")
      .leftJoin("departments as p", "p.id", "d.parent_id")
      .select(["d.code", "d.name", "p.code as parent"])
      .orderBy("d.code")
      .execute();
    expect(rows).toEqual([
      { code: "JINJI", name: "人事課", parent: "SOUMU" },
      { code: "KEIEI", name: "行政経営室", parent: "KIKAKU" },
      { code: "KIKAKU", name: "知事政策局", parent: null },
      { code: "SOUMU", name: "総務部", parent: null },
      { code: "SOUMU-KA", name: "総務課", parent: "SOUMU" },
      { code: "ZAISEI", name: "財政課, 予算係", parent: "SOUMU" },
    ]);
    const entry = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "import.departments").executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      entity_type: "import",
      actor_id: null,
      detail: { fileName: "departments.csv", total: 6, created: 6, updated: 0, unchanged: 0 },
    });
  });

  it("imports a good employees file", async () => {
    const result = await importCsv(t.db, "employees", fixture("employees.csv"), { fileName: "employees.csv" });
    expect(result).toEqual({ ok: true, total: 4, created: 4, updated: 0, unchanged: 0, errors: [] });
    expect(await employeeState("100002")).toMatchObject({
      name: "加藤 花子",
      name_kana: "かとう　はなこ",
      department: "SOUMU-KA",
      grade: "係長",
      birth_year: 1980,
      hired_on: "2003-04-01",
      left_on: null,
    });
    expect(await employeeState("100003")).toMatchObject({ name: "髙田 一郎", left_on: "2025-03-31" });
  });

  it("imports a CP932 (Shift_JIS) file with Japanese names", async () => {
    const text = [
      "employee_no,email,name,name_kana,department_code,grade,birth_year,hired_on,left_on",
      "100101,ichiro.nakamura@pref.example.jp,中村 一郎,ナカムラ イチロウ,JINJI,主任,1985,2008-04-01,",
      "100102,yoko.kobayakawa@pref.example.jp,小早川 洋子,こばやかわ ようこ,ZAISEI,副主幹,1975,1998-04-01,",
      "100103,akira.takada@pref.example.jp,髙田 晃,タカダ アキラ,KEIEI,課長補佐,1978,2001-04-01,",
    ].join("\r\n");
    const result = await importCsv(t.db, "employees", iconv.encode(text, "cp932"), { fileName: "職員.csv" });
    expect(result).toMatchObject({ ok: true, created: 3, errors: [] });
    expect(await employeeState("100102")).toMatchObject({ name: "小早川 洋子", name_kana: "こばやかわ ようこ", grade: "副主幹" });
    expect(await employeeState("100103")).toMatchObject({ name: "髙田 晃", name_kana: "タカダ アキラ" });
  });

  it("rejects a file with several bad rows: nothing is written and every bad line is reported", async () => {
    const before = await counts();
    const result = await importCsv(t.db, "employees", fixture("employees-bad.csv"), { fileName: "employees-bad.csv" });
    expect(result.ok).toBe(false);
    expect(result.total).toBe(13);
    expect(await counts()).toEqual(before);
    expect(await employeeState("200001")).toBeUndefined();

    const byLine = new Map<number, string[]>();
    for (const e of result.errors) byLine.set(e.line, [...(byLine.get(e.line) ?? []), e.message]);
    expect([...byLine.keys()]).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15]);
    expect(byLine.get(3)).toEqual(["所属コード「X99」が見つかりません。"]);
    expect(byLine.get(4)![0]).toMatch(/職位「係長代理」は登録されていません/);
    expect(byLine.get(5)![0]).toMatch(/ふりがな「Kana Chigai」/);
    expect(byLine.get(6)![0]).toMatch(/メールアドレス「not-an-email」の形式/);
    expect(byLine.get(7)![0]).toMatch(/メールアドレス「OK1@pref.example.jp」が重複しています（2行目と同じ/);
    expect(byLine.get(8)![0]).toMatch(/職員番号「200001」が重複しています（2行目と同じ/);
    expect(byLine.get(9)![0]).toMatch(/生年「1920」/);
    expect(byLine.get(10)![0]).toMatch(/採用日「2013-02-30」/);
    expect(byLine.get(11)![0]).toMatch(/退職日（2012-03-31）が採用日（2013-04-01）より前/);
    // The record with a line break in a quoted name starts on line 12; both of its problems are reported.
    expect(byLine.get(12)).toEqual(["氏名に改行やタブなどの制御文字は使用できません。", "所属コード「X98」が見つかりません。"]);
    expect(byLine.get(14)![0]).toMatch(/列の数が見出し行と一致しません/);
    expect(byLine.get(15)![0]).toMatch(/メールアドレス「TARO.YAMADA@pref.example.jp」は既に他の職員（職員番号 100001）/);
  });

  it("rejects bad department rows: duplicates, unknown parents, self-reference and cycles", async () => {
    const before = await counts();
    const result = await importCsv(t.db, "departments", fixture("departments-bad.csv"), {});
    expect(result.ok).toBe(false);
    expect(await counts()).toEqual(before);
    expect(result.errors.map((e) => `${e.line}: ${e.message}`)).toEqual([
      "3: 上位所属の指定が循環しています（B1 → C1 → B1）。",
      "4: 上位所属の指定が循環しています（C1 → B1 → C1）。",
      "5: 上位所属コード「ZZ」が見つかりません。",
      "6: 所属コード「A1」が重複しています（2行目と同じです）。",
      "7: 上位所属コードに自分自身（「E1」）は指定できません。",
      "8: 所属コード「bad code!」は半角英数字・ハイフン・アンダースコアの20文字以内で入力してください。",
      "9: 所属名が入力されていません。",
    ]);
  });

  it("rejects a cycle that runs through units already in the database", async () => {
    const result = await importDepartmentRows(t.db, [{ code: "SOUMU", name: "総務部", parentCode: "JINJI" }], {});
    expect(result.errors).toEqual([{ line: 2, message: "上位所属の指定が循環しています（SOUMU → JINJI → SOUMU）。" }]);
  });

  it("reports header problems on line 1 and imports nothing", async () => {
    const result = await importCsv(
      t.db,
      "employees",
      csv(["employee_no,name,kana,email,department_code,grade,birth_year,hired_on", "1,a,あ,a@b.jp,JINJI,主事,1990,2013-04-01"]),
      {},
    );
    expect(result.ok).toBe(false);
    expect(result.errors.every((e) => e.line === 1)).toBe(true);
    expect(result.errors.map((e) => e.message).join("\n")).toMatch(/不明な列「kana」[\s\S]*必要な列「name_kana」[\s\S]*必要な列「left_on」/);
  });

  it("re-importing the same files changes nothing", async () => {
    const before = await t.db.selectFrom("employees").select(["employee_no", "updated_at"]).orderBy("employee_no").execute();
    const depsBefore = await t.db.selectFrom("departments").select(["code", "updated_at"]).orderBy("code").execute();
    expect(await importCsv(t.db, "departments", fixture("departments.csv"), {})).toEqual({
      ok: true,
      total: 6,
      created: 0,
      updated: 0,
      unchanged: 6,
      errors: [],
    });
    expect(await importCsv(t.db, "employees", fixture("employees.csv"), {})).toEqual({ ok: true, total: 4, created: 0, updated: 0, unchanged: 4, errors: [] });
    expect(await t.db.selectFrom("employees").select(["employee_no", "updated_at"]).orderBy("employee_no").execute()).toEqual(before);
    expect(await t.db.selectFrom("departments").select(["code", "updated_at"]).orderBy("code").execute()).toEqual(depsBefore);
  });

  it("counts and writes an update, touching only the changed row", async () => {
    const text = fixture("employees.csv")
      .toString("utf8")
      .replace(
        "100001,山田 太郎,ヤマダ タロウ,taro.yamada@pref.example.jp,JINJI,主事",
        "100001,山田 太郎,ヤマダ タロウ,taro.yamada@pref.example.jp,KEIEI,主任",
      );
    const untouched = await employeeState("100002");
    const result = await importCsv(t.db, "employees", Buffer.from(text), { actorId: null, fileName: "employees-v2.csv", ip: "192.0.2.1" });
    expect(result).toEqual({ ok: true, total: 4, created: 0, updated: 1, unchanged: 3, errors: [] });
    expect(await employeeState("100001")).toMatchObject({ department: "KEIEI", grade: "主任" });
    expect((await employeeState("100002"))!.updated_at).toEqual(untouched!.updated_at);
    const entry = await t.db
      .selectFrom("audit_log")
      .select(["detail", "ip"])
      .where("action", "=", "import.employees")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ ip: "192.0.2.1", detail: { fileName: "employees-v2.csv", total: 4, created: 0, updated: 1, unchanged: 3 } });
  });

  it("renames and re-parents departments as updates", async () => {
    const result = await importDepartmentRows(
      t.db,
      [
        { code: "ZAISEI", name: "財政課", parentCode: "KIKAKU" },
        { code: "SOUMU", name: "総務部", parentCode: null },
      ],
      {},
    );
    expect(result).toEqual({ ok: true, total: 2, created: 0, updated: 1, unchanged: 1, errors: [] });
    const row = await t.db
      .selectFrom("departments as d")
      .innerJoin("departments as p", "p.id", "d.parent_id")
      .select(["d.name", "p.code"])
      .where("d.code", "=", "ZAISEI")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: "財政課", code: "KIKAKU" });
  });

  it("a dry run reports the same counts and writes nothing", async () => {
    const before = await counts();
    const file = csv([
      EMP_HEADER,
      "300001,新人 一,シンジン ハジメ,hajime.arai@pref.example.jp,JINJI,主事,2000,2024-04-01,",
      "100002,加藤 花子,かとう　はなこ,hanako.kato@pref.example.jp,SOUMU-KA,課長補佐,1980,2003-04-01,",
    ]);
    const result = await importCsv(t.db, "employees", file, { dryRun: true });
    expect(result).toEqual({ ok: true, total: 2, created: 1, updated: 1, unchanged: 0, errors: [] });
    expect(await counts()).toEqual(before);
    expect(await employeeState("300001")).toBeUndefined();
    expect(await employeeState("100002")).toMatchObject({ grade: "係長" });
  });

  it("refuses an email used by an employee outside the file, case-insensitively", async () => {
    const result = await importCsv(
      t.db,
      "employees",
      csv([EMP_HEADER, "300002,別人 二,ベツジン ニ,Hanako.Kato@PREF.example.jp,JINJI,主事,2000,2024-04-01,"]),
      {},
    );
    expect(result.errors).toEqual([{ line: 2, message: "メールアドレス「Hanako.Kato@PREF.example.jp」は既に他の職員（職員番号 100002）が使用しています。" }]);
  });

  it("lets employees in the same file swap email addresses", async () => {
    const result = await importCsv(
      t.db,
      "employees",
      csv([
        EMP_HEADER,
        "100001,山田 太郎,ヤマダ タロウ,hanako.kato@pref.example.jp,KEIEI,主任,1990,2013-04-01,",
        "100002,加藤 花子,かとう　はなこ,taro.yamada@pref.example.jp,SOUMU-KA,係長,1980,2003-04-01,",
      ]),
      {},
    );
    expect(result).toMatchObject({ ok: true, updated: 2, errors: [] });
    expect((await employeeState("100001"))!.email).toBe("hanako.kato@pref.example.jp");
    expect((await employeeState("100002"))!.email).toBe("taro.yamada@pref.example.jp");
  });

  it("uses the caller's transaction when given one, so the caller decides the outcome", async () => {
    const row: EmployeeRow = {
      employeeNo: "300003",
      name: "取消 三",
      nameKana: "トリケシ サン",
      email: "tori@pref.example.jp",
      departmentCode: "JINJI",
      grade: "主事",
      birthYear: 1999,
      hiredOn: "2022-04-01",
      leftOn: null,
    };
    await expect(
      t.db.transaction().execute(async (trx) => {
        const result = await importEmployeeRows(trx, [row], { lines: [7] });
        expect(result.created).toBe(1);
        expect(await trx.selectFrom("employees").select("id").where("employee_no", "=", "300003").executeTakeFirst()).toBeDefined();
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await employeeState("300003")).toBeUndefined();
    const bad = await importEmployeeRows(t.db, [{ ...row, departmentCode: "NOPE" }], { lines: [7] });
    expect(bad.errors).toEqual([{ line: 7, message: "所属コード「NOPE」が見つかりません。" }]);
  });

  it("writes parents before children across insert chunks, whatever the file order", async () => {
    // 2,450 children listed before their 50 parents: more than two INSERT chunks.
    const children: string[] = [];
    const parents: string[] = [];
    for (let p = 0; p < 50; p++) {
      parents.push(`BU${p},部局${p},`);
      for (let c = 0; c < 49; c++) children.push(`BU${p}-${c},所属${p}-${c},BU${p}`);
    }
    const result = await importCsv(t.db, "departments", csv(["code,name,parent_code", ...children, ...parents]), {});
    expect(result).toMatchObject({ ok: true, total: 2500, created: 2500, errors: [] });
    const child = await t.db
      .selectFrom("departments as d")
      .innerJoin("departments as p", "p.id", "d.parent_id")
      .select("p.code")
      .where("d.code", "=", "BU49-48")
      .executeTakeFirstOrThrow();
    expect(child.code).toBe("BU49");
  });

  it("imports 3,200 employees in one go, and re-imports them unchanged", async () => {
    const families = ["ヤマダ", "サトウ", "スズキ", "タカハシ", "タナカ", "イトウ", "ワタナベ", "ナカムラ"];
    const given = ["タロウ", "ハナコ", "イチロウ", "ヨウコ", "アキラ", "ミサキ"];
    const grades = ["主事", "技師", "主任", "係長", "課長補佐", "副主幹", "主幹", "課長", "次長", "部長"];
    const units = ["JINJI", "SOUMU-KA", "KEIEI", "ZAISEI"];
    const lines = [EMP_HEADER];
    for (let i = 0; i < 3200; i++) {
      const no = String(500000 + i);
      lines.push(
        `${no},職員 ${i},${families[i % 8]} ${given[i % 6]},e${no}@pref.example.jp,${units[i % 4]},${grades[i % 10]},${1960 + (i % 45)},${2000 + (i % 24)}-04-01,${i % 50 === 0 ? "2025-03-31" : ""}`,
      );
    }
    const file = csv(lines);
    // Speed is the benchmark's business; here the whole file goes in, and a re-import changes nothing.
    const result = await importCsv(t.db, "employees", file, {});
    expect(result).toMatchObject({ ok: true, total: 3200, created: 3200, errors: [] });
    expect(await importCsv(t.db, "employees", file, {})).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 3200 });
  });
});
