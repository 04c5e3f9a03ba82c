import { beforeAll, describe, expect, it } from "vitest";
import { participationBreakdowns } from "~/reports/breakdowns.server";
import { listReportYears, loadDashboard, resolveAsOf, targetPace } from "~/reports/dashboard.server";
import { consultationsByMonth, monthlyCumulative } from "~/reports/monthly.server";
import { listCountingParticipants } from "~/reports/participants.server";
import { participationReport } from "~/reports/participation.server";
import { action as targetsAction, loader as targetsLoader } from "~/routes/reports.targets";
import { loader as dashboardLoader } from "~/routes/reports._index";
import { loader as participantsLoader } from "~/routes/reports.participants";
import { useTestDatabase } from "../helpers/db";
import { formRequest, request, respond, sessionCookie } from "../helpers/factories";
import { breakdownsOf, buildReportsWorld, historyRowOf, type ReportsWorld } from "./reports-dashboard-fixtures";

// The participation dashboard on hand-made fixtures for 令和6年度 (FY2024) as of 2024-10-01 — see
// reports-dashboard-fixtures.ts for the people and records and the figures each rule gives.

const t = useTestDatabase();
let w: ReportsWorld;
const D = "2024-10-01";
const args = (req: Request) => ({ request: req, params: {}, context: {} });

beforeAll(async () => {
  w = await buildReportsWorld(t.db);
});

async function dashboardAs(who: number, query: string) {
  const cookie = await sessionCookie(who);
  const res = await respond(() => dashboardLoader(args(request(`/reports${query}`, { cookie }))));
  return { status: res.status, body: res.status === 200 ? ((await res.json()) as Awaited<ReturnType<typeof loadDashboard>> & Record<string, any>) : null };
}

describe("/reports for hr_admin: the whole prefecture", () => {
  it("the loader's headline numbers are participationReport's for the same scope — and follow DESIGN §3 on the fixtures", async () => {
    const { status, body } = await dashboardAs(w.people.hr.id, `?fy=2024&asOf=${D}`);
    expect(status).toBe(200);
    const report = await participationReport(t.db, { fiscalYear: 2024, asOf: D });
    expect(body!.report).toEqual(report);
    expect(body!.fiscalYear).toBe(2024);
    expect(body!.asOf).toBe(D);
    // e1 e2 e3 e6 e8 e9: e4's project is in their own unit, e7 starts in December, e10 ended on 31 March 2024.
    expect(report).toMatchObject({
      headcount: 11,
      target: 10,
      participants: 6,
      grossParticipants: 7,
      sideJob: { participants: 5, viaPostings: 4, viaContest: 1 },
      jobChallenge: { participants: 2 },
      contest: { engaged: 2 },
      consultations: { count: 6 },
    });
    expect(body!.breakdowns.totals).toMatchObject({ participants: report.participants, headcount: report.headcount });
    // 6/10 with the year not over: 4 people over the months after October (Nov–Mar = 5) → 0.8 a month.
    expect(body!.pace).toEqual({ status: "pace", remainingPeople: 4, remainingMonths: 5, perMonth: 0.8 });
    expect(body!.contest.kpi).toEqual({ min: 1, max: 2, met: false });
  });

  it("the default as-of date of a past year is its last day; the year-over-year rows are each year's report", async () => {
    const { body } = await dashboardAs(w.people.hr.id, "?fy=2024");
    expect(body!.asOf).toBe("2025-03-31");
    expect(body!.report).toEqual(await participationReport(t.db, { fiscalYear: 2024, asOf: "2025-03-31" }));
    expect(body!.report.participants).toBe(7); // + e7 from December
    const years = body!.history.map((row: { fiscalYear: number }) => row.fiscalYear);
    expect(years[0]).toBe(2023);
    expect(years).toEqual([...years].sort((a, b) => a - b));
    for (const row of body!.history) {
      expect(row).toEqual(historyRowOf(await participationReport(t.db, { fiscalYear: row.fiscalYear })));
    }
    const fy2023 = body!.history.find((row: { fiscalYear: number }) => row.fiscalYear === 2023);
    expect(fy2023).toMatchObject({ participants: 2, jobChallenge: 1, sideJob: 1 }); // e9 from October 2023, e10
  });

  it("an as-of date outside the year or malformed falls back to the default and says so", async () => {
    for (const asOf of ["2023-12-01", "2024-02-30", "yesterday"]) {
      const { body } = await dashboardAs(w.people.hr.id, `?fy=2024&asOf=${asOf}`);
      expect(body!.asOf).toBe("2025-03-31");
      expect(body!.asOfIgnored).toBe(true);
    }
    expect(resolveAsOf("2024-04-01", 2024, "2026-11-21")).toEqual({ asOf: "2024-04-01", ignored: false });
    expect(resolveAsOf(null, 2026, "2026-11-21")).toEqual({ asOf: "2026-11-21", ignored: false });
  });

  it("offers every fiscal year from the first record (or target) to the current one, latest first", async () => {
    expect(await listReportYears(t.db, "2026-11-21")).toEqual([2026, 2025, 2024, 2023]);
    expect(await listReportYears(t.db, "2024-10-01")).toEqual([2025, 2024, 2023]); // bureau C's records of FY2025
  });

  it("consultations per month by DESIGN §3's rule, with small months suppressed (hr_admin only)", async () => {
    expect(await consultationsByMonth(t.db, { fiscalYear: 2024, asOf: D })).toEqual([
      { month: "2024-04", count: 0 },
      { month: "2024-05", count: 4 },
      { month: "2024-06", count: 0 },
      { month: "2024-07", count: 1 },
      { month: "2024-08", count: 0 },
      { month: "2024-09", count: 0 },
      { month: "2024-10", count: 1 },
      ...["2024-11", "2024-12", "2025-01", "2025-02", "2025-03"].map((month) => ({ month, count: null })),
    ]);
    const { body } = await dashboardAs(w.people.hr.id, `?fy=2024&asOf=${D}`);
    expect(body!.consultations!.total).toBe(6);
    expect(body!.consultations!.byMonth.map((c: { key: string; count: number | null; reason?: string }) => [c.key, c.count, c.reason ?? null])).toEqual([
      ["2024-04", 0, null],
      ["2024-05", 4, null],
      ["2024-06", 0, null],
      ["2024-07", null, "small"],
      ["2024-08", 0, null],
      ["2024-09", 0, null],
      ["2024-10", null, "small"],
    ]);
  });
});

