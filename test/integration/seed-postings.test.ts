import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seeds/index.server";
import { DEMO_ACCOUNTS } from "../../seeds/demo-accounts";
import { useTestDatabase } from "../helpers/db";

const t = useTestDatabase();

/** Distinct employees with a record of `scheme` counting in FY `fy` as of `asOf` (DESIGN §3). */
async function counted(scheme: string, fy: number, asOf: string) {
  const { rows } = await sql<{ n: number }>`
    SELECT count(DISTINCT employee_id)::int AS n FROM participations
    WHERE scheme = ${scheme} AND start_on <= LEAST(${asOf}::date, ${`${fy + 1}-03-31`}::date)
      AND (end_on IS NULL OR end_on >= ${`${fy}-04-01`}::date)`.execute(t.db);
  return rows[0].n;
}

beforeAll(async () => {
  await seedDemo(t.db);
}, 120_000);

describe("demo postings and applications", () => {
  it("reproduce 令和6年度: 13 people via side-job postings and 13 via job challenges as of 2024-10-01", async () => {
    expect(await counted("side_job", 2024, "2024-10-01")).toBe(13);
    expect(await counted("job_challenge", 2024, "2024-10-01")).toBe(13);
  });

  it("keep the two groups of 令和6年度 distinct people, so together they are 26", async () => {
    const { rows } = await sql<{ n: number }>`
      SELECT count(DISTINCT employee_id)::int AS n FROM participations
      WHERE scheme IN ('side_job', 'job_challenge') AND start_on <= '2024-10-01' AND (end_on IS NULL OR end_on >= '2024-04-01')`.execute(t.db);
    expect(rows[0].n).toBe(26);
  });

  it("let 令和8年度 grow month by month and stay below the target of 50", async () => {
    const byMonth = [];
    for (const asOf of ["2026-06-30", "2026-08-31", "2026-10-31"]) byMonth.push((await counted("side_job", 2026, asOf)) + (await counted("job_challenge", 2026, asOf)));
    expect(byMonth[0]).toBeGreaterThan(0);
    expect(byMonth[1]).toBeGreaterThan(byMonth[0]);
    expect(byMonth[2]).toBeGreaterThan(byMonth[1]);
    expect(byMonth[2]).toBeLessThan(50);
  });

  it("leave postings open today and work waiting for the demo accounts", async () => {
    const open = await t.db.selectFrom("postings").select("id").where("status", "=", "published").execute();
    expect(open.length).toBeGreaterThanOrEqual(4);
    const supervisor = DEMO_ACCOUNTS.find((a) => a.role === "supervisor")!;
    const waiting = await t.db
      .selectFrom("applications as a")
      .innerJoin("employees as s", "s.id", "a.supervisor_id")
      .select("a.id")
      .where("s.employee_no", "=", supervisor.employeeNo)
      .where("a.status", "=", "awaiting_consent")
      .execute();
    expect(waiting.length).toBeGreaterThanOrEqual(1);
    // Historical notifications were not left in the outbox.
    const old = await t.db.selectFrom("outbox_emails").select("id").where("template", "=", "application-decision").execute();
    expect(old).toHaveLength(0);
  });

  it("created every participation through an accepted application", async () => {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM participations p JOIN applications a ON a.id = p.application_id
      WHERE a.status NOT IN ('accepted', 'participating', 'completed')`.execute(t.db);
    expect(rows[0].n).toBe(0);
  });
});
