import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";

const t = useTestDatabase();

describe("foundation schema", () => {
  it("folds katakana kana to hiragana and drops spaces for search", async () => {
    const dep = await t.db.insertInto("departments").values({ code: "X1", name: "総務課" }).returning("id").executeTakeFirstOrThrow();
    const row = await t.db
      .insertInto("employees")
      .values({ employee_no: "100", name: "山田 太郎", name_kana: "ヤマダ　タロウ", email: "y@example.jp", department_id: dep.id, grade: "主事", birth_year: 1990, hired_on: "2015-04-01" })
      .returning(["name_kana_search", "name_search", "hired_on"])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name_kana_search: "やまだたろう", name_search: "山田太郎", hired_on: "2015-04-01" });
  });

  it("keeps the audit log append-only", async () => {
    await t.db.insertInto("audit_log").values({ action: "test", entity_type: "x" }).execute();
    await expect(sql`DELETE FROM audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE audit_log SET action = 'y'`.execute(t.db)).rejects.toThrow(/append-only/);
  });
});

describe("employee email check", () => {
  it("accepts ordinary addresses (with the letter s) and refuses malformed ones", async () => {
    const dep = await t.db.insertInto("departments").values({ code: "X2", name: "税務課" }).returning("id").executeTakeFirstOrThrow();
    const base = { name: "佐々木 進", name_kana: "ササキ ススム", department_id: dep.id, grade: "主事", birth_year: 1992, hired_on: "2016-04-01" };
    await t.db.insertInto("employees").values({ ...base, employee_no: "201", email: "susumu.sasaki@pref.toyama.example" }).execute();
    await expect(t.db.insertInto("employees").values({ ...base, employee_no: "202", email: "no at sign" }).execute()).rejects.toThrow(/check/i);
    await expect(t.db.insertInto("employees").values({ ...base, employee_no: "203", email: "a b@example.jp" }).execute()).rejects.toThrow(/check/i);
  });
});
