import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import {
  acceptApplication,
  completeApplication,
  consentToApplication,
  declineConsent,
  rejectApplication,
  scheduleInterview,
  startDueParticipations,
  submitApplication,
  withdrawApplication,
} from "~/applications/commands.server";
import { ApplicationError } from "~/applications/errors";
import { APPLICATION_STATUSES } from "~/applications/status";
import type { ApplicationStatus } from "../../db/schema";
import { useTestDatabase } from "../helpers/db";
import { createEmployee } from "../helpers/factories";
import { buildWorld, createPosting, MOTIVATION, outboxFor, type World } from "./applications-fixtures";

const t = useTestDatabase();
let w: World;

// A fixed calendar: applications open 11-10 … 11-30, the work runs 12-01 … 2027-03-31.
const at = (iso: string) => new Date(iso);
const NOV20 = at("2026-11-20T10:00:00+09:00"); // Fri
const NOV25 = at("2026-11-25T15:00:00+09:00");
const NOV27 = at("2026-11-27T11:00:00+09:00");
const DEC01 = at("2026-12-01T08:00:00+09:00");
const DEC10 = at("2026-12-10T13:00:00+09:00");
const JAN15 = at("2027-01-15T17:00:00+09:00");
const FEB15 = at("2027-02-15T17:00:00+09:00");

async function fixedPosting(overrides: Partial<Parameters<typeof createPosting>[1]> = {}) {
  return createPosting(t.db, {
    hostDepartmentId: w.units.digital.id,
    createdBy: w.people.manager.id,
    applyFrom: "2026-11-10",
    applyUntil: "2026-11-30",
    periodStart: "2026-12-01",
    periodEnd: "2027-03-31",
    capacity: 5,
    ...overrides,
  });
}

async function newApplicant() {
  return createEmployee(t.db, { departmentId: w.units.tourism.id, grade: "主事" });
}

const application = (id: number) => t.db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const participation = (applicationId: number) => t.db.selectFrom("participations").selectAll().where("application_id", "=", applicationId).executeTakeFirst();
const filled = async (postingId: number) => (await t.db.selectFrom("postings").select("filled").where("id", "=", postingId).executeTakeFirstOrThrow()).filled;

/** Submit and consent: an application in screening. */
async function screened(postingId: number, employeeId: number, now = NOV20) {
  const { applicationId } = await submitApplication(t.db, { actorId: employeeId, postingId, motivation: MOTIVATION, now });
  await consentToApplication(t.db, { actorId: w.people.tourismHead.id, applicationId, now });
  return applicationId;
}

async function expectRefusal(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApplicationError);
  expect((error as ApplicationError).code).toBe(code);
  return error as ApplicationError;
}

beforeAll(async () => {
  w = await buildWorld(t.db);
});

