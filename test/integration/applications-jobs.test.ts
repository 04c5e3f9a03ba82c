import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import "~/applications/jobs.server";
import { START_PARTICIPATIONS_JOB } from "~/applications/jobs.server";
import { acceptApplication, CONSENT_REMINDER_JOB, consentToApplication, sendConsentReminder, submitApplication, withdrawApplication } from "~/applications/commands.server";
import { runDueJobs } from "~/jobs/runner.server";
import { schedulePeriodicJobs } from "~/jobs/schedule.server";
import { useTestDatabase } from "../helpers/db";
import { createEmployee } from "../helpers/factories";
import { buildWorld, createPosting, MOTIVATION, outboxFor, type World } from "./applications-fixtures";

const t = useTestDatabase();
let w: World;

const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  w = await buildWorld(t.db);
});

beforeEach(async () => {
  await t.db.deleteFrom("jobs").execute();
  await t.db.deleteFrom("outbox_emails").execute();
});

async function apply(now: Date, window: { from: string; until: string }) {
  const posting = await createPosting(t.db, {
    hostDepartmentId: w.units.digital.id,
    createdBy: w.people.manager.id,
    applyFrom: window.from,
    applyUntil: window.until,
    periodStart: "2027-02-01",
    periodEnd: "2027-03-31",
  });
  const employee = await createEmployee(t.db, { departmentId: w.units.tourism.id });
  const { applicationId, reminderAt } = await submitApplication(t.db, { actorId: employee.id, postingId: posting.id, motivation: MOTIVATION, now });
  return { applicationId, reminderAt, employee, posting };
}

const reminders = () => outboxFor(t.db, "application-consent-reminder");

describe("the consent reminder after 3 business days", () => {
  it("fires at 09:00 JST on the 3rd business day (weekend and 勤労感謝の日 skipped) while still pending, once", async () => {
    // Submitted Fri 2026-11-20; Sat, Sun and Mon 11-23 (holiday) do not count → Thu 11-26 09:00.
    const { applicationId, reminderAt } = await apply(at("2026-11-20T16:00:00+09:00"), { from: "2026-11-10", until: "2026-11-30" });
    expect(reminderAt.toISOString()).toBe("2026-11-26T00:00:00.000Z");

    // Mon (holiday), Tue, Wed: not yet.
    for (const now of ["2026-11-23T12:00:00+09:00", "2026-11-24T12:00:00+09:00", "2026-11-25T23:59:00+09:00", "2026-11-26T08:59:00+09:00"]) {
      await runDueJobs(t.db, { now: at(now) });
      expect(await reminders(), now).toHaveLength(0);
    }
    expect(await runDueJobs(t.db, { now: at("2026-11-26T09:00:00+09:00") })).toMatchObject({ done: 1 });
    const sent = await reminders();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to_employee_id: w.people.tourismHead.id, dedupe_key: `consent-reminder:${applicationId}` });
    expect(sent[0].subject).toMatch(/^【職員チャレンジポータル】応募への同意が未回答です/);
    // The count is as of delivery (3 when on time; the exact wording is checked below with a fixed clock).
    expect(sent[0].text_body).toMatch(/\d+営業日が経過しました/);
    expect(sent[0].text_body).toContain("2026年11月20日（金）16:00（日本時間）");

    // The job is done; later runs send nothing more.
    await runDueJobs(t.db, { now: at("2026-12-10T09:00:00+09:00") });
    expect(await reminders()).toHaveLength(1);
    const job = await t.db.selectFrom("jobs").select(["status", "name"]).where("unique_key", "=", `consent-reminder:${applicationId}`).executeTakeFirstOrThrow();
    expect(job).toEqual({ status: "done", name: CONSENT_REMINDER_JOB });
  });

  it("states the business days elapsed as of sending", async () => {
    const { applicationId } = await apply(at("2026-11-20T16:00:00+09:00"), { from: "2026-11-10", until: "2026-11-30" });
    expect(await sendConsentReminder(t.db, { applicationId, now: at("2026-11-26T09:00:00+09:00") })).toBe(true);
    expect((await reminders())[0].text_body).toContain("応募から3営業日が経過しました");
    // the dedupe key keeps it to one email even if asked twice
    expect(await sendConsentReminder(t.db, { applicationId, now: at("2026-11-27T09:00:00+09:00") })).toBe(true);
    expect(await reminders()).toHaveLength(1);
  });

  it("sends nothing when the supervisor has already decided", async () => {
    const { applicationId } = await apply(at("2026-11-20T10:00:00+09:00"), { from: "2026-11-10", until: "2026-11-30" });
    await consentToApplication(t.db, { actorId: w.people.tourismHead.id, applicationId, now: at("2026-11-25T10:00:00+09:00") });
    expect(await runDueJobs(t.db, { now: at("2026-11-26T09:00:00+09:00") })).toMatchObject({ done: 1 });
    expect(await reminders()).toHaveLength(0);
  });

  it("sends nothing when the applicant has withdrawn", async () => {
    const { applicationId, employee } = await apply(at("2026-11-20T10:00:00+09:00"), { from: "2026-11-10", until: "2026-11-30" });
    await withdrawApplication(t.db, { actorId: employee.id, applicationId, now: at("2026-11-24T10:00:00+09:00") });
    await runDueJobs(t.db, { now: at("2026-11-26T09:00:00+09:00") });
    expect(await reminders()).toHaveLength(0);
  });

  it("skips the year-end break: submitted Fri 12-25 → reminded Tue 2027-01-05 09:00", async () => {
    const { reminderAt } = await apply(at("2026-12-25T10:00:00+09:00"), { from: "2026-12-01", until: "2027-01-15" });
    expect(reminderAt.toISOString()).toBe("2027-01-05T00:00:00.000Z");
    await runDueJobs(t.db, { now: at("2027-01-04T17:00:00+09:00") });
    expect(await reminders()).toHaveLength(0);
    await runDueJobs(t.db, { now: at("2027-01-05T09:00:00+09:00") });
    expect(await reminders()).toHaveLength(1);
  });
});

