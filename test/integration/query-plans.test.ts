import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client.server";
import { generateBenchData, type BenchFixture } from "../../bench/generate";
import { searchPostings } from "~/postings/browse.server";
import { getApplicantContext } from "~/postings/postings.server";
import { loadFreeSlots } from "~/consultations/booking-queries.server";
import { useTestDatabase } from "../helpers/db";

// Every query is a named prepared statement (db/client.server.ts). PostgreSQL plans the first five executions for
// their values and then switches to one generic plan, but only when that plan looks as cheap; otherwise it plans
// afresh on every execution, which on the busy pages cost as much database time as running the query. These are
// the statements of the pages `npm run bench` measures that used to stay on custom plans, on data shaped like the
// benchmark's (statistics matter: on a handful of rows every plan looks cheap). Without the statuses as literals
// (db/enum-literals.ts) the first two fail on the embedded PostgreSQL 17 (on PostgreSQL 15 the browse search does);
// without the bounded start (migration 0012) the third fails on both.

const t = useTestDatabase();
const TODAY = "2026-11-21";
let fixture: BenchFixture;

beforeAll(async () => {
  fixture = await generateBenchData(t.db, { scale: 0.3, today: TODAY });
}, 60_000);

/** Runs `work` seven times on one connection and reads that connection's prepared statements. */
async function plansOf(work: (db: ReturnType<typeof createDb>) => Promise<unknown>, marker: string) {
  const single = createDb(t.url, { max: 1 });
  try {
    for (let i = 0; i < 7; i++) await work(single);
    const { rows } = await sql<{ generic_plans: number; custom_plans: number }>`
      SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE strpos(statement, ${marker}) > 0
    `.execute(single);
    return rows;
  } finally {
    await single.destroy();
  }
}

describe("statements that must not be planned on every execution", () => {
  it("the browse search (keyword, scheme)", async () => {
    const plans = await plansOf(
      // the statement itself: browsePostings serves repeats from the cache (ADR 012)
      (db) => searchPostings(db, { scheme: "side_job", q: fixture.browseKeyword }, { today: TODAY }),
      "count(*) OVER ()",
    );
    expect(plans).toHaveLength(1);
    expect(plans[0].generic_plans).toBeGreaterThan(0);
  });

  it("the posting detail's applicant context (grade, employment type, own live application)", async () => {
    const plans = await plansOf((db) => getApplicantContext(db, fixture.detailPostingId, fixture.actors.employee), `"g"."rank" as "grade_rank"`);
    expect(plans).toHaveLength(1);
    expect(plans[0].generic_plans).toBeGreaterThan(0);
  });

  it("the booking page's week of the counsellors' hours, exceptions and bookings", async () => {
    const plans = await plansOf(
      (db) =>
        loadFreeSlots(db, {
          counselorId: null,
          from: new Date("2026-11-23T00:00:00+09:00"),
          to: new Date("2026-11-30T00:00:00+09:00"),
          now: new Date("2026-11-21T12:00:00+09:00"),
          employeeId: fixture.actors.employee,
        }),
      "counselor_weekly_hours w",
    );
    expect(plans).toHaveLength(1);
    expect(plans[0].generic_plans).toBeGreaterThan(0);
  });

  it("relies on no booking taking its counsellor for more than a day, which the database refuses", async () => {
    // a cancelled booking: it no longer takes part in the exclusion constraints, so only the length is checked
    const booking = await t.db.selectFrom("consultation_bookings").select(["id", "starts_at"]).where("status", "=", "cancelled").orderBy("id").limit(1).executeTakeFirstOrThrow();
    const longer = (hours: number) =>
      t.db
        .updateTable("consultation_bookings")
        .set({ ends_at: new Date(booking.starts_at.getTime() + 60 * 60_000), blocked_until: new Date(booking.starts_at.getTime() + hours * 3_600_000) })
        .where("id", "=", booking.id)
        .execute();
    await expect(longer(25)).rejects.toThrow(/consultation_bookings_at_most_a_day/);
    await expect(longer(24)).resolves.toBeDefined();
  });
});
