import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { acceptApplication, consentToApplication, submitApplication } from "~/applications/commands.server";
import { ApplicationError } from "~/applications/errors";
import { getSideJobCapPercent } from "~/applications/settings.server";
import { action as applyAction, loader as applyLoader } from "~/routes/postings_.$id.apply";
import { action as settingsAction, loader as settingsLoader } from "~/routes/hr.settings";
import { useTestDatabase } from "../helpers/db";
import { createEmployee, formRequest, request, respond, sessionCookie } from "../helpers/factories";
import { buildWorld, createPosting, day, MOTIVATION, type World } from "./applications-fixtures";

const t = useTestDatabase();
let w: World;

beforeAll(async () => {
  w = await buildWorld(t.db);
});

beforeEach(async () => {
  await t.db.updateTable("settings").set({ value: JSON.stringify(20) }).where("key", "=", "side_job_cap_percent").execute();
});

/** An employee already accepted into a side job of `hours` h/month over [start, end]. */
async function committedEmployee(commitments: Array<{ hours: number; start: string; end: string; title: string; scheme?: "side_job" | "job_challenge" }>) {
  const employee = await createEmployee(t.db, { departmentId: w.units.tourism.id });
  for (const c of commitments) {
    const posting = await createPosting(t.db, {
      hostDepartmentId: w.units.disaster.id,
      createdBy: w.people.otherManager.id,
      scheme: c.scheme ?? "side_job",
      title: c.title,
      hoursPerMonth: c.hours,
      periodStart: c.start,
      periodEnd: c.end,
      applyFrom: day(-30),
      applyUntil: c.end < day(-1) ? c.end : day(-1),
    });
    await t.db
      .insertInto("applications")
      .values({ posting_id: posting.id, employee_id: employee.id, supervisor_id: w.people.tourismHead.id, motivation: MOTIVATION, status: "accepted", consent_decided_at: new Date() })
      .execute();
  }
  return employee;
}

const hostPosting = (hours: number, extra: Partial<Parameters<typeof createPosting>[1]> = {}) =>
  createPosting(t.db, { hostDepartmentId: w.units.digital.id, createdBy: w.people.manager.id, hoursPerMonth: hours, periodStart: day(30), periodEnd: day(210), ...extra });

async function refusal(promise: Promise<unknown>): Promise<ApplicationError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApplicationError);
  return error as ApplicationError;
}

describe("the side-job time cap at submission", () => {
  it("refuses over the cap and lists the current commitments with title, hours and period", async () => {
    const employee = await committedEmployee([
      { title: "防災アプリ改善", hours: 12, start: day(0), end: day(100) },
      { title: "避難所運営マニュアル改訂", hours: 10.5, start: day(50), end: day(300) },
    ]);
    const posting = await hostPosting(12); // 12 + 10.5 + 12 = 34.5 > 33.6
    const error = await refusal(submitApplication(t.db, { actorId: employee.id, postingId: posting.id, motivation: MOTIVATION }));
    expect(error.code).toBe("over_cap");
    expect(error.status).toBe(409);
    expect(error.details).toMatchObject({ capHours: 33.6, capPercent: 20, requestedHours: 12 });
    expect(error.details.commitments?.map((c) => ({ title: c.title, hours: c.hoursPerMonth, start: c.periodStart, end: c.periodEnd }))).toEqual([
      { title: "防災アプリ改善", hours: 12, start: day(0), end: day(100) },
      { title: "避難所運営マニュアル改訂", hours: 10.5, start: day(50), end: day(300) },
    ]);
    expect(await t.db.selectFrom("applications").select("id").where("posting_id", "=", posting.id).execute()).toHaveLength(0);
  });

  it("the apply page shows the refusal and the commitments; a forced post answers 409 with them", async () => {
    const employee = await committedEmployee([{ title: "防災アプリ改善", hours: 30, start: day(0), end: day(100) }]);
    const posting = await hostPosting(8);
    const cookie = await sessionCookie(employee.id);
    const page = await respond(() => applyLoader({ request: request(`/postings/${posting.id}/apply`, { cookie }), params: { id: String(posting.id) }, context: {} }));
    expect(page.status).toBe(200);
    const data = await page.json();
    expect(data.problems).toEqual(["over_cap"]);
    expect(data.cap).toMatchObject({ allowed: false, committedHours: 30, requestedHours: 8, totalHours: 38, capHours: 33.6 });
    expect(data.commitments[0]).toMatchObject({ title: "防災アプリ改善", hoursPerMonth: 30 });

    const post = await respond(() => applyAction({ request: formRequest(`/postings/${posting.id}/apply`, { motivation: MOTIVATION }, cookie), params: { id: String(posting.id) }, context: {} }));
    expect(post.status).toBe(409);
    const body = await post.json();
    expect(body.result.error[""]).toEqual(["庁内複業の従事時間の上限を超えるため、応募できません。"]);
    expect(body.refusal.commitments[0]).toMatchObject({ title: "防災アプリ改善", hoursPerMonth: 30, periodStart: day(0), periodEnd: day(100) });
  });

  it("allows exactly the cap; ignores commitments whose period does not overlap and job challenges", async () => {
    const employee = await committedEmployee([
      { title: "ちょうど", hours: 20, start: day(0), end: day(100) },
      { title: "終わったもの", hours: 30, start: day(-200), end: day(-10) },
      { title: "ジョブチャレンジ", hours: 40, start: day(0), end: day(300), scheme: "job_challenge" },
    ]);
    await expect(submitApplication(t.db, { actorId: employee.id, postingId: (await hostPosting(13.6)).id, motivation: MOTIVATION })).resolves.toBeTruthy();
    const over = await refusal(submitApplication(t.db, { actorId: employee.id, postingId: (await hostPosting(13.7)).id, motivation: MOTIVATION }));
    expect(over.code).toBe("over_cap");
    expect(over.details.commitments?.map((c) => c.title)).toEqual(["ちょうど"]);
  });

  it("does not limit job challenges, whatever the side-job commitments", async () => {
    const employee = await committedEmployee([{ title: "防災アプリ改善", hours: 33.6, start: day(0), end: day(300) }]);
    const challenge = await hostPosting(80, { scheme: "job_challenge" });
    await expect(submitApplication(t.db, { actorId: employee.id, postingId: challenge.id, motivation: MOTIVATION })).resolves.toBeTruthy();
  });

  it("counts only accepted and participating side jobs, not pending applications", async () => {
    const employee = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const first = await hostPosting(30);
    await submitApplication(t.db, { actorId: employee.id, postingId: first.id, motivation: MOTIVATION });
    await expect(submitApplication(t.db, { actorId: employee.id, postingId: (await hostPosting(30)).id, motivation: MOTIVATION })).resolves.toBeTruthy();
  });
});

