import { sql, type KyselyPlugin } from "kysely";
import { setDb } from "../../db/client.server";
import { REQUEST_STAMP } from "~/auth/request-stamp";
import { getUser } from "~/auth/session.server";
import { beforeAll, describe, expect, it } from "vitest";
import { acceptApplication } from "~/applications/commands.server";
import { addDays } from "~/calendar/business-days";
import { cancelBooking } from "~/consultations/booking.server";
import { fiscalYearOf, todayInTokyo } from "~/i18n/format";
import { importCsv } from "~/people/import/import.server";
import { loadDashboardView, type DashboardRequest, type DashboardView } from "~/reports/dashboard-view.server";
import { cachedReport } from "~/reports/report-cache.server";
import { setParticipationTarget } from "~/reports/targets.server";
import { useTestDatabase } from "../helpers/db";
import { createEmployee, request, sessionCookie } from "../helpers/factories";
import { buildWorld, createPosting, MOTIVATION, type World } from "./applications-fixtures";
import { createCounselor } from "./consultations-booking-fixtures";

// The dashboard is cached per process under the report data's version (ADR 005, migration 0007). A repeated view
// must come from the cache; every committed write the figures depend on must change the version, so the next view
// shows it; a view must never show figures older than a write that committed before it was asked for, nor figures
// mixed from two commits.

const t = useTestDatabase();
let w: World;
let today: string;
const HR: DashboardRequest = { fy: null, asOf: null, departmentId: null, includeConsultations: true };

beforeAll(async () => {
  w = await buildWorld(t.db);
  today = todayInTokyo();
});

const version = async () => Number((await sql<{ version: string }>`SELECT version FROM report_data_version`.execute(t.db)).rows[0].version);
const view = (request: DashboardRequest = HR) => loadDashboardView(t.db, request, today);
/** The same figures computed afresh: inside a transaction the cache is bypassed. */
const fresh = (request: DashboardRequest = HR) => t.db.transaction().execute((trx) => loadDashboardView(trx, request, today));

/** Runs the write and checks that it changed the version and that the next view is a fresh computation. */
async function afterWrite(write: () => Promise<unknown>, request: DashboardRequest = HR) {
  const before = await view(request);
  const v0 = await version();
  await write();
  expect(await version()).toBeGreaterThan(v0);
  const after = await view(request);
  expect(after).not.toBe(before);
  expect(after).toEqual(await fresh(request));
  return { before, after };
}

const newEmployee = () => createEmployee(t.db, { departmentId: w.units.tourism.id, hiredOn: "2010-04-01" });

describe("a repeated view", () => {
  it("comes from the cache, frozen, until the report data changes", async () => {
    const first = await view();
    expect(await view()).toBe(first);
    expect(Object.isFrozen(first.report)).toBe(true);
    expect(first).toEqual(await fresh());
    // Writes the figures do not depend on keep it: a language switch, a session, an audit entry, a draft's title.
    const v0 = await version();
    await t.db.updateTable("employees").set({ locale: "en" }).where("id", "=", w.people.applicant.id).execute();
    await t.db.insertInto("audit_log").values({ action: "test", entity_type: "x" }).execute();
    expect(await version()).toBe(v0);
    expect(await view()).toBe(first);
  });

  it("freezes what it keeps all the way down, also under an object that came frozen", async () => {
    const kept = await cachedReport(t.db, `test:freeze:${Date.now()}`, async () => Object.freeze({ rows: [{ id: 1, tags: ["a"] }], shared: Object.freeze({ inner: { n: 1 } }) }));
    expect(Object.isFrozen(kept.rows)).toBe(true);
    expect(Object.isFrozen(kept.rows[0].tags)).toBe(true);
    expect(Object.isFrozen(kept.shared.inner)).toBe(true);
  });

  it("is keyed by everything else the figures depend on: year, as-of date, unit, today", async () => {
    const fy = fiscalYearOf(today);
    const a = await view({ ...HR, fy: String(fy), asOf: `${fy}-04-01` });
    const b = await view({ ...HR, fy: String(fy), asOf: `${fy + 1}-03-31` });
    expect(a.asOf).toBe(`${fy}-04-01`);
    expect(b.asOf).toBe(`${fy + 1}-03-31`);
    const unit = await view({ ...HR, departmentId: w.units.tourism.id, includeConsultations: false });
    expect(unit.consultations).toBeNull();
    expect(unit.report.target).toBeNull();
    const tomorrow = await loadDashboardView(t.db, HR, addDays(today, 1));
    expect(tomorrow).not.toBe(await view());
    // Malformed as-of dates share one entry and say they were ignored.
    const junk = await view({ ...HR, asOf: "yesterday" });
    expect(junk.asOfIgnored).toBe(true);
    expect(await view({ ...HR, asOf: "not-a-date" })).toBe(junk);
  });
});