describe("monthly cumulative participants", () => {
  it("records starting in May and August give 0,1,1,1,2,… over the year", async () => {
    const points = await monthlyCumulative(t.db, { fiscalYear: 2025, asOf: "2026-03-31", departmentId: w.units.bureauC.id });
    expect(points.map((p) => p.month)).toEqual(["2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"]);
    expect(points.map((p) => p.monthEnd).slice(0, 3)).toEqual(["2025-04-30", "2025-05-31", "2025-06-30"]);
    expect(points.map((p) => p.cumulative)).toEqual([0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2]);
  });

  it("stops at the as-of date: its own month counts up to that day, later months are null", async () => {
    const points = await monthlyCumulative(t.db, { fiscalYear: 2025, asOf: "2025-08-02", departmentId: w.units.bureauC.id });
    expect(points.map((p) => p.cumulative)).toEqual([0, 1, 1, 1, 1, null, null, null, null, null, null, null]);
  });

  it("every month equals participationReport as of that month end (or the as-of date)", async () => {
    const points = await monthlyCumulative(t.db, { fiscalYear: 2024, asOf: "2025-03-31" });
    for (const point of points) {
      const report = await participationReport(t.db, { fiscalYear: 2024, asOf: point.monthEnd });
      expect(point.cumulative, point.month).toBe(report.participants);
    }
    // e9 (from FY2023) and e6 in April, e1 in May, e2 and e3 in August, e8 in September, e7 in December.
    expect(points.map((p) => p.cumulative)).toEqual([2, 3, 3, 3, 5, 6, 6, 6, 7, 7, 7, 7]);
  });

  it("the dashboard compares with last year and draws the straight target line", async () => {
    const { body } = await dashboardAs(w.people.hr.id, `?fy=2024&asOf=${D}`);
    expect(body!.monthly.map((r: { thisYear: number | null }) => r.thisYear)).toEqual([2, 3, 3, 3, 5, 6, 6, null, null, null, null, null]);
    // FY2023: e10 from May 2023, e9 from October 2023.
    expect(body!.monthly.map((r: { lastYear: number | null }) => r.lastYear)).toEqual([0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]);
    expect(body!.monthly.map((r: { targetLine: number | null }) => r.targetLine)).toEqual([0.8, 1.7, 2.5, 3.3, 4.2, 5, 5.8, 6.7, 7.5, 8.3, 9.2, 10]);
  });
});