describe("the whole path: submit → consent → interview → accept → participating → completed", () => {
  it("moves through every status with the records, emails, job and audit entries each step implies", async () => {
    const posting = await fixedPosting({ title: "観光DX推進プロジェクト" });
    const applicant = await newApplicant();

    // submit
    const submitted = await submitApplication(t.db, { actorId: applicant.id, postingId: posting.id, motivation: `  ${MOTIVATION}  `, experience: "SNS運用2年", hoursAvailable: 16, now: NOV20 });
    let row = await application(submitted.applicationId);
    expect(row).toMatchObject({ status: "awaiting_consent", supervisor_id: w.people.tourismHead.id, motivation: MOTIVATION, experience: "SNS運用2年", hours_available: "16.0" });
    expect(row.submitted_at.toISOString()).toBe(NOV20.toISOString());
    expect(submitted.reminderAt.toISOString()).toBe("2026-11-26T00:00:00.000Z");
    const job = await t.db.selectFrom("jobs").selectAll().where("unique_key", "=", `consent-reminder:${submitted.applicationId}`).executeTakeFirstOrThrow();
    expect(job.run_at.toISOString()).toBe("2026-11-26T00:00:00.000Z");
    const toSupervisor = (await outboxFor(t.db, "application-submitted")).filter((m) => m.dedupe_key === `application-submitted:${submitted.applicationId}`);
    expect(toSupervisor).toHaveLength(1);
    expect(toSupervisor[0].to_employee_id).toBe(w.people.tourismHead.id);
    expect(toSupervisor[0].subject).toMatch(/^【職員チャレンジポータル】/);
    expect(toSupervisor[0].text_body).toContain("観光DX推進プロジェクト");
    expect(toSupervisor[0].text_body).toContain("（日本時間）");

    // consent
    await consentToApplication(t.db, { actorId: w.people.tourismHead.id, applicationId: submitted.applicationId, comment: "業務調整済みです。", now: NOV20 });
    row = await application(submitted.applicationId);
    expect(row).toMatchObject({ status: "screening", consent_comment: "業務調整済みです。" });
    const consented = await outboxFor(t.db, "application-consented");
    expect(consented.filter((m) => m.to_employee_id === applicant.id)).toHaveLength(1);
    const hostMail = (await outboxFor(t.db, "application-consented-host")).filter((m) => m.dedupe_key?.startsWith(`application-consented-host:${submitted.applicationId}:`));
    expect(hostMail.map((m) => m.to_employee_id)).toEqual([w.people.manager.id]);

    // interview
    const interviewAt = at("2026-11-26T14:00:00+09:00");
    await scheduleInterview(t.db, { actorId: w.people.manager.id, applicationId: submitted.applicationId, interviewAt, place: "本館3階 第2会議室", note: "ノートPCをお持ちください。", now: NOV20 });
    row = await application(submitted.applicationId);
    expect(row).toMatchObject({ status: "interview", interview_place: "本館3階 第2会議室" });
    expect(row.interview_at?.toISOString()).toBe(interviewAt.toISOString());
    const invite = (await outboxFor(t.db, "application-interview")).find((m) => m.to_employee_id === applicant.id)!;
    expect(invite.text_body).toContain("2026年11月26日（木）14:00（日本時間）");

    // accept before the period starts → accepted, record from period start
    const accepted = await acceptApplication(t.db, { actorId: w.people.manager.id, applicationId: submitted.applicationId, now: NOV25 });
    expect(accepted.status).toBe("accepted");
    expect(await filled(posting.id)).toBe(1);
    expect(await participation(submitted.applicationId)).toMatchObject({
      employee_id: applicant.id,
      scheme: "side_job",
      title: "観光DX推進プロジェクト",
      host_department_id: w.units.digital.id,
      start_on: "2026-12-01",
      end_on: "2027-03-31",
      source: "application",
    });
    const decision = (await outboxFor(t.db, "application-decision")).find((m) => m.dedupe_key === `application-decision:${submitted.applicationId}`)!;
    expect(decision.subject).toBe("【職員チャレンジポータル】採用決定のお知らせ（観光DX推進プロジェクト）");

    // the period begins → participating (set-based job)
    expect(await startDueParticipations(t.db, { now: at("2026-11-30T23:00:00+09:00") })).not.toContain(submitted.applicationId);
    expect(await startDueParticipations(t.db, { now: DEC01 })).toContain(submitted.applicationId);
    expect((await application(submitted.applicationId)).status).toBe("participating");
    expect(await filled(posting.id)).toBe(1);

    // early completion → record ends that day
    await completeApplication(t.db, { actorId: applicant.id, applicationId: submitted.applicationId, report: "観光サイトのアクセス解析を担当しました。", hours: 48, now: FEB15 });
    row = await application(submitted.applicationId);
    expect(row).toMatchObject({ status: "completed", completion_report: "観光サイトのアクセス解析を担当しました。", completion_hours: "48.0" });
    expect((await participation(submitted.applicationId))?.end_on).toBe("2027-02-15");
    expect(await filled(posting.id)).toBe(0);

    const actions = await t.db.selectFrom("audit_log").select("action").where("entity_type", "=", "application").where("entity_id", "=", String(submitted.applicationId)).orderBy("id").execute();
    expect(actions.map((a) => a.action)).toEqual([
      "application.submit",
      "application.consent",
      "application.schedule_interview",
      "application.accept",
      "application.start_participation",
      "application.complete",
    ]);
  });
});

