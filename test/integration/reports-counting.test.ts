import { describe, expect, it } from "vitest";
import type { ParticipationScheme } from "../../db/schema";
import { listCountedParticipants } from "../../app/reports/participant-rows.server";
import { participationReport, type ParticipationReport } from "../../app/reports/participation.server";
import { setParticipationTarget } from "../../app/reports/targets.server";
import { useTestDatabase } from "../helpers/db";
import { createDepartment, createEmployee } from "../helpers/factories";

// DESIGN §3 on hand-made fixtures. Every case builds its own unit and reads the report scoped to it, so the cases
// cannot see each other's people; the report is always given "today" so the default as-of date is fixed.

const t = useTestDatabase();
const TODAY = "2026-11-22";

let keys = 0;
async function record(employeeId: number, scheme: ParticipationScheme, hostId: number, startOn: string, endOn: string | null) {
  keys += 1;
  await t.db
    .insertInto("participations")
    .values({ employee_id: employeeId, scheme, title: `テスト事業${keys}`, host_department_id: hostId, start_on: startOn, end_on: endOn, source: "import", import_key: `test-${keys}` })
    .execute();
}

/** A unit of its own (under a bureau) and a host unit elsewhere. */
async function world() {
  const bureau = await createDepartment(t.db, { name: "テスト部" });
  const unit = await createDepartment(t.db, { name: "テスト課", parentId: bureau.id });
  const host = await createDepartment(t.db, { name: "受入課" });
  const person = (over: { name?: string; nameKana?: string; hiredOn?: string; leftOn?: string | null; departmentId?: number } = {}) =>
    createEmployee(t.db, { departmentId: over.departmentId ?? unit.id, hiredOn: over.hiredOn ?? "2010-04-01", leftOn: over.leftOn ?? null, name: over.name, nameKana: over.nameKana });
  const report = (fiscalYear: number, asOf?: string, departmentId: number | null = bureau.id) => participationReport(t.db, { fiscalYear, asOf, departmentId }, TODAY);
  return { bureau, unit, host, person, report };
}

/** The counting part of a report, for compact expectations. */
const counts = (r: ParticipationReport) => ({
  participants: r.participants,
  gross: r.grossParticipants,
  sideJob: r.sideJob.participants,
  viaPostings: r.sideJob.viaPostings,
  viaContest: r.sideJob.viaContest,
  jobChallenge: r.jobChallenge.participants,
  engaged: r.contest.engaged,
});

describe("fiscal year and as-of date", () => {
  it("labels the year and defaults the as-of date to the year's last day once it is over, or today inside it", async () => {
    const w = await world();
    const past = await w.report(2024);
    expect(past).toMatchObject({ fiscalYear: 2024, label: "令和6年度", asOf: "2025-03-31" });
    expect(await w.report(2026)).toMatchObject({ label: "令和8年度", asOf: TODAY });
    expect((await w.report(2024, "2024-10-01")).asOf).toBe("2024-10-01");
  });
});

