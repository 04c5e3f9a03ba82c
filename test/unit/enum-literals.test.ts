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

  it("reaches comparisons in subqueries, EXISTS, raw SQL and CASE, and leaves data in parameters alone", () => {
    const q = db
      .selectFrom("postings as p")
      .select((eb) => [
        "p.id",
        eb.selectFrom("applications as a").select("a.id").whereRef("a.posting_id", "=", "p.id").where("a.status", "=", "screening").limit(1).as("mine"),
        eb.case().when("p.status", "=", "closed").then(1).else(0).end().as("closed"),
      ])
      .where((eb) => eb.exists(eb.selectFrom("role_grants as rg").select("rg.id").where("rg.role", "=", "hr_admin")))
      .where("p.id", "in", (eb) => eb.selectFrom("postings as q").select("q.id").where("q.scheme", "=", "side_job"))
      .where("p.title", "=", { kind: "BinaryOperationNode", status: "booked" } as never)
      .compile();
    expect(q.sql).toContain(`"a"."status" = 'screening'`);
    expect(q.sql).toContain(`when "p"."status" = 'closed' then`);
    expect(q.sql).toContain(`"rg"."role" = 'hr_admin'`);
    expect(q.sql).toContain(`"q"."scheme" = 'side_job'`);
    expect(q.sql).not.toContain("booked");
    expect(q.parameters).toContainEqual({ kind: "BinaryOperationNode", status: "booked" });
  });

  it("hands back a query it does not change as it is, and shares the untouched parts of one it changes", () => {
    const plugin = new EnumLiteralsPlugin();
    // nodes as the query builder makes them, before any plugin
    const plain = db.withoutPlugins();
    const untouched = plain.selectFrom("employees").select(["id", "name"]).where("name", "=", "x").toOperationNode();
    expect(plugin.transformQuery({ node: untouched, queryId: { queryId: "a" } })).toBe(untouched);
    const changed = plain.selectFrom("postings").select(["id", "title"]).where("status", "=", "published").toOperationNode();
    const out = plugin.transformQuery({ node: changed, queryId: { queryId: "b" } }) as typeof changed;
    expect(out).not.toBe(changed);
    expect(out.selections).toBe(changed.selections);
    expect(out.from).toBe(changed.from);
    expect(Object.isFrozen(out)).toBe(true);
    expect(Object.isFrozen(out.where)).toBe(true);
  });
});