describe("participation records (DESIGN §3)", () => {
  it("accepting after the period has begun goes straight to participating, starting on the acceptance date", async () => {
    const posting = await fixedPosting();
    const applicant = await newApplicant();
    const id = await screened(posting.id, applicant.id);
    const result = await acceptApplication(t.db, { actorId: w.people.manager.id, applicationId: id, now: DEC10 });
    expect(result.status).toBe("participating");
    expect((await application(id)).status).toBe("participating");
    expect(await participation(id)).toMatchObject({ start_on: "2026-12-10", end_on: "2027-03-31" });
    expect(await filled(posting.id)).toBe(1);
  });

  it("withdrawal before the start deletes the record and frees the place", async () => {
    const posting = await fixedPosting();
    const applicant = await newApplicant();
    const id = await screened(posting.id, applicant.id);
    await acceptApplication(t.db, { actorId: w.people.manager.id, applicationId: id, now: NOV25 });
    expect(await participation(id)).toBeTruthy();
    const { previousStatus } = await withdrawApplication(t.db, { actorId: applicant.id, applicationId: id, reason: "所属の繁忙期と重なったため", now: NOV27 });
    expect(previousStatus).toBe("accepted");
    expect(await participation(id)).toBeUndefined();
    expect(await filled(posting.id)).toBe(0);
    const mail = (await outboxFor(t.db, "application-withdrawn")).filter((m) => m.dedupe_key?.startsWith(`application-withdrawn:${id}:`));
    expect(mail.map((m) => m.to_employee_id)).toEqual([w.people.manager.id]);
    expect(mail[0].text_body).toContain("採用決定");
    expect(mail[0].text_body).toContain("所属の繁忙期と重なったため");
  });

  it("withdrawal after the start ends the record on the withdrawal date", async () => {
    const posting = await fixedPosting();
    const applicant = await newApplicant();
    const id = await screened(posting.id, applicant.id);
    await acceptApplication(t.db, { actorId: w.people.manager.id, applicationId: id, now: DEC10 });
    await withdrawApplication(t.db, { actorId: applicant.id, applicationId: id, now: JAN15 });
    expect((await application(id)).status).toBe("withdrawn");
    expect(await participation(id)).toMatchObject({ start_on: "2026-12-10", end_on: "2027-01-15" });
    expect(await filled(posting.id)).toBe(0);
  });

  it("a completion report after the period keeps the period end", async () => {
    const posting = await fixedPosting();
    const applicant = await newApplicant();
    const id = await screened(posting.id, applicant.id);
    await acceptApplication(t.db, { actorId: w.people.manager.id, applicationId: id, now: DEC10 });
    await completeApplication(t.db, { actorId: applicant.id, applicationId: id, report: "完了しました。", now: at("2027-04-05T10:00:00+09:00") });
    expect((await participation(id))?.end_on).toBe("2027-03-31");
  });

  it("withdrawal before consent tells nobody at the host", async () => {
    const posting = await fixedPosting();
    const applicant = await newApplicant();
    const { applicationId } = await submitApplication(t.db, { actorId: applicant.id, postingId: posting.id, motivation: MOTIVATION, now: NOV20 });
    await withdrawApplication(t.db, { actorId: applicant.id, applicationId, now: NOV20 });
    expect((await outboxFor(t.db, "application-withdrawn")).filter((m) => m.dedupe_key?.startsWith(`application-withdrawn:${applicationId}:`))).toHaveLength(0);
    expect(await participation(applicationId)).toBeUndefined();
  });
});

