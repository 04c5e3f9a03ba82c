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

  it("reproduce the 令和6年度 contest: 8 proposals, 3 正式採択 + 5 ステップアップ枠, 13 engaged of whom 9 outside their unit", async () => {
    const round = await t.db
      .selectFrom("contest_rounds as r")
      .leftJoin("contest_proposals as p", (j) => j.onRef("p.round_id", "=", "r.id").on("p.status", "=", "submitted"))
      .select((eb) => [
        eb.fn.count<number>("p.id").as("proposals"),
        eb.fn.count<number>("p.id").filterWhere("p.outcome", "=", "adopted").as("adopted"),
        eb.fn.count<number>("p.id").filterWhere("p.outcome", "=", "step_up").as("stepUp"),
      ])
      .where("r.fiscal_year", "=", 2024)
      .executeTakeFirstOrThrow();
    expect(round).toEqual({ proposals: 8, adopted: 3, stepUp: 5 });
    const { rows } = await sql<{ engaged: number; outside: number }>`
      SELECT count(DISTINCT p.employee_id)::int AS engaged,
             count(DISTINCT p.employee_id) FILTER (WHERE p.host_department_id <> e.department_id)::int AS outside
      FROM participations p JOIN employees e ON e.id = p.employee_id
      WHERE p.scheme = 'contest_project' AND p.start_on <= '2024-10-01' AND (p.end_on IS NULL OR p.end_on >= '2024-04-01')`.execute(t.db);
    expect(rows[0]).toEqual({ engaged: 13, outside: 9 });
  });

  it("keep this year's contest live: one round taking proposals today and one in review", async () => {
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date());
    const rounds = await t.db.selectFrom("contest_rounds").select(["call_opens_on", "call_closes_on", "review_opens_on", "review_closes_on"]).execute();
    expect(rounds.some((r) => r.call_opens_on <= today && today <= r.call_closes_on)).toBe(true);
    expect(rounds.some((r) => r.review_opens_on <= today && today <= r.review_closes_on)).toBe(true);
  });

  it("reproduce the consultation room: 15 sessions from 2024-05-01 to 2024-09-30, a history since and bookings ahead", async () => {
    const { rows } = await sql<{ held: number; later: number; ahead: number; counselors: number }>`
      SELECT count(*) FILTER (WHERE starts_at >= '2024-04-01T00:00+09' AND starts_at < '2024-10-01T00:00+09' AND status NOT IN ('cancelled', 'no_show'))::int AS held,
             count(*) FILTER (WHERE starts_at >= '2024-10-01T00:00+09' AND starts_at < now() AND status = 'completed')::int AS later,
             count(*) FILTER (WHERE starts_at > now() AND status = 'booked')::int AS ahead,
             count(DISTINCT counselor_id)::int AS counselors
      FROM consultation_bookings`.execute(t.db);
    expect(rows[0].held).toBe(15);
    expect(rows[0].later).toBeGreaterThan(15);
    expect(rows[0].ahead).toBeGreaterThan(0);
    expect(rows[0].counselors).toBe(3);
  });

  it("created every participation through an accepted application", async () => {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM participations p JOIN applications a ON a.id = p.application_id
      WHERE a.status NOT IN ('accepted', 'participating', 'completed')`.execute(t.db);
    expect(rows[0].n).toBe(0);
  });
});