describe("which records count in fiscal year F as of D", () => {
  it("boundary dates: start on F's last day counts, end on F's first day counts, end the day before F does not", async () => {
    const w = await world();
    const startsLastDay = await w.person();
    const endsFirstDay = await w.person();
    const endsDayBefore = await w.person();
    const startsNextYear = await w.person();
    await record(startsLastDay.id, "job_challenge", w.host.id, "2025-03-31", null);
    await record(endsFirstDay.id, "side_job", w.host.id, "2023-10-01", "2024-04-01");
    await record(endsDayBefore.id, "side_job", w.host.id, "2023-10-01", "2024-03-31");
    await record(startsNextYear.id, "job_challenge", w.host.id, "2025-04-01", null);

    // as of the last day (the default for a past year): both boundary records, nothing else
    expect(counts(await w.report(2024))).toEqual({ participants: 2, gross: 2, sideJob: 1, viaPostings: 1, viaContest: 0, jobChallenge: 1, engaged: 0 });
    const listed = await listCountedParticipants(t.db, { fiscalYear: 2024, departmentId: w.bureau.id }, TODAY);
    expect(listed.map((r) => r.employeeNo).sort()).toEqual([startsLastDay.employee_no, endsFirstDay.employee_no].sort());
    // an as-of date after the year still stops at the year's last day
    expect((await w.report(2024, "2025-06-30")).participants).toBe(2);
    // the record that ended on 2024-03-31 belongs to FY2023
    expect(counts(await w.report(2023))).toMatchObject({ participants: 2, viaPostings: 2, jobChallenge: 0 });
  });

  it("an open-ended record counts in every year from its start on, not before", async () => {
    const w = await world();
    const a = await w.person();
    await record(a.id, "side_job", w.host.id, "2024-05-01", null);
    expect((await w.report(2023)).participants).toBe(0);
    expect((await w.report(2024)).participants).toBe(1);
    expect((await w.report(2026)).participants).toBe(1);
    expect((await w.report(2030, "2030-04-01")).participants).toBe(1);
  });

  it("a record spanning two fiscal years counts in both, and in neither neighbour", async () => {
    const w = await world();
    const a = await w.person();
    await record(a.id, "job_challenge", w.host.id, "2024-10-01", "2025-09-30");
    expect((await w.report(2023)).jobChallenge.participants).toBe(0);
    expect((await w.report(2024)).jobChallenge.participants).toBe(1);
    expect((await w.report(2025)).jobChallenge.participants).toBe(1);
    expect((await w.report(2026)).jobChallenge.participants).toBe(0);
  });

  it("an as-of date before a record starts does not count it; on its first day it does", async () => {
    const w = await world();
    const a = await w.person();
    await record(a.id, "side_job", w.host.id, "2024-11-01", "2025-01-31");
    expect((await w.report(2024, "2024-10-01")).participants).toBe(0);
    expect((await w.report(2024, "2024-10-31")).participants).toBe(0);
    expect((await w.report(2024, "2024-11-01")).participants).toBe(1);
    // a record that has ended before D still counts for the year
    expect((await w.report(2024, "2025-03-01")).participants).toBe(1);
  });
});

describe("what each record counts as", () => {
  it("a contest project inside the member's own unit is engaged but not 庁内複業; in another unit it is", async () => {
    const w = await world();
    const inOwnUnit = await w.person();
    const elsewhere = await w.person();
    await record(inOwnUnit.id, "contest_project", w.unit.id, "2024-08-01", null);
    await record(elsewhere.id, "contest_project", w.host.id, "2024-08-01", null);
    expect(counts(await w.report(2024))).toEqual({ participants: 1, gross: 1, sideJob: 1, viaPostings: 0, viaContest: 1, jobChallenge: 0, engaged: 2 });
    // the participant list holds exactly the counted record
    const listed = await listCountedParticipants(t.db, { fiscalYear: 2024, departmentId: w.bureau.id }, TODAY);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ employeeNo: elsewhere.employee_no, scheme: "contest_project", sideWork: true, hostDepartmentName: "受入課", startOn: "2024-08-01", endOn: null });
  });

  it("a person in both schemes counts once in 実人数 and twice in 延べ; in both 庁内複業 routes once in 庁内複業", async () => {
    const w = await world();
    const both = await w.person();
    await record(both.id, "side_job", w.host.id, "2024-04-01", "2024-09-30");
    await record(both.id, "job_challenge", w.host.id, "2024-10-01", null);
    expect(counts(await w.report(2024))).toEqual({ participants: 1, gross: 2, sideJob: 1, viaPostings: 1, viaContest: 0, jobChallenge: 1, engaged: 0 });

    const twoRoutes = await w.person();
    await record(twoRoutes.id, "side_job", w.host.id, "2024-04-01", null);
    await record(twoRoutes.id, "contest_project", w.host.id, "2024-08-01", null);
    await record(twoRoutes.id, "side_job", w.host.id, "2024-12-01", null); // a second posting: still one person
    expect(counts(await w.report(2024))).toEqual({ participants: 2, gross: 3, sideJob: 2, viaPostings: 2, viaContest: 1, jobChallenge: 1, engaged: 1 });
    // one row per record in the list; its distinct people are the report's participants
    const listed = await listCountedParticipants(t.db, { fiscalYear: 2024, departmentId: w.bureau.id }, TODAY);
    expect(listed).toHaveLength(5);
    expect(new Set(listed.map((r) => r.employeeId)).size).toBe(2);
  });

  it("an employee who has left is out of the headcount after left_on, but their record in the year still counts", async () => {
    const w = await world();
    const stays = await w.person();
    const left = await w.person({ leftOn: "2024-06-30" });
    await record(left.id, "side_job", w.host.id, "2024-04-01", "2024-06-30");
    const r = await w.report(2024, "2024-10-01");
    expect(r.headcount).toBe(1);
    expect(r.participants).toBe(1);
    expect(r.participationRate).toBe(1);
    expect((await w.report(2024, "2024-06-30")).headcount).toBe(2);
    void stays;
  });
});

