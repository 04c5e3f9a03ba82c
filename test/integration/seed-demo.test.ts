import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "../../app/auth/password.server";
import { resolveSupervisor } from "../../app/people/directory.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../seeds/demo-accounts";
import { generateDirectory } from "../../seeds/directory";
import { isDemoSeeded, seedDemo } from "../../seeds/index.server";
import { seedDirectory } from "../../seeds/seed-directory.server";
import { useTestDatabase } from "../helpers/db";

const t = useTestDatabase();
const directory = generateDirectory();

// Everything the directory seed writes, in a stable order, timestamps included: a no-op re-run leaves it equal.
async function snapshot() {
  return {
    departments: await t.db.selectFrom("departments").selectAll().orderBy("id").execute(),
    employees: await t.db.selectFrom("employees").selectAll().orderBy("id").execute(),
    grants: await t.db.selectFrom("role_grants").selectAll().orderBy("id").execute(),
    credentials: await t.db.selectFrom("credentials").selectAll().orderBy("employee_id").execute(),
  };
}

const employeeId = async (employeeNo: string) =>
  (await t.db.selectFrom("employees").select("id").where("employee_no", "=", employeeNo).executeTakeFirstOrThrow()).id;

describe("seedDemo", () => {
  it("loads the whole directory, roles and demo accounts in a few seconds", async () => {
    expect(await isDemoSeeded(t.db)).toBe(false);
    const lines: string[] = [];
    const started = performance.now();
    const counts = await seedDemo(t.db, { log: (line) => lines.push(line) });
    const seconds = (performance.now() - started) / 1000;
    console.info(`seedDemo (first run): ${seconds.toFixed(2)} s — ${lines.join(" / ")}`);

    expect(counts).toEqual({ departments: directory.units.length, employees: directory.employees.length });
    const count = async (table: "departments" | "employees" | "credentials") =>
      Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    expect(await count("departments")).toBe(directory.units.length);
    expect(await count("employees")).toBe(directory.employees.length);
    expect(await count("credentials")).toBe(DEMO_ACCOUNTS.length);

    // One head per unit, each the highest grade of their unit.
    const heads = await sql<{ department_id: number; unit_grade_max: number; head_rank: number; head_unit: number; ties: number }>`
      SELECT g.department_id, max(gr.rank) AS unit_grade_max, hr.rank AS head_rank, h.department_id AS head_unit,
             count(*) FILTER (WHERE gr.rank = hr.rank) AS ties
      FROM role_grants g
      JOIN employees h ON h.id = g.employee_id
      JOIN grades hr ON hr.code = h.grade
      JOIN employees e ON e.department_id = g.department_id
      JOIN grades gr ON gr.code = e.grade
      WHERE g.role = 'supervisor'
      GROUP BY g.department_id, hr.rank, h.department_id`.execute(t.db);
    expect(heads.rows).toHaveLength(directory.units.length);
    for (const row of heads.rows) {
      expect(row.head_unit).toBe(row.department_id);
      expect(row.head_rank).toBe(row.unit_grade_max);
      expect(Number(row.ties)).toBe(1);
    }

    const meta = await t.db.selectFrom("app_meta").select("value").where("key", "=", "demo_seeded_at").executeTakeFirstOrThrow();
    expect(typeof meta.value).toBe("string");
    expect(new Date(meta.value as string).toISOString()).toBe(meta.value);
    expect(await isDemoSeeded(t.db)).toBe(true);

    // The imports went through the domain module, so they are in the audit log.
    const audited = await t.db.selectFrom("audit_log").select("action").where("action", "in", ["import.departments", "import.employees"]).execute();
    expect(audited.map((a) => a.action).sort()).toEqual(["import.departments", "import.employees"]);
  });

  it("changes nothing when run again", async () => {
    const before = await snapshot();
    const lines: string[] = [];
    const started = performance.now();
    const counts = await seedDemo(t.db, { log: (line) => lines.push(line) });
    console.info(`seedDemo (second run): ${((performance.now() - started) / 1000).toFixed(2)} s — ${lines.join(" / ")}`);
    expect(counts).toEqual({ departments: directory.units.length, employees: directory.employees.length });
    expect(await snapshot()).toEqual(before);

    const again = await seedDirectory(t.db);
    expect(again.departments).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: directory.units.length });
    expect(again.employees).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: directory.employees.length });
    expect(again.grantsCreated).toBe(0);
    expect(again.passwordsSet).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it("routes the demo employee's consent to the demo supervisor, and theirs to the 部長", async () => {
    const employee = DEMO_ACCOUNTS.find((a) => a.role === "employee")!;
    const supervisor = DEMO_ACCOUNTS.find((a) => a.role === "supervisor")!;
    const head = await resolveSupervisor(t.db, await employeeId(employee.employeeNo));
    expect(head).toMatchObject({ employee_no: supervisor.employeeNo, unit_name: employee.unitName, grade: "課長" });
    const above = await resolveSupervisor(t.db, await employeeId(supervisor.employeeNo));
    expect(above?.grade).toBe("部長");
    expect(above?.unit_name).toBe("地方創生局");
  });

  it("gives each demo account its role", async () => {
    for (const account of DEMO_ACCOUNTS) {
      const rows = await t.db
        .selectFrom("role_grants as g")
        .innerJoin("employees as e", "e.id", "g.employee_id")
        .leftJoin("departments as d", "d.id", "g.department_id")
        .select(["g.role", "d.name as unit"])
        .where("e.employee_no", "=", account.employeeNo)
        .execute();
      if (account.role === "employee") expect(rows).toEqual([]);
      else if (account.role === "supervisor" || account.role === "posting_manager") expect(rows).toEqual([{ role: account.role, unit: account.unitName }]);
      else expect(rows).toEqual([{ role: account.role, unit: null }]);
    }
  });

  it("sets the demo password (argon2id) for the demo accounts only", async () => {
    const rows = await t.db
      .selectFrom("credentials as c")
      .innerJoin("employees as e", "e.id", "c.employee_id")
      .select(["e.employee_no", "c.password_hash"])
      .execute();
    expect(rows.map((r) => r.employee_no).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.employeeNo).sort());
    for (const row of rows) {
      expect(row.password_hash.startsWith("$argon2id$")).toBe(true);
      expect(await verifyPassword(row.password_hash, DEMO_PASSWORD)).toBe(true);
      expect(await verifyPassword(row.password_hash, "wrong-password")).toBe(false);
    }
  });

  it("leaves a few people with a past left_on, so headcount excludes them", async () => {
    const active = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM employees WHERE hired_on <= DATE '2026-04-01' AND (left_on IS NULL OR left_on >= DATE '2026-04-01')`.execute(t.db);
    const left = directory.employees.filter((e) => e.leftOn !== null).length;
    expect(left).toBeGreaterThan(0);
    expect(active.rows[0].n).toBe(directory.employees.length - left);
  });
});
