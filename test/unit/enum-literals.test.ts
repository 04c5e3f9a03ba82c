import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from "kysely";
import { describe, expect, it } from "vitest";
import { EnumLiteralsPlugin } from "../../db/enum-literals";
import type { Database } from "../../db/schema";

// What the plugin does to the SQL text (db/enum-literals.ts); test/integration/query-plans.test.ts shows why.
const db = new Kysely<Database>({
  dialect: { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (k) => new PostgresIntrospector(k), createQueryCompiler: () => new PostgresQueryCompiler() },
  plugins: [new EnumLiteralsPlugin()],
});

describe("EnumLiteralsPlugin", () => {
  it("writes an enumerated column's value into the statement", () => {
    const q = db.selectFrom("consultation_bookings as b").select("b.id").where("b.status", "=", "booked").where("b.counselor_id", "=", 7).compile();
    expect(q.sql).toBe(`select "b"."id" from "consultation_bookings" as "b" where "b"."status" = 'booked' and "b"."counselor_id" = $1`);
    expect(q.parameters).toEqual([7]);
  });

  it("writes lists, other operators, unqualified columns and join conditions the same way", () => {
    const q = db
      .selectFrom("postings as p")
      .leftJoin("applications as a", (j) => j.onRef("a.posting_id", "=", "p.id").on("a.status", "in", ["accepted", "participating"]))
      .select("p.id")
      .where("p.scheme", "<>", "job_challenge")
      .where("p.work_style", "in", ["remote", "hybrid"])
      .compile();
    expect(q.sql).toContain(`"a"."status" in ('accepted', 'participating')`);
    expect(q.sql).toContain(`"p"."scheme" <> 'job_challenge'`);
    expect(q.sql).toContain(`"p"."work_style" in ('remote', 'hybrid')`);
    expect(q.parameters).toEqual([]);
    expect(db.selectFrom("role_grants").select("id").where("role", "=", "hr_admin").compile().sql).toBe(`select "id" from "role_grants" where "role" = 'hr_admin'`);
  });

  it("leaves every other value a parameter: other columns, values not shaped like an enumeration, written values", () => {
    const other = db.selectFrom("employees").select("id").where("name", "=", "booked").compile();
    expect(other.sql).toBe(`select "id" from "employees" where "name" = $1`);
    const odd = db.selectFrom("postings").select("id").where("status", "=", "x'); DROP TABLE postings; --" as never).where("status", "in", ["published", "Draft"] as never[]).compile();
    expect(odd.sql).toBe(`select "id" from "postings" where "status" = $1 and "status" in ($2, $3)`);
    const update = db.updateTable("postings").set({ status: "closed" }).where("status", "=", "published").compile();
    expect(update.sql).toBe(`update "postings" set "status" = $1 where "status" = 'published'`);
    expect(update.parameters).toEqual(["closed"]);
  });
});