describe("headcount and rate", () => {
  it("counts employees active on D: hired on D and left on D count, left on D−1 and hired on D+1 do not", async () => {
    const w = await world();
    const hiredOnD = await w.person({ hiredOn: "2024-10-01" });
    await w.person({ leftOn: "2024-10-01" });
    await w.person({ leftOn: "2024-09-30" });
    await w.person({ hiredOn: "2024-10-02" });
    const r = await w.report(2024, "2024-10-01");
    expect(r.headcount).toBe(2);
    expect(r.participationRate).toBe(0);
    await record(hiredOnD.id, "job_challenge", w.host.id, "2024-10-01", null);
    const after = await w.report(2024, "2024-10-01");
    expect(after.participants).toBe(1);
    expect(after.participationRate).toBe(0.5);
  });

  it("a unit's report includes its sub-units and nobody else", async () => {
    const w = await world();
    const sub = await createDepartment(t.db, { name: "テスト係", parentId: w.unit.id });
    const inSub = await w.person({ departmentId: sub.id });
    const outside = await createEmployee(t.db, { departmentId: w.host.id, hiredOn: "2010-04-01" });
    await record(inSub.id, "side_job", w.host.id, "2024-04-01", null);
    await record(outside.id, "side_job", w.unit.id, "2024-04-01", null);
    const r = await w.report(2024, "2024-10-01");
    expect(r.headcount).toBe(1);
    expect(r.participants).toBe(1);
    expect((await w.report(2024, "2024-10-01", w.host.id)).participants).toBe(1);
  });

  it("the rate is 0, not NaN, when nobody is employed", async () => {
    const empty = await createDepartment(t.db, { name: "空の課" });
    const r = await participationReport(t.db, { fiscalYear: 2024, asOf: "2024-10-01", departmentId: empty.id }, TODAY);
    expect(r).toMatchObject({ headcount: 0, participants: 0, participationRate: 0 });
  });
});

describe("consultations", () => {
  it("counts sessions from F's first instant to the end of D in Asia/Tokyo, without cancelled and no-show ones", async () => {
    const w = await world();
    const counselor = await w.person({ name: "相談 員" });
    await t.db.insertInto("counselor_profiles").values({ employee_id: counselor.id, display_name: "相談員", room: "相談室A", offers_online: false }).execute();
    const client = await w.person();
    let n = 0;
    const booking = async (startsAt: string, status: "booked" | "completed" | "no_show" | "cancelled") => {
      n += 1;
      const starts = new Date(startsAt);
      const ends = new Date(starts.getTime() + 50 * 60_000);
      await t.db
        .insertInto("consultation_bookings")
        .values({
          counselor_id: counselor.id,
          employee_id: client.id,
          starts_at: starts,
          ends_at: ends,
          blocked_until: ends,
          mode: "in_person",
          topic: "career_plan",
          status,
          cancelled_at: status === "cancelled" ? new Date() : null,
          ics_uid: `reports-counting-${n}-${Date.now()}@portal.test`,
        })
        .execute();
    };
    await booking("2024-03-31T22:00:00+09:00", "completed"); // FY2023
    await booking("2024-04-01T00:00:00+09:00", "completed"); // FY2024's first instant
    await booking("2024-06-10T10:00:00+09:00", "completed");
    await booking("2024-06-11T10:00:00+09:00", "cancelled");
    await booking("2024-06-12T10:00:00+09:00", "no_show");
    await booking("2024-09-30T23:00:00+09:00", "completed"); // 14:00 UTC: still 30 September in Tokyo
    await booking("2024-10-01T00:00:00+09:00", "completed"); // 30 September 15:00 UTC, but 1 October in Tokyo
    await booking("2024-10-01T10:00:00+09:00", "booked");

    expect((await w.report(2024, "2024-09-30")).consultations.count).toBe(3);
    expect((await w.report(2024, "2024-10-01")).consultations.count).toBe(5);
    expect((await w.report(2023)).consultations.count).toBe(1);
  });
});

