import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { participationReport } from "../../app/reports/participation.server";
import { benchSizes, generateBenchData, type BenchFixture } from "../../bench/generate";
import { useTestDatabase } from "../helpers/db";

// The benchmark's set-based generator at a tiny scale: the row counts it promises, and data the schema's own rules
// accept (nothing is switched off while it writes), shaped for the pages the benchmark measures.

const t = useTestDatabase();
const SCALE = 0.01;
let fixture: BenchFixture;

const count = async (query: string) => Number((await sql<{ n: number }>`${sql.raw(query)}`.execute(t.db)).rows[0].n);

beforeAll(async () => {
  fixture = await generateBenchData(t.db, { scale: SCALE, today: "2026-11-21" });
}, 60_000);

describe("bench generator", () => {
  it("writes the counts of its scale", async () => {
    const sizes = benchSizes(SCALE);
    expect(fixture.sizes).toEqual(sizes);
    expect(fixture.fiscalYear).toBe(2026);
    const expected: Record<string, number> = {
      departments: sizes.units + sizes.bureaus,
      employees: sizes.employees,
      postings: sizes.postings,
      applications: sizes.applications,
      participations: sizes.participations,
      consultation_bookings: sizes.consultations,
      contest_proposals: sizes.proposals,
      contest_reviews: sizes.reviews,
      counselor_profiles: sizes.counselors,
    };
    for (const [table, n] of Object.entries(expected)) {
      expect(await count(`SELECT count(*)::int AS n FROM ${table}`), table).toBe(n);
      expect(fixture.counts[table], table).toBe(n);
    }
    expect(await count("SELECT count(DISTINCT fiscal_year)::int AS n FROM contest_rounds")).toBe(sizes.fiscalYears);
  });

  it("leaves every trigger on and every constraint validated", async () => {
    expect(await count("SELECT count(*)::int AS n FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'O'")).toBe(0);
    expect(await count("SELECT count(*)::int AS n FROM pg_constraint c JOIN pg_namespace s ON s.oid = c.connamespace WHERE s.nspname = 'public' AND NOT c.convalidated")).toBe(0);
    expect((await sql<{ role: string }>`SELECT current_setting('session_replication_role') AS role`.execute(t.db)).rows[0].role).toBe("origin");
  });

  it("keeps postings.filled equal to the accepted and participating applications, within capacity", async () => {
    const mismatched = await count(`
      SELECT count(*)::int AS n FROM postings p
      WHERE p.filled <> (SELECT count(*) FROM applications a WHERE a.posting_id = p.id AND a.status IN ('accepted', 'participating'))
         OR p.filled > p.capacity`);
    expect(mismatched).toBe(0);
    expect(await count("SELECT sum(filled)::int AS n FROM postings")).toBeGreaterThan(0);
    // Only postings that were open for applications received any.
    expect(await count("SELECT count(*)::int AS n FROM applications a JOIN postings p ON p.id = a.posting_id WHERE p.approved_at IS NULL OR p.apply_from > '2026-11-21'")).toBe(0);
  });

  it("gives every accepted application its participation record, and contest members theirs", async () => {
    expect(
      await count(`SELECT count(*)::int AS n FROM applications a WHERE a.status IN ('accepted', 'participating', 'completed')
                   AND NOT EXISTS (SELECT 1 FROM participations r WHERE r.application_id = a.id)`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM contest_project_members m JOIN contest_projects p ON p.id = m.project_id
                   WHERE NOT EXISTS (SELECT 1 FROM participations r WHERE r.contest_project_id = p.id AND r.employee_id = m.employee_id)`),
    ).toBe(0);
    expect(await count("SELECT count(*)::int AS n FROM participations WHERE source = 'import'")).toBeGreaterThan(0);
  });

  it("spaces consultations: no counsellor or employee double-booked, at most two future bookings each", async () => {
    expect(
      await count(`SELECT count(*)::int AS n FROM consultation_bookings a JOIN consultation_bookings b ON a.id < b.id
                   AND a.status <> 'cancelled' AND b.status <> 'cancelled'
                   AND (a.counselor_id = b.counselor_id AND tstzrange(a.starts_at, a.blocked_until) && tstzrange(b.starts_at, b.blocked_until)
                     OR a.employee_id = b.employee_id AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at))`),
    ).toBe(0);
    expect(await count("SELECT COALESCE(max(n), 0)::int AS n FROM (SELECT count(*) AS n FROM consultation_bookings WHERE status = 'booked' AND starts_at > now() GROUP BY employee_id) x")).toBeLessThanOrEqual(2);
    expect(await count("SELECT count(*)::int AS n FROM consultation_bookings WHERE status = 'booked' AND starts_at > now()")).toBeGreaterThan(0);
  });

  it("assigns no reviewer with a conflict of interest and scores inside each scale", async () => {
    expect(await count("SELECT count(*)::int AS n FROM contest_assignments WHERE contest_has_conflict(proposal_id, reviewer_id)")).toBe(0);
    expect(await count("SELECT count(*)::int AS n FROM contest_scores s JOIN contest_criteria c ON c.id = s.criterion_id WHERE s.score NOT BETWEEN c.scale_min AND c.scale_max")).toBe(0);
  });

  it("sets up what each measured page needs", async () => {
    const sizes = fixture.sizes;
    const full = await t.db.selectFrom("postings").select(["status", "capacity", "filled", "apply_from", "apply_until", "host_department_id"]).where("id", "=", fixture.fullPostingId).executeTakeFirstOrThrow();
    expect(full).toMatchObject({ status: "published", capacity: 10, filled: 10 });
    expect(full.apply_from <= "2026-11-21" && full.apply_until >= "2026-11-21").toBe(true);
    const consented = await count(`SELECT count(*)::int AS n FROM applications WHERE posting_id = ${fixture.fullPostingId} AND consent_decided_at IS NOT NULL AND status <> 'consent_declined'`);
    expect(consented).toBeGreaterThan(10);
    // The posting manager actor manages the full posting's unit.
    expect(await count(`SELECT count(*)::int AS n FROM role_grants WHERE employee_id = ${fixture.actors.posting_manager} AND role = 'posting_manager' AND department_id = ${full.host_department_id}`)).toBe(1);

    const detail = await t.db.selectFrom("postings").select(["status", "scheme"]).where("id", "=", fixture.detailPostingId).executeTakeFirstOrThrow();
    expect(detail).toEqual({ status: "published", scheme: "side_job" });
    const like = `%${fixture.browseKeyword}%`;
    const found = await t.db
      .selectFrom("postings")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "published")
      .where("scheme", "=", "side_job")
      .where("apply_from", "<=", "2026-11-21")
      .where("apply_until", ">=", "2026-11-21")
      .where("title", "ilike", like)
      .executeTakeFirstOrThrow();
    expect(Number(found.n)).toBeGreaterThan(0);

    expect(await count(`SELECT count(*)::int AS n FROM contest_proposals WHERE round_id = ${fixture.rankingRoundId} AND status = 'submitted'`)).toBe(sizes.rankingRoundProposals);
    expect(await count(`SELECT count(*)::int AS n FROM contest_reviews r JOIN contest_proposals p ON p.id = r.proposal_id WHERE p.round_id = ${fixture.rankingRoundId} AND r.status = 'submitted'`)).toBeGreaterThan(sizes.rankingRoundProposals);

    const roles = await t.db.selectFrom("role_grants").select(["employee_id", "role"]).execute();
    for (const role of ["supervisor", "posting_manager", "hr_admin", "contest_admin", "reviewer", "counselor"] as const) {
      expect(roles.some((g) => g.employee_id === fixture.actors[role] && g.role === role), role).toBe(true);
    }
    expect(roles.some((g) => g.employee_id === fixture.actors.employee)).toBe(false);
    // The employee can book: no future bookings of their own, nobody has left among the actors.
    expect(await count(`SELECT count(*)::int AS n FROM consultation_bookings WHERE employee_id = ${fixture.actors.employee}`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM employees WHERE id IN (${Object.values(fixture.actors).join(",")}) AND left_on IS NOT NULL`)).toBe(0);
  });

  it("gives the participation report something to count in every fiscal year", async () => {
    const report = await participationReport(t.db, { fiscalYear: 2026, asOf: "2026-11-21" });
    expect(report.headcount).toBeGreaterThan(0);
    expect(report.headcount).toBeLessThanOrEqual(fixture.sizes.employees);
    expect(report.participants).toBeGreaterThan(0);
    expect(report.target).toBe(50);
    expect(report.contest.proposals).toBeGreaterThan(0);
    expect(report.consultations.count).toBeGreaterThan(0);
    const earliest = await participationReport(t.db, { fiscalYear: 2017 });
    expect(earliest.participants).toBeGreaterThan(0);
  });

  it("refuses a database that already holds data", async () => {
    await expect(generateBenchData(t.db, { scale: SCALE, today: "2026-11-21", analyze: false })).rejects.toThrow(/empty database/);
  });
});
