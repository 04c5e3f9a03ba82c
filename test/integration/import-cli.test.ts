import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { runImportCommand } from "../../app/people/import/cli.server";
import { useTestDatabase } from "../helpers/db";

const t = useTestDatabase();
const fixtures = path.join(import.meta.dirname, "../fixtures/import");
const dir = mkdtempSync(path.join(tmpdir(), "import-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out = { logs: [] as string[], errors: [] as string[] };
  return { out, sink: { log: (s: string) => out.logs.push(s), error: (s: string) => out.errors.push(s) } };
}

describe("cli import", () => {
  it("imports good files, prints the summary and exits 0", async () => {
    const deps = capture();
    expect(await runImportCommand(t.db, "departments", path.join(fixtures, "departments.csv"), deps.sink)).toBe(0);
    expect(deps.out).toEqual({ logs: ["取込完了: 新規 6 件、更新 0 件、変更なし 0 件"], errors: [] });

    const emps = capture();
    expect(await runImportCommand(t.db, "employees", path.join(fixtures, "employees.csv"), emps.sink)).toBe(0);
    expect(emps.out.logs).toEqual(["取込完了: 新規 4 件、更新 0 件、変更なし 0 件"]);

    const again = capture();
    expect(await runImportCommand(t.db, "employees", path.join(fixtures, "employees.csv"), again.sink)).toBe(0);
    expect(again.out.logs).toEqual(["取込完了: 新規 0 件、更新 0 件、変更なし 4 件"]);
  });

  it("reads a Shift_JIS file saved by Excel", async () => {
    const file = path.join(dir, "所属.csv");
    writeFileSync(file, iconv.encode("code,name,parent_code\r\nKOSODATE,子育て支援課,SOUMU\r\n", "cp932"));
    const run = capture();
    expect(await runImportCommand(t.db, "departments", file, run.sink)).toBe(0);
    expect(run.out.logs).toEqual(["取込完了: 新規 1 件、更新 0 件、変更なし 0 件"]);
    const row = await t.db.selectFrom("departments").select("name").where("code", "=", "KOSODATE").executeTakeFirstOrThrow();
    expect(row.name).toBe("子育て支援課");
  });

  it("prints every error line and exits 1 on a bad file, writing nothing", async () => {
    const before = await t.db
      .selectFrom("employees")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const run = capture();
    expect(await runImportCommand(t.db, "employees", path.join(fixtures, "employees-bad.csv"), run.sink)).toBe(1);
    expect(run.out.logs).toEqual([]);
    expect(run.out.errors).toContain("3行目: 所属コード「X99」が見つかりません。");
    const lines = run.out.errors.filter((e) => /^\d+行目: /.test(e)).map((e) => Number(e.split("行目")[0]));
    expect([...new Set(lines)]).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15]);
    expect(run.out.errors.at(-1)).toMatch(/取込を中止しました/);
    const after = await t.db
      .selectFrom("employees")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("exits 1 when the file cannot be read", async () => {
    const run = capture();
    expect(await runImportCommand(t.db, "employees", path.join(dir, "missing.csv"), run.sink)).toBe(1);
    expect(run.out.errors[0]).toMatch(/読み込めません（ENOENT）/);
  });

  it("prints the usage and exits 2 for an unknown kind", async () => {
    const run = capture();
    expect(await runImportCommand(t.db, "participants", path.join(fixtures, "employees.csv"), run.sink)).toBe(2);
    expect(run.out.errors.join("\n")).toMatch(
      /取込の種類「participants」には対応していません。[\s\S]*使い方: npm run cli -- import departments\|employees FILE/,
    );
  });
});