describe("breakdowns (set-based, as of 2024-10-01)", () => {
  it("by 部局: participants, headcount and rate; units below a 部局 count under it", async () => {
    const b = await participationBreakdowns(t.db, { fiscalYear: 2024, asOf: D });
    expect(b.unitLevel).toBe("bureau");
    expect(breakdownsOf(b.byUnit.map((r) => [r.name, r]))).toEqual({
      A局: { participants: 5, headcount: 5, rate: 1 },
      B局: { participants: 1, headcount: 4, rate: 0.25 },
      C局: { participants: 0, headcount: 0, rate: null },
      Z局: { participants: 0, headcount: 2, rate: 0 },
    });
    expect(b.totals).toEqual({ participants: 6, headcount: 11, rate: 6 / 11 });
  });

  it("by grade in grades.rank order, leaving out grades nobody holds", async () => {
    const b = await participationBreakdowns(t.db, { fiscalYear: 2024, asOf: D });
    expect(b.byGrade.map((r) => r.grade)).toEqual(["主事", "技師", "主任", "係長", "課長"]);
    expect(breakdownsOf(b.byGrade.map((r) => [r.grade, r]))).toEqual({
      主事: { participants: 3, headcount: 4, rate: 0.75 },
      技師: { participants: 0, headcount: 1, rate: 0 },
      主任: { participants: 2, headcount: 2, rate: 1 },
      係長: { participants: 1, headcount: 2, rate: 0.5 },
      課長: { participants: 0, headcount: 2, rate: 0 },
    });
  });

  it("by age band from the birth year at the as-of year (30 → 30代, 60 → 60代以上)", async () => {
    const b = await participationBreakdowns(t.db, { fiscalYear: 2024, asOf: D });
    expect(breakdownsOf(b.byAgeBand.map((r) => [r.band, r]))).toEqual({
      "20s": { participants: 2, headcount: 3, rate: 2 / 3 },
      "30s": { participants: 3, headcount: 2, rate: 1.5 }, // e6 has left: a participant, not headcount
      "40s": { participants: 1, headcount: 3, rate: 1 / 3 },
      "50s": { participants: 0, headcount: 2, rate: 0 },
      "60plus": { participants: 0, headcount: 1, rate: 0 },
    });
  });

  it("a unit scope groups by the unit itself and its direct sub-units", async () => {
    const b = await participationBreakdowns(t.db, { fiscalYear: 2024, asOf: D, departmentId: w.units.a1.id });
    expect(b.unitLevel).toBe("unit");
    expect(b.byUnit.map((r) => [r.name, r.isScopeRoot, r.participants, r.headcount])).toEqual([
      ["A1課", true, 2, 2],
      ["A1係", false, 1, 1],
    ]);
  });
});

describe("/reports for a supervisor: their own unit only", () => {
  it("counts only the unit's employees, with no target, no consultations and no contest KPI", async () => {
    const { status, body } = await dashboardAs(w.people.supervisor.id, `?fy=2024&asOf=${D}`);
    expect(status).toBe(200);
    expect(body!.departmentId).toBe(w.units.a1.id);
    expect(body!.report).toEqual(await participationReport(t.db, { fiscalYear: 2024, asOf: D, departmentId: w.units.a1.id }));
    expect(body!.report).toMatchObject({ participants: 3, headcount: 3, target: null, sideJob: { participants: 2 }, jobChallenge: { participants: 1 } });
    expect(body!.pace).toBeNull();
    expect(body!.consultations).toBeNull();
    expect(body!.contest.kpi).toBeNull();
    expect(body!.monthly.every((r: { targetLine: number | null }) => r.targetLine === null)).toBe(true);
    expect(body!.history.every((r: { target: number | null }) => r.target === null)).toBe(true);
    expect(body!.isHr).toBe(false);
  });

  it("cannot widen the scope to another unit", async () => {
    const { body } = await dashboardAs(w.people.supervisor.id, `?fy=2024&asOf=${D}&unit=${w.units.b1.id}`);
    expect(body!.departmentId).toBe(w.units.a1.id);
    expect(body!.report.participants).toBe(3);
  });

  it("with two units, chooses among theirs", async () => {
    const first = await dashboardAs(w.people.twoUnits.id, `?fy=2024&asOf=${D}`);
    expect(first.body!.units.map((u: { id: number }) => u.id).sort()).toEqual([w.units.a2.id, w.units.b1.id].sort());
    const picked = await dashboardAs(w.people.twoUnits.id, `?fy=2024&asOf=${D}&unit=${w.units.b1.id}`);
    expect(picked.body!.departmentId).toBe(w.units.b1.id);
    expect(picked.body!.report).toEqual(await participationReport(t.db, { fiscalYear: 2024, asOf: D, departmentId: w.units.b1.id }));
    expect(picked.body!.report.participants).toBe(1); // e8 (e4's project is in their own unit)
  });

  it("gets 403 on the participant list and on the targets page", async () => {
    const cookie = await sessionCookie(w.people.supervisor.id);
    expect((await respond(() => participantsLoader(args(request(`/reports/participants?fy=2024`, { cookie }))))).status).toBe(403);
    expect((await respond(() => targetsLoader(args(request("/reports/targets", { cookie }))))).status).toBe(403);
    expect((await respond(() => targetsAction(args(formRequest("/reports/targets", { fiscalYear: "2026", target: "1" }, cookie))))).status).toBe(403);
  });
});