describe("contest figures", () => {
  it("counts proposals submitted to rounds of F and their outcomes, not drafts, withdrawals or other years' rounds", async () => {
    const w = await world();
    const admin = await w.person();
    const lead = await w.person();
    const round = async (fiscalYear: number) =>
      (
        await t.db
          .insertInto("contest_rounds")
          .values({
            fiscal_year: fiscalYear,
            title: `第${fiscalYear}回チャレンジコンテスト`,
            call_opens_on: `${fiscalYear}-03-01`,
            call_closes_on: `${fiscalYear}-05-31`,
            review_opens_on: `${fiscalYear}-06-01`,
            review_closes_on: `${fiscalYear}-07-15`,
            results_on: `${fiscalYear}-07-31`,
            project_start_on: `${fiscalYear}-08-01`,
            results_published_at: new Date(`${fiscalYear}-07-31T09:00:00+09:00`),
            created_by: admin.id,
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const proposal = async (roundId: number, status: "draft" | "submitted" | "withdrawn", outcome: "adopted" | "step_up" | "not_adopted" | null, submittedAt = "2024-05-20T10:00:00+09:00") =>
      t.db
        .insertInto("contest_proposals")
        .values({
          round_id: roundId,
          lead_employee_id: lead.id,
          title: "提案",
          status,
          submitted_at: status === "draft" ? null : new Date(submittedAt),
          withdrawn_at: status === "withdrawn" ? new Date(submittedAt) : null,
          outcome,
        })
        .execute();
    const fy2024 = await round(2024);
    const fy2023 = await round(2023);
    await proposal(fy2024, "submitted", "adopted");
    await proposal(fy2024, "submitted", "step_up");
    await proposal(fy2024, "submitted", "step_up");
    await proposal(fy2024, "submitted", "not_adopted");
    await proposal(fy2024, "draft", null);
    await proposal(fy2024, "withdrawn", null);
    await proposal(fy2023, "submitted", "adopted", "2023-05-20T10:00:00+09:00");

    expect((await w.report(2024, "2024-10-01")).contest).toMatchObject({ proposals: 4, adopted: 1, stepUp: 2 });
    expect((await w.report(2023)).contest).toMatchObject({ proposals: 1, adopted: 1, stepUp: 0 });
    // as of a day before the results were published, the outcomes are not yet figures
    expect((await w.report(2024, "2024-07-30")).contest).toMatchObject({ proposals: 4, adopted: 0, stepUp: 0 });
  });
});

describe("target", () => {
  it("is null for a year without one, the set value for the prefecture, and null in a unit's view", async () => {
    const w = await world();
    expect((await participationReport(t.db, { fiscalYear: 2031 }, TODAY)).target).toBeNull();
    await setParticipationTarget(t.db, { fiscalYear: 2032, target: 50 }, { actorId: null });
    expect((await participationReport(t.db, { fiscalYear: 2032 }, TODAY)).target).toBe(50);
    expect((await participationReport(t.db, { fiscalYear: 2031 }, TODAY)).target).toBeNull();
    expect((await w.report(2032)).target).toBeNull();
  });
});