describe("decline, not selected, and the one-live-application rule", () => {
  it("a declined application carries the reason to the applicant, and the employee may apply again", async () => {
    const posting = await fixedPosting();
    const applicant = await newApplicant();
    const first = await submitApplication(t.db, { actorId: applicant.id, postingId: posting.id, motivation: MOTIVATION, now: NOV20 });
    // A second live application is refused while the first is pending.
    const dup = await expectRefusal(submitApplication(t.db, { actorId: applicant.id, postingId: posting.id, motivation: MOTIVATION, now: NOV20 }), "already_applied");
    expect(dup.message).toBe("この募集には既に応募しています。");
    expect(dup.status).toBe(409);

    await declineConsent(t.db, { actorId: w.people.tourismHead.id, applicationId: first.applicationId, reason: "年度末の繁忙期のため、今回は業務の調整がつきません。", now: NOV20 });
    expect(await application(first.applicationId)).toMatchObject({ status: "consent_declined", consent_comment: "年度末の繁忙期のため、今回は業務の調整がつきません。" });
    const mail = (await outboxFor(t.db, "application-declined")).find((m) => m.dedupe_key === `application-declined:${first.applicationId}`)!;
    expect(mail.to_employee_id).toBe(applicant.id);
    expect(mail.text_body).toContain("年度末の繁忙期のため");

    const again = await submitApplication(t.db, { actorId: applicant.id, postingId: posting.id, motivation: MOTIVATION, now: NOV20 });
    expect(again.applicationId).not.toBe(first.applicationId);
    await expectRefusal(submitApplication(t.db, { actorId: applicant.id, postingId: posting.id, motivation: MOTIVATION, now: NOV20 }), "already_applied");
  });

  it("not selected requires a reason, which the applicant receives", async () => {
    const posting = await fixedPosting();
    const applicant = await newApplicant();
    const id = await screened(posting.id, applicant.id);
    await expect(rejectApplication(t.db, { actorId: w.people.manager.id, applicationId: id, reason: "  ", now: NOV25 })).rejects.toThrow(RangeError);
    await rejectApplication(t.db, { actorId: w.people.manager.id, applicationId: id, reason: "今回はデータ分析の実務経験を持つ方を優先しました。", now: NOV25 });
    expect(await application(id)).toMatchObject({ status: "not_selected", decided_by: w.people.manager.id, decision_reason: "今回はデータ分析の実務経験を持つ方を優先しました。" });
    const mail = (await outboxFor(t.db, "application-decision")).find((m) => m.dedupe_key === `application-decision:${id}`)!;
    expect(mail.subject).toContain("選考結果のお知らせ");
    expect(mail.text_body).toContain("データ分析の実務経験");
    // and may apply again after not being selected
    await expect(submitApplication(t.db, { actorId: applicant.id, postingId: posting.id, motivation: MOTIVATION, now: NOV20 })).resolves.toBeTruthy();
  });

  it("the database refuses a second live application even when the code is bypassed (23505)", async () => {
    const posting = await fixedPosting();
    const applicant = await newApplicant();
    const values = { posting_id: posting.id, employee_id: applicant.id, supervisor_id: w.people.tourismHead.id, motivation: MOTIVATION };
    await t.db.insertInto("applications").values(values).execute();
    await expect(t.db.insertInto("applications").values(values).execute()).rejects.toMatchObject({ code: "23505", constraint: "applications_one_live" });
  });
});

describe("submission rules", () => {
  it("refuses closed windows, ineligible grades and employment types, own-unit side jobs, and missing supervisors", async () => {
    const posting = await fixedPosting();
    const applicant = await newApplicant();
    await expectRefusal(submitApplication(t.db, { actorId: applicant.id, postingId: posting.id, motivation: MOTIVATION, now: at("2026-12-01T09:00:00+09:00") }), "not_open");
    await expectRefusal(submitApplication(t.db, { actorId: applicant.id, postingId: posting.id, motivation: MOTIVATION, now: at("2026-11-09T23:00:00+09:00") }), "not_open");

    const senior = await createEmployee(t.db, { departmentId: w.units.tourism.id, grade: "主幹" });
    await expectRefusal(submitApplication(t.db, { actorId: senior.id, postingId: posting.id, motivation: MOTIVATION, now: NOV20 }), "not_eligible_grade");

    const partTime = await newApplicant();
    await t.db.updateTable("employees").set({ employment_type: "part_time" }).where("id", "=", partTime.id).execute();
    await expectRefusal(submitApplication(t.db, { actorId: partTime.id, postingId: posting.id, motivation: MOTIVATION, now: NOV20 }), "not_eligible_employment");

    const hostStaff = await createEmployee(t.db, { departmentId: w.units.digital.id });
    await expectRefusal(submitApplication(t.db, { actorId: hostStaff.id, postingId: posting.id, motivation: MOTIVATION, now: NOV20 }), "own_unit");
    // …but a job challenge in one's own unit is fine
    const own = await fixedPosting({ scheme: "job_challenge" });
    await expect(submitApplication(t.db, { actorId: hostStaff.id, postingId: own.id, motivation: MOTIVATION, now: NOV20 })).resolves.toBeTruthy();

    // the head of a top-level unit has nobody above to consent
    const topUnit = await t.db.insertInto("departments").values({ code: `TOP${Date.now() % 100000}`, name: "単独の室" }).returning("id").executeTakeFirstOrThrow();
    const loneHead = await createEmployee(t.db, { departmentId: topUnit.id, grade: "課長補佐", roles: [{ role: "supervisor", departmentId: topUnit.id }] });
    await expectRefusal(submitApplication(t.db, { actorId: loneHead.id, postingId: posting.id, motivation: MOTIVATION, now: NOV20 }), "no_supervisor");

    const draft = await fixedPosting({ status: "draft" });
    await expectRefusal(submitApplication(t.db, { actorId: applicant.id, postingId: draft.id, motivation: MOTIVATION, now: NOV20 }), "not_found");
    await expectRefusal(submitApplication(t.db, { actorId: applicant.id, postingId: 999999, motivation: MOTIVATION, now: NOV20 }), "not_found");
    expect(await t.db.selectFrom("applications").select("id").where("employee_id", "in", [applicant.id, senior.id, partTime.id, loneHead.id]).execute()).toHaveLength(0);
  });
});