describe("an employee without those roles", () => {
  it("gets 403 on /reports, /reports/participants and /reports/targets", async () => {
    const cookie = await sessionCookie(w.people.employee.id);
    expect((await respond(() => dashboardLoader(args(request("/reports", { cookie }))))).status).toBe(403);
    expect((await respond(() => participantsLoader(args(request("/reports/participants", { cookie }))))).status).toBe(403);
    expect((await respond(() => targetsLoader(args(request("/reports/targets", { cookie }))))).status).toBe(403);
    expect((await respond(() => targetsAction(args(formRequest("/reports/targets", { fiscalYear: "2026", target: "99" }, cookie))))).status).toBe(403);
    expect(await t.db.selectFrom("participation_targets").select("target").where("fiscal_year", "=", 2026).executeTakeFirst()).toBeUndefined();
  });

  it("a signed-out visitor is sent to sign in", async () => {
    const res = await respond(() => dashboardLoader(args(request("/reports"))));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login/);
  });
});

describe("/reports/participants (hr_admin): the drill-down", () => {
  it("lists every counted record, sorted by unit then name, with the scheme it counts as", async () => {
    const rows = await listCountingParticipants(t.db, { fiscalYear: 2024, asOf: D });
    expect(new Set(rows.map((r) => r.employeeId)).size).toBe(6);
    expect(rows.map((r) => [r.departmentName, r.name, r.category])).toEqual([
      ["A1課", "相川 一郎", "side_job_posting"], // e1
      ["A1課", "江藤 六郎", "side_job_posting"], // e6 (left)
      ["A1係", "井上 二郎", "job_challenge"], // e2
      ["A2課", "上田 三郎", "side_job_contest"], // e3
      ["A2課", "久保 九郎", "side_job_posting"], // e9 (from FY2023)
      ["B1課", "木村 八郎", "side_job_posting"], // e8 in both schemes: two rows, one person
      ["B1課", "木村 八郎", "job_challenge"],
    ]);
    const e6 = rows.find((r) => r.employeeId === w.people.e6.id)!;
    expect(e6).toMatchObject({ leftOn: "2024-06-30", startOn: "2024-04-15", endOn: "2024-06-30", bureauName: "A局", hostDepartmentName: "B1課" });
    expect(rows.find((r) => r.employeeId === w.people.e3.id)).toMatchObject({ title: "コンテスト事業X", hostDepartmentName: "B1課", endOn: null });
    expect(rows.some((r) => r.employeeId === w.people.e4.id)).toBe(false);
  });

  it("the loader sends the list for hr_admin", async () => {
    const res = await respond(() => participantsLoader(args(request(`/reports/participants?fy=2024&asOf=${D}`, { cookie: "" }))));
    expect(res.status).toBe(302);
    const ok = await respond(async () => participantsLoader(args(request(`/reports/participants?fy=2024&asOf=${D}`, { cookie: await sessionCookie(w.people.hr.id) }))));
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { rows: unknown[]; people: number; asOf: string };
    expect(body).toMatchObject({ people: 6, asOf: D });
    expect(body.rows).toHaveLength(7);
  });
});

describe("targetPace", () => {
  it("remaining people over the whole months after the as-of month, rounded up to one decimal", () => {
    expect(targetPace({ fiscalYear: 2026, asOf: "2026-11-21", participants: 25, target: 50 })).toEqual({ status: "pace", remainingPeople: 25, remainingMonths: 4, perMonth: 6.3 });
    expect(targetPace({ fiscalYear: 2026, asOf: "2026-04-10", participants: 0, target: 50 })).toEqual({ status: "pace", remainingPeople: 50, remainingMonths: 11, perMonth: 4.6 });
    expect(targetPace({ fiscalYear: 2026, asOf: "2027-03-10", participants: 45, target: 50 })).toEqual({ status: "lastMonth", remainingPeople: 5, remainingMonths: 0, perMonth: null });
    expect(targetPace({ fiscalYear: 2026, asOf: "2026-12-01", participants: 52, target: 50 })).toMatchObject({ status: "achieved", remainingPeople: 0 });
  });

  it("is hidden without a target or once the year is over", () => {
    expect(targetPace({ fiscalYear: 2026, asOf: "2026-11-21", participants: 25, target: null })).toBeNull();
    expect(targetPace({ fiscalYear: 2026, asOf: "2027-03-31", participants: 25, target: 50 })).toBeNull();
  });
});