describe("the side-job time cap at acceptance", () => {
  it("checks again when accepting: the second of two pending side jobs that together exceed the cap is refused", async () => {
    const employee = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const p1 = await hostPosting(20);
    const p2 = await createPosting(t.db, { hostDepartmentId: w.units.disaster.id, createdBy: w.people.otherManager.id, hoursPerMonth: 20, periodStart: day(100), periodEnd: day(150) });
    const a1 = await submitApplication(t.db, { actorId: employee.id, postingId: p1.id, motivation: MOTIVATION });
    const a2 = await submitApplication(t.db, { actorId: employee.id, postingId: p2.id, motivation: MOTIVATION });
    for (const a of [a1, a2]) await consentToApplication(t.db, { actorId: w.people.tourismHead.id, applicationId: a.applicationId });
    await acceptApplication(t.db, { actorId: w.people.manager.id, applicationId: a1.applicationId });
    const error = await refusal(acceptApplication(t.db, { actorId: w.people.otherManager.id, applicationId: a2.applicationId }));
    expect(error.code).toBe("over_cap");
    expect(error.details.commitments?.[0].applicationId).toBe(a1.applicationId);
    expect((await t.db.selectFrom("applications").select("status").where("id", "=", a2.applicationId).executeTakeFirstOrThrow()).status).toBe("screening");
  });
});

describe("/hr/settings: the cap is hr_admin's to change", () => {
  it("refuses everyone but hr_admin", async () => {
    for (const person of [w.people.applicant, w.people.tourismHead, w.people.manager]) {
      const cookie = await sessionCookie(person.id);
      expect((await respond(() => settingsLoader({ request: request("/hr/settings", { cookie }), params: {}, context: {} }))).status).toBe(403);
      expect((await respond(() => settingsAction({ request: formRequest("/hr/settings", { percent: "50" }, cookie), params: {}, context: {} }))).status).toBe(403);
    }
    expect(await getSideJobCapPercent(t.db)).toBe(20);
  });

  it("validates 1–50, saves with an audit entry, and the new cap applies to the next application", async () => {
    const cookie = await sessionCookie(w.people.hr.id);
    const page = await respond(() => settingsLoader({ request: request("/hr/settings", { cookie }), params: {}, context: {} }));
    expect(await page.json()).toMatchObject({ percent: 20, capHours: 33.6, standardHours: 167.9 });

    for (const bad of ["0", "51", "abc", "12.5"]) {
      const res = await respond(() => settingsAction({ request: formRequest("/hr/settings", { percent: bad }, cookie), params: {}, context: {} }));
      expect(res.status).toBe(400);
      expect((await res.json()).result.error.percent[0]).toBe("1から50までの整数で入力してください。");
    }
    expect(await getSideJobCapPercent(t.db)).toBe(20);

    const employee = await committedEmployee([{ title: "防災アプリ改善", hours: 30, start: day(0), end: day(300) }]);
    const posting = await hostPosting(10);
    expect((await refusal(submitApplication(t.db, { actorId: employee.id, postingId: posting.id, motivation: MOTIVATION }))).code).toBe("over_cap");

    const saved = await respond(() => settingsAction({ request: formRequest("/hr/settings", { percent: "25" }, cookie), params: {}, context: { clientIp: "10.1.2.3" } }));
    expect(saved.status).toBe(200);
    expect((await saved.json()).saved).toEqual({ percent: 25, hours: 42 });
    expect(await getSideJobCapPercent(t.db)).toBe(25);
    const entry = await t.db.selectFrom("audit_log").select(["actor_id", "detail", "ip"]).where("action", "=", "settings.update").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_id: w.people.hr.id, detail: { from: 20, to: 25 }, ip: "10.1.2.3" });

    // 30 + 10 = 40 ≤ 42
    await expect(submitApplication(t.db, { actorId: employee.id, postingId: posting.id, motivation: MOTIVATION })).resolves.toBeTruthy();
  });
});