describe("accepted → participating when the period begins (periodic job)", () => {
  it("moves every due accepted application in one run, and leaves the others", async () => {
    const dueSoon = await createPosting(t.db, { hostDepartmentId: w.units.digital.id, createdBy: w.people.manager.id, applyFrom: "2026-11-10", applyUntil: "2026-11-30", periodStart: "2026-12-01", periodEnd: "2027-03-31", capacity: 5 });
    const later = await createPosting(t.db, { hostDepartmentId: w.units.digital.id, createdBy: w.people.manager.id, applyFrom: "2026-11-10", applyUntil: "2026-11-30", periodStart: "2027-01-04", periodEnd: "2027-03-31", capacity: 5 });
    const accepted: Record<string, number[]> = { dueSoon: [], later: [] };
    for (const [key, posting] of [["dueSoon", dueSoon], ["dueSoon", dueSoon], ["later", later]] as const) {
      const employee = await createEmployee(t.db, { departmentId: w.units.tourism.id });
      const { applicationId } = await submitApplication(t.db, { actorId: employee.id, postingId: posting.id, motivation: MOTIVATION, now: at("2026-11-20T10:00:00+09:00"), hoursAvailable: 10 });
      await consentToApplication(t.db, { actorId: w.people.tourismHead.id, applicationId, now: at("2026-11-20T11:00:00+09:00") });
      await acceptApplication(t.db, { actorId: w.people.manager.id, applicationId, now: at("2026-11-25T10:00:00+09:00") });
      accepted[key].push(applicationId);
    }
    const statusOf = async (ids: number[]) => (await t.db.selectFrom("applications").select("status").where("id", "in", ids).execute()).map((r) => r.status);

    const slot = at("2026-12-01T00:05:00+09:00");
    await schedulePeriodicJobs(t.db, { now: slot });
    expect(await t.db.selectFrom("jobs").select("id").where("name", "=", START_PARTICIPATIONS_JOB).execute()).not.toHaveLength(0);
    await runDueJobs(t.db, { now: slot });
    expect(await statusOf(accepted.dueSoon)).toEqual(["participating", "participating"]);
    expect(await statusOf(accepted.later)).toEqual(["accepted"]);
    const filled = await t.db.selectFrom("postings").select(["id", "filled"]).where("id", "in", [dueSoon.id, later.id]).orderBy("id").execute();
    expect(filled.map((p) => p.filled)).toEqual([2, 1]);
  });
});