describe("every write the figures depend on changes the version, and the next view shows it", () => {
  it("a participation import (CSV)", async () => {
    const employee = await newEmployee();
    const row = await t.db.selectFrom("employees").select("employee_no").where("id", "=", employee.id).executeTakeFirstOrThrow();
    const host = await t.db.selectFrom("departments").select("code").where("id", "=", w.units.digital.id).executeTakeFirstOrThrow();
    const csv = `employee_no,scheme,title,host_department_code,start_on,end_on\n${row.employee_no},job_challenge,キャッシュ確認,${host.code},${today},\n`;
    const { before, after } = await afterWrite(async () => expect((await importCsv(t.db, "participations", Buffer.from(csv))).ok).toBe(true));
    expect(after.report.participants).toBe(before.report.participants + 1);
    expect(after.report.jobChallenge.participants).toBe(before.report.jobChallenge.participants + 1);
  });

  it("an accepted application (its participation record)", async () => {
    const posting = await createPosting(t.db, { hostDepartmentId: w.units.digital.id, createdBy: w.people.manager.id, periodStart: addDays(today, -5), applyFrom: addDays(today, -20), applyUntil: addDays(today, -6) });
    const applicant = await newEmployee();
    const application = await t.db
      .insertInto("applications")
      .values({ posting_id: posting.id, employee_id: applicant.id, supervisor_id: w.people.tourismHead.id, motivation: MOTIVATION, status: "screening", consent_decided_at: new Date() })
      .returning("id")
      .executeTakeFirstOrThrow();
    const { before, after } = await afterWrite(() => acceptApplication(t.db, { actorId: w.people.manager.id, applicationId: application.id }));
    expect(after.report.sideJob.viaPostings).toBe(before.report.sideJob.viaPostings + 1);
  });

  it("a cancelled booking", async () => {
    const counselor = await createCounselor(t.db, { departmentId: w.units.hrUnit.id, name: "相談 員" });
    const employee = await newEmployee();
    // Today just after midnight (Tokyo): inside the year and counted as of today, whatever the date.
    const startsAt = new Date(`${today}T00:10:00+09:00`);
    const booking = await t.db
      .insertInto("consultation_bookings")
      .values({ counselor_id: counselor.id, employee_id: employee.id, starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 3_600_000), blocked_until: new Date(startsAt.getTime() + 3_600_000), mode: "online", topic: "career_plan", ics_uid: `cache-${startsAt.getTime()}@test` })
      .returning("id")
      .executeTakeFirstOrThrow();
    const booked = await view();
    expect(booked).toEqual(await fresh());
    const { before, after } = await afterWrite(() => cancelBooking(t.db, { bookingId: booking.id, by: "counselor" }, { actorId: counselor.id, now: new Date(startsAt.getTime() - 60_000) }));
    expect(before).toBe(booked);
    expect(after.report.consultations.count).toBe(before.report.consultations.count - 1);
  });

  it("a target, an employee leaving, a renamed 部局, a published contest result", async () => {
    const fy = fiscalYearOf(today);
    const target = await afterWrite(() => setParticipationTarget(t.db, { fiscalYear: fy, target: 77 }, { actorId: w.people.hr.id }));
    expect(target.after.report.target).toBe(77);

    const leaving = await afterWrite(() => t.db.updateTable("employees").set({ left_on: addDays(today, -1) }).where("id", "=", w.people.colleague.id).execute());
    expect(leaving.after.report.headcount).toBe(leaving.before.report.headcount - 1);

    const renamed = await afterWrite(() => t.db.updateTable("departments").set({ name: "地方創生・観光局" }).where("id", "=", w.units.bureauA.id).execute());
    expect(renamed.after.breakdowns.byUnit.map((u) => u.name)).toContain("地方創生・観光局");

    const round = await t.db
      .insertInto("contest_rounds")
      .values({
        fiscal_year: fy,
        title: "キャッシュ確認コンテスト",
        call_opens_on: `${fy}-04-01`,
        call_closes_on: `${fy}-04-02`,
        review_opens_on: `${fy}-04-03`,
        review_closes_on: `${fy}-04-04`,
        results_on: `${fy}-04-05`,
        project_start_on: `${fy}-04-06`,
        created_by: w.people.hr.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const proposal = await t.db
      .insertInto("contest_proposals")
      .values({ round_id: round.id, lead_employee_id: w.people.applicant.id, title: "提案", status: "submitted", submitted_at: new Date(`${fy}-04-01T00:00:00+09:00`), outcome: "adopted" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const published = await afterWrite(() => t.db.updateTable("contest_rounds").set({ results_published_at: new Date(`${fy}-04-01T00:00:00+09:00`) }).where("id", "=", round.id).execute());
    expect(published.after.contest.adopted).toBe(published.before.contest.adopted + 1);
    const decided = await afterWrite(() => t.db.updateTable("contest_proposals").set({ outcome: "step_up" }).where("id", "=", proposal.id).execute());
    expect(decided.after.contest.stepUp).toBe(decided.before.contest.stepUp + 1);
    // Editing a proposal's text is neither a figure nor shown in the ranking (its title is: migration 0008).
    const v0 = await version();
    await t.db.updateTable("contest_proposals").set({ background: "背景（修正）" }).where("id", "=", proposal.id).execute();
    expect(await version()).toBe(v0);
  });

  it("a write rolled back changes nothing; a caller's own transaction sees its writes without touching the cache", async () => {
    const cached = await view();
    const v0 = await version();
    const employee = await newEmployee();
    expect(await version()).toBeGreaterThan(v0);
    const withEmployee = await view();
    const v1 = await version();
    await t.db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto("participations").values({ employee_id: employee.id, scheme: "side_job", title: "取消", host_department_id: w.units.digital.id, start_on: today, end_on: null, source: "import", import_key: `rollback-${today}` }).execute();
        const inside = await loadDashboardView(trx, HR, today);
        expect(inside.report.participants).toBe(withEmployee.report.participants + 1);
        throw new Error("roll back");
      })
      .catch((error: Error) => expect(error.message).toBe("roll back"));
    expect(await version()).toBe(v1);
    expect(await view()).toBe(withEmployee);
    expect(withEmployee.report.headcount).toBe(cached.report.headcount + 1);
  });

  it("PostgreSQL watches every table the cached reports, ranking, booking inputs, searches and applicant lists read", async () => {
    const { rows } = await sql<{ table: string; events: number }>`
      SELECT c.relname AS table, t.tgtype::int AS events FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       WHERE t.tgname = c.relname || '_report_data' ORDER BY 1`.execute(t.db);
    // tgtype bits: 4 INSERT, 8 DELETE, 16 UPDATE, 32 TRUNCATE; statement level (bit 1 clear), AFTER (bit 2 clear).
    expect(rows.map((r) => [r.table, r.events])).toEqual(
      [
        "applications",
        "consultation_bookings",
        "contest_assignments",
        "contest_criteria",
        "contest_members",
        "contest_proposals",
        "contest_reviews",
        "contest_rounds",
        "contest_scores",
        "counselor_date_overrides",
        "counselor_profiles",
        "counselor_weekly_hours",
        "departments",
        "employees",
        "grades",
        "participation_targets",
        "participations",
        "postings",
        "role_grants",
      ].map((table) => [table, table === "postings" ? 32 : 4 | 8 | 16 | 32]),
    );
    // Postings: row by row, and only rows that are or were published (migration 0014).
    const postings = await sql<{ name: string }>`
      SELECT t.tgname AS name FROM pg_trigger t WHERE t.tgrelid = 'postings'::regclass AND t.tgname LIKE 'postings_report_data_%' ORDER BY 1`.execute(t.db);
    expect(postings.rows.map((r) => r.name)).toEqual(["postings_report_data_delete", "postings_report_data_insert", "postings_report_data_update"]);
  });
});

describe("concurrent views while the data changes", () => {
  it("never show figures older than a committed write, nor a mix of two commits", async () => {
    const base = await fresh();
    const WRITES = 12;
    let committed = 0;
    const writer = (async () => {
      for (let k = 0; k < WRITES; k++) {
        // One more employee who takes part from today: participants and headcount each grow by one per commit.
        await t.db.transaction().execute(async (trx) => {
          const e = await createEmployee(trx, { departmentId: w.units.disaster.id, hiredOn: "2012-04-01" });
          await trx.insertInto("participations").values({ employee_id: e.id, scheme: "side_job", title: `同時${k}`, host_department_id: w.units.digital.id, start_on: today, end_on: null, source: "import", import_key: `concurrent-${k}` }).execute();
        });
        committed += 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const seen: DashboardView[] = [];
    const reader = async () => {
      for (let i = 0; i < 15; i++) {
        const floor = committed;
        const v = await view();
        const added = v.report.participants - base.report.participants;
        expect(added, "never older than the writes committed before the request").toBeGreaterThanOrEqual(floor);
        expect(added).toBeLessThanOrEqual(WRITES);
        // One snapshot: every part of the dashboard agrees.
        expect(v.report.headcount - base.report.headcount).toBe(added);
        expect(v.breakdowns.totals).toMatchObject({ participants: v.report.participants, headcount: v.report.headcount });
        expect(v.history.at(-1)).toMatchObject({ participants: v.report.participants, headcount: v.report.headcount });
        expect(v.monthly.find((m) => m.month === today.slice(0, 7))?.thisYear).toBe(v.report.participants);
        seen.push(v);
      }
    };
    await Promise.all([writer, reader(), reader(), reader(), reader(), reader()]);
    expect(seen.length).toBe(75);
    const last = await view();
    expect(last.report.participants).toBe(base.report.participants + WRITES);
    expect(last).toEqual(await fresh());
  });
});

describe("a signed-in request (ADR 012)", () => {
  it("takes the version from its session statement: no statement of its own on a hit, and a committed write shows on the next request", async () => {
    const hr = await createEmployee(t.db, { departmentId: w.units.tourism.id, roles: [{ role: "hr_admin" }] });
    const cookie = await sessionCookie(hr.id);
    let queries: string[] = [];
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        queries.push(args.node.kind);
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    // The session statement goes through getDb(): count there, with the pool the page uses.
    const db = t.db.withPlugin(counter);
    setDb(db);
    try {
      const page = async (stamp: string) => {
        const http = request("/reports", { cookie, headers: { [REQUEST_STAMP]: stamp } });
        await getUser(http);
        const before = queries.length;
        const result = await loadDashboardView(db, HR, today, { request: http });
        return { result, statements: queries.length - before };
      };
      const first = await page("r-1");
      const second = await page("r-2");
      expect(second.result).toBe(first.result);
      expect(second.statements).toBe(0);
      // Without the session's read (another pool, or no request) the version is read as before.
      queries = [];
      await loadDashboardView(db, HR, today);
      expect(queries).toHaveLength(1);

      await createEmployee(t.db, { departmentId: w.units.tourism.id, hiredOn: "2010-04-01" });
      const third = await page("r-3");
      expect(third.result).not.toBe(first.result);
      expect(third.result.report.headcount).toBe(first.result.report.headcount + 1);
      expect(third.result).toEqual(await fresh());
    } finally {
      setDb(t.db);
    }
  });
});