describe("refused transitions through the commands (conditional UPDATE → 409)", () => {
  it("refuses acting twice or out of order, and leaves the row as it was", async () => {
    const posting = await fixedPosting();
    const applicant = await newApplicant();
    const { applicationId: id } = await submitApplication(t.db, { actorId: applicant.id, postingId: posting.id, motivation: MOTIVATION, now: NOV20 });

    // before consent the host cannot even see it
    await expectRefusal(acceptApplication(t.db, { actorId: w.people.manager.id, applicationId: id, now: NOV25 }), "not_found");
    await expectRefusal(scheduleInterview(t.db, { actorId: w.people.manager.id, applicationId: id, interviewAt: NOV27, place: "会議室", now: NOV25 }), "not_found");
    // another supervisor cannot consent
    await expectRefusal(consentToApplication(t.db, { actorId: w.people.digitalHead.id, applicationId: id, now: NOV20 }), "not_found");
    // completion before participating
    await expectRefusal(completeApplication(t.db, { actorId: applicant.id, applicationId: id, report: "x", now: NOV20 }), "state_changed");

    await consentToApplication(t.db, { actorId: w.people.tourismHead.id, applicationId: id, now: NOV20 });
    const twice = await expectRefusal(consentToApplication(t.db, { actorId: w.people.tourismHead.id, applicationId: id, now: NOV20 }), "state_changed");
    expect(twice.message).toBe("状態が変わりました。画面を更新してください。");
    await expectRefusal(declineConsent(t.db, { actorId: w.people.tourismHead.id, applicationId: id, reason: "やはり", now: NOV20 }), "state_changed");

    // the other unit's manager cannot act; the host's own staff cannot screen their own application
    await expectRefusal(acceptApplication(t.db, { actorId: w.people.otherManager.id, applicationId: id, now: NOV25 }), "not_found");

    await rejectApplication(t.db, { actorId: w.people.manager.id, applicationId: id, reason: "今回は見送ります。", now: NOV25 });
    await expectRefusal(acceptApplication(t.db, { actorId: w.people.manager.id, applicationId: id, now: NOV25 }), "state_changed");
    await expectRefusal(scheduleInterview(t.db, { actorId: w.people.manager.id, applicationId: id, interviewAt: NOV27, place: "会議室", now: NOV25 }), "state_changed");
    await expectRefusal(withdrawApplication(t.db, { actorId: applicant.id, applicationId: id, now: NOV25 }), "state_changed");
    expect((await application(id)).status).toBe("not_selected");
    expect(await filled(posting.id)).toBe(0);
  });

  it("refuses withdrawal after completion and a second acceptance, and nobody but the applicant may withdraw", async () => {
    const posting = await fixedPosting();
    const applicant = await newApplicant();
    const id = await screened(posting.id, applicant.id);
    await expectRefusal(withdrawApplication(t.db, { actorId: w.people.manager.id, applicationId: id, now: NOV25 }), "not_found");
    await acceptApplication(t.db, { actorId: w.people.manager.id, applicationId: id, now: DEC10 });
    await expectRefusal(acceptApplication(t.db, { actorId: w.people.manager.id, applicationId: id, now: DEC10 }), "state_changed");
    await expectRefusal(rejectApplication(t.db, { actorId: w.people.manager.id, applicationId: id, reason: "取消", now: DEC10 }), "state_changed");
    await completeApplication(t.db, { actorId: applicant.id, applicationId: id, report: "完了しました。", now: FEB15 });
    await expectRefusal(completeApplication(t.db, { actorId: applicant.id, applicationId: id, report: "二回目", now: FEB15 }), "state_changed");
    await expectRefusal(withdrawApplication(t.db, { actorId: applicant.id, applicationId: id, now: FEB15 }), "state_changed");
    expect((await application(id)).status).toBe("completed");
    expect((await participation(id))?.end_on).toBe("2027-02-15");
  });

  it("refuses acceptance once the period is over", async () => {
    const posting = await fixedPosting();
    const applicant = await newApplicant();
    const id = await screened(posting.id, applicant.id);
    await expectRefusal(acceptApplication(t.db, { actorId: w.people.manager.id, applicationId: id, now: at("2027-04-01T10:00:00+09:00") }), "period_over");
    expect((await application(id)).status).toBe("screening");
  });

  it("a manager of the host unit cannot screen their own application", async () => {
    const posting = await fixedPosting({ scheme: "job_challenge" });
    const { applicationId } = await submitApplication(t.db, { actorId: w.people.manager.id, postingId: posting.id, motivation: MOTIVATION, now: NOV20 });
    await consentToApplication(t.db, { actorId: w.people.digitalHead.id, applicationId, now: NOV20 });
    await expectRefusal(acceptApplication(t.db, { actorId: w.people.manager.id, applicationId, now: NOV25 }), "own_application");
  });
});