describe("/reports/targets (hr_admin)", () => {
  const post = async (fields: Record<string, string>) => respond(async () => targetsAction(args(formRequest("/reports/targets", fields, await sessionCookie(w.people.hr.id)))));

  it("refuses a missing, non-integer or out-of-range target and a year not offered, with the error beside the field", async () => {
    const { fiscalYear } = await nextYear();
    const cases: [Record<string, string>, string, string][] = [
      [{ fiscalYear: String(fiscalYear), target: "" }, "target", "目標人数を入力してください。"],
      [{ fiscalYear: String(fiscalYear), target: "abc" }, "target", "目標人数は半角数字の整数で入力してください。"],
      [{ fiscalYear: String(fiscalYear), target: "12.5" }, "target", "目標人数は半角数字の整数で入力してください。"],
      [{ fiscalYear: String(fiscalYear), target: "0" }, "target", "目標人数は1〜100,000人の範囲で入力してください。"],
      [{ fiscalYear: String(fiscalYear), target: "100001" }, "target", "目標人数は1〜100,000人の範囲で入力してください。"],
      [{ fiscalYear: "2010", target: "40" }, "fiscalYear", "選べる年度の中から選んでください。"],
      [{ target: "40" }, "fiscalYear", "年度を選んでください。"],
    ];
    for (const [fields, field, message] of cases) {
      const res = await post(fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      const body = (await res.json()) as { result: { error: Record<string, string[]> } };
      expect(body.result.error[field], JSON.stringify(fields)).toEqual([message]);
    }
    expect(await t.db.selectFrom("participation_targets").select("fiscal_year").where("fiscal_year", "=", fiscalYear).executeTakeFirst()).toBeUndefined();
    expect(await t.db.selectFrom("audit_log").select("id").where("action", "=", "report.target.set").execute()).toEqual([]);
  });

  it("saves a target, redirects with a notice and writes an audit entry; a second save records the previous value", async () => {
    const { fiscalYear } = await nextYear();
    const first = await post({ fiscalYear: String(fiscalYear), target: "60" });
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe(`/reports/targets?saved=${fiscalYear}`);
    const second = await post({ fiscalYear: String(fiscalYear), target: "75" });
    expect(second.status).toBe(302);
    expect(await t.db.selectFrom("participation_targets").select(["target", "updated_by"]).where("fiscal_year", "=", fiscalYear).executeTakeFirst()).toEqual({ target: 75, updated_by: w.people.hr.id });
    const entries = await t.db.selectFrom("audit_log").select(["actor_id", "entity_type", "entity_id", "detail"]).where("action", "=", "report.target.set").orderBy("id").execute();
    expect(entries).toEqual([
      { actor_id: w.people.hr.id, entity_type: "participation_target", entity_id: String(fiscalYear), detail: { target: 60, previous: null } },
      { actor_id: w.people.hr.id, entity_type: "participation_target", entity_id: String(fiscalYear), detail: { target: 75, previous: 60 } },
    ]);

    const page = await respond(async () => targetsLoader(args(request(`/reports/targets?saved=${fiscalYear}`, { cookie: await sessionCookie(w.people.hr.id) }))));
    const body = (await page.json()) as { saved: { fiscalYear: number; target: number }; targets: { fiscalYear: number; target: number; participants: number | null }[] };
    expect(body.saved).toEqual({ fiscalYear, target: 75 });
    expect(body.targets.find((row) => row.fiscalYear === fiscalYear)).toMatchObject({ target: 75, participants: null }); // not begun
    expect(body.targets.find((row) => row.fiscalYear === 2024)).toMatchObject({ target: 10, participants: 7 });
  });

  async function nextYear() {
    const res = await respond(async () => targetsLoader(args(request("/reports/targets", { cookie: await sessionCookie(w.people.hr.id) }))));
    const body = (await res.json()) as { current: number; yearOptions: number[] };
    return { fiscalYear: body.current + 1, options: body.yearOptions };
  }
});