describe("the status graph in the database (applications_guard_transition)", () => {
  const allowed: Record<ApplicationStatus, ApplicationStatus[]> = {
    awaiting_consent: ["screening", "consent_declined", "withdrawn", "cancelled"],
    screening: ["interview", "accepted", "not_selected", "withdrawn", "cancelled"],
    interview: ["accepted", "not_selected", "withdrawn", "cancelled"],
    accepted: ["participating", "withdrawn", "completed", "cancelled"],
    participating: ["completed", "withdrawn", "cancelled"],
    consent_declined: [],
    not_selected: [],
    completed: [],
    withdrawn: [],
    cancelled: [],
  };

  it("allows exactly the edges of the graph for every pair of statuses, whatever code issues the UPDATE", async () => {
    const posting = await fixedPosting({ capacity: 100 });
    const outcomes: string[] = [];
    for (const from of APPLICATION_STATUSES) {
      const employee = await newApplicant();
      // Every reason column filled, so only the transition rule can refuse.
      const { id } = await t.db
        .insertInto("applications")
        .values({ posting_id: posting.id, employee_id: employee.id, supervisor_id: w.people.tourismHead.id, motivation: MOTIVATION, status: from, consent_comment: "理由", decision_reason: "理由", completion_report: "報告" })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const to of APPLICATION_STATUSES) {
        if (to === from) continue;
        const result = await t.db
          .transaction()
          .execute(async (trx) => {
            await sql`UPDATE applications SET status = ${to} WHERE id = ${id}`.execute(trx);
            throw new Error("rollback");
          })
          .then(
            () => "allowed",
            (e: { message?: string; constraint?: string; code?: string }) => (e.message === "rollback" ? "allowed" : e.constraint === "applications_transition" && e.code === "23514" ? "refused" : `error:${e.message}`),
          );
        outcomes.push(`${from}->${to}:${result}`);
        expect(result, `${from} → ${to}`).toBe(allowed[from].includes(to) ? "allowed" : "refused");
      }
    }
    expect(outcomes).toHaveLength(90);
  });

  it("refuses a raw UPDATE that skips a step (awaiting_consent → accepted, screening → participating)", async () => {
    const posting = await fixedPosting();
    const applicant = await newApplicant();
    const { applicationId } = await submitApplication(t.db, { actorId: applicant.id, postingId: posting.id, motivation: MOTIVATION, now: NOV20 });
    await expect(sql`UPDATE applications SET status = 'accepted' WHERE id = ${applicationId}`.execute(t.db)).rejects.toMatchObject({
      code: "23514",
      constraint: "applications_transition",
      message: "illegal application transition awaiting_consent -> accepted",
    });
    await consentToApplication(t.db, { actorId: w.people.tourismHead.id, applicationId, now: NOV20 });
    await expect(sql`UPDATE applications SET status = 'participating' WHERE id = ${applicationId}`.execute(t.db)).rejects.toMatchObject({ constraint: "applications_transition" });
    expect((await application(applicationId)).status).toBe("screening");
    expect(await filled(posting.id)).toBe(0);
  });

  it("requires the decline reason, the not-selected reason and the completion report (CHECK)", async () => {
    const posting = await fixedPosting();
    const applicant = await newApplicant();
    const { applicationId } = await submitApplication(t.db, { actorId: applicant.id, postingId: posting.id, motivation: MOTIVATION, now: NOV20 });
    await expect(sql`UPDATE applications SET status = 'consent_declined' WHERE id = ${applicationId}`.execute(t.db)).rejects.toMatchObject({ code: "23514" });
    expect((await application(applicationId)).status).toBe("awaiting_consent");
  });
});
