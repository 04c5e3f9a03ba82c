import { beforeAll, describe, expect, it } from "vitest";
import type { PostingStatus } from "../../db/schema";
import { periodicJobs } from "~/jobs/handlers.server";
import { runDueJobs } from "~/jobs/runner.server";
import { schedulePeriodicJobs } from "~/jobs/schedule.server";
import { POSTING_LIFECYCLE_JOB } from "~/postings/jobs.server";
import {
  approvePosting,
  cancelPosting,
  closePosting,
  completePosting,
  createPosting,
  PostingStateError,
  returnPosting,
  runPostingLifecycle,
  submitPosting,
  updatePosting,
} from "~/postings/postings.server";
import type { PostingInput } from "~/postings/schema";
import { useTestDatabase } from "../helpers/db";
import { createDepartment, createEmployee } from "../helpers/factories";

const t = useTestDatabase();

// A fixed calendar: everything happens "on" these instants (Asia/Tokyo dates in the comments).
const at = (iso: string) => new Date(iso);
const NOV_21 = at("2026-11-21T01:00:00Z"); // 2026-11-21 10:00 JST
const NOV_25 = at("2026-11-25T01:00:00Z");
const DEC_10 = at("2026-12-10T01:00:00Z");
const DEC_21 = at("2026-12-21T01:00:00Z");
const JAN_15 = at("2027-01-15T01:00:00Z");
const APR_01 = at("2027-04-01T01:00:00Z");

let unit: { id: number; name: string };
let manager: { id: number };
let coManager: { id: number };
let hr1: { id: number };
let hr2: { id: number };
let formerHr: { id: number };
let otherManager: { id: number };
let staff: { id: number }[] = [];

beforeAll(async () => {
  const bureau = await createDepartment(t.db, { name: "観光戦略局" });
  unit = await createDepartment(t.db, { name: "観光振興室", parentId: bureau.id });
  const other = await createDepartment(t.db, { name: "人事課" });
  const elsewhere = await createDepartment(t.db, { name: "防災・危機管理課" });
  manager = await createEmployee(t.db, { departmentId: unit.id, name: "松井 健太", roles: [{ role: "posting_manager", departmentId: unit.id }] });
  coManager = await createEmployee(t.db, { departmentId: unit.id, name: "北野 真理", roles: [{ role: "posting_manager", departmentId: unit.id }] });
  otherManager = await createEmployee(t.db, { departmentId: elsewhere.id, roles: [{ role: "posting_manager", departmentId: elsewhere.id }] });
  hr1 = await createEmployee(t.db, { departmentId: other.id, name: "吉田 直美", roles: [{ role: "hr_admin" }] });
  hr2 = await createEmployee(t.db, { departmentId: other.id, name: "森 陽介", roles: [{ role: "hr_admin" }] });
  formerHr = await createEmployee(t.db, { departmentId: other.id, hiredOn: "2000-04-01", leftOn: "2026-03-31", roles: [{ role: "hr_admin" }] });
  staff = [];
  for (let i = 0; i < 8; i++) staff.push(await createEmployee(t.db, { departmentId: elsewhere.id, name: `応募 ${i}` }));
});

function input(overrides: Partial<PostingInput> = {}): PostingInput {
  return {
    scheme: "side_job",
    title: "観光振興プロモーション企画",
    hostDepartmentId: unit.id,
    summary: "県内の観光地の魅力を発信するプロモーションを一緒に企画します。",
    workContent: "SNS投稿の企画、動画撮影の補助、効果測定を担当していただきます。",
    skills: ["観光", "SNS運用"],
    hoursPerMonth: 10,
    periodStart: "2027-01-01",
    periodEnd: "2027-03-31",
    capacity: 3,
    workStyle: "hybrid",
    place: "県庁本館4階",
    maxGrade: "課長補佐",
    employmentTypes: ["regular"],
    selectionMethod: "interview",
    contact: "観光振興室 松井（内線1234）",
    applyFrom: "2026-12-01",
    applyUntil: "2026-12-20",
    ...overrides,
  };
}

const status = async (id: number) => (await t.db.selectFrom("postings").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
const actions = async (id: number) =>
  (await t.db.selectFrom("audit_log").select("action").where("entity_type", "=", "posting").where("entity_id", "=", String(id)).orderBy("id").execute()).map((r) => r.action);
const emails = (template: string, dedupePrefix: string) =>
  t.db.selectFrom("outbox_emails").select(["to_employee_id", "subject", "text_body", "dedupe_key"]).where("template", "=", template).where("dedupe_key", "like", `${dedupePrefix}%`).orderBy("to_employee_id").execute();

async function postingIn(state: PostingStatus, overrides: Partial<PostingInput> = {}): Promise<number> {
  const { id } = await createPosting(t.db, input(overrides), { actorId: manager.id, now: NOV_21 });
  if (state === "draft") return id;
  await submitPosting(t.db, id, { actorId: manager.id, now: NOV_21 });
  if (state === "pending_approval") return id;
  if (state === "returned") {
    await returnPosting(t.db, id, "受付期間を見直してください。", { actorId: hr1.id, now: NOV_21 });
    return id;
  }
  await approvePosting(t.db, id, { actorId: hr1.id, now: NOV_25 });
  if (state === "published") return id;
  await closePosting(t.db, id, { actorId: manager.id, now: DEC_21 });
  if (state === "closed") return id;
  if (state === "completed") {
    await completePosting(t.db, id, { actorId: manager.id, now: JAN_15 });
    return id;
  }
  await cancelPosting(t.db, id, "事業の見直しのため", { actorId: manager.id, now: DEC_21 });
  return id;
}

async function expectConflict(run: Promise<unknown>, code: string) {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PostingStateError);
  expect((error as PostingStateError).code).toBe(code);
  expect((error as PostingStateError).status).toBe(409);
}

describe("the posting lifecycle", () => {
  it("draft → submitted → returned → edited → resubmitted → published → closed → completed, audited and emailed", async () => {
    const { id } = await createPosting(t.db, input(), { actorId: manager.id, ip: "10.0.0.5", now: NOV_21 });
    expect(await status(id)).toBe("draft");

    await submitPosting(t.db, id, { actorId: manager.id, now: NOV_21 });
    const row1 = await t.db.selectFrom("postings").select(["status", "submitted_at"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row1).toEqual({ status: "pending_approval", submitted_at: NOV_21 });
    // every current hr_admin is asked to review; a former one is not
    const submitted = await emails("posting-submitted", `posting-submitted:${id}:`);
    expect(submitted.map((e) => e.to_employee_id)).toEqual([hr1.id, hr2.id]);
    expect(submitted.map((e) => e.to_employee_id)).not.toContain(formerHr.id);
    expect(submitted[0].subject).toBe("【職員チャレンジポータル】募集の承認依頼：観光振興プロモーション企画");
    expect(submitted[0].text_body).toContain("2026年11月21日（土）10:00（日本時間）");
    expect(submitted[0].text_body).toContain(`/hr/postings/${id}`);

    await returnPosting(t.db, id, "受付開始日を12月8日以降にしてください。", { actorId: hr1.id, now: NOV_21 });
    expect(await status(id)).toBe("returned");
    const returned = await emails("posting-returned", `posting-returned:${id}:`);
    expect(returned.map((e) => e.to_employee_id)).toEqual([manager.id, coManager.id]);
    expect(returned[0].subject).toBe("【職員チャレンジポータル】募集が差し戻されました：観光振興プロモーション企画");
    expect(returned[0].text_body).toContain("受付開始日を12月8日以降にしてください。");

    await updatePosting(t.db, id, input({ applyFrom: "2026-12-08", title: "観光振興プロモーション企画（改）" }), { actorId: manager.id, now: NOV_21 });
    await submitPosting(t.db, id, { actorId: coManager.id, now: NOV_25 });
    expect(await status(id)).toBe("pending_approval");
    // the second submission is a second email to each reviewer
    expect(await emails("posting-submitted", `posting-submitted:${id}:`)).toHaveLength(4);

    await approvePosting(t.db, id, { actorId: hr2.id, now: NOV_25 });
    const row2 = await t.db.selectFrom("postings").select(["status", "approved_by", "approved_at"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row2).toEqual({ status: "published", approved_by: hr2.id, approved_at: NOV_25 });
    const approved = await emails("posting-approved", `posting-approved:${id}:`);
    expect(approved.map((e) => e.to_employee_id)).toEqual([manager.id, coManager.id]);
    expect(approved[0].subject).toBe("【職員チャレンジポータル】募集が承認されました：観光振興プロモーション企画（改）");
    // other units' managers hear nothing
    expect(approved.map((e) => e.to_employee_id)).not.toContain(otherManager.id);

    await closePosting(t.db, id, { actorId: manager.id, now: DEC_10 });
    expect(await status(id)).toBe("closed");
    await completePosting(t.db, id, { actorId: manager.id, now: JAN_15 });
    expect(await status(id)).toBe("completed");

    expect(await actions(id)).toEqual(["posting.create", "posting.submit", "posting.return", "posting.update", "posting.submit", "posting.approve", "posting.close", "posting.complete"]);
    const first = await t.db.selectFrom("audit_log").select(["actor_id", "ip"]).where("entity_type", "=", "posting").where("entity_id", "=", String(id)).orderBy("id").executeTakeFirstOrThrow();
    expect(first).toEqual({ actor_id: manager.id, ip: "10.0.0.5" });
  });

  it("refuses every transition from the wrong state with a 409 conflict, changing nothing", async () => {
    const draft = await postingIn("draft");
    await expectConflict(approvePosting(t.db, draft, { actorId: hr1.id, now: NOV_25 }), "state_changed");
    await expectConflict(returnPosting(t.db, draft, "コメント", { actorId: hr1.id, now: NOV_25 }), "state_changed");
    await expectConflict(closePosting(t.db, draft, { actorId: manager.id, now: NOV_25 }), "state_changed");
    await expectConflict(completePosting(t.db, draft, { actorId: manager.id, now: JAN_15 }), "state_changed");
    expect(await status(draft)).toBe("draft");

    const pending = await postingIn("pending_approval");
    await expectConflict(updatePosting(t.db, pending, input({ title: "書き換え" }), { actorId: manager.id, now: NOV_25 }), "state_changed");
    await expectConflict(submitPosting(t.db, pending, { actorId: manager.id, now: NOV_25 }), "state_changed");
    await expectConflict(closePosting(t.db, pending, { actorId: manager.id, now: NOV_25 }), "state_changed");
    expect((await t.db.selectFrom("postings").select("title").where("id", "=", pending).executeTakeFirstOrThrow()).title).toBe("観光振興プロモーション企画");

    const published = await postingIn("published");
    await expectConflict(approvePosting(t.db, published, { actorId: hr1.id, now: NOV_25 }), "state_changed");
    await expectConflict(submitPosting(t.db, published, { actorId: manager.id, now: NOV_25 }), "state_changed");
    await expectConflict(updatePosting(t.db, published, input(), { actorId: manager.id, now: NOV_25 }), "state_changed");
    await expectConflict(completePosting(t.db, published, { actorId: manager.id, now: JAN_15 }), "state_changed");
    expect(await status(published)).toBe("published");

    const completed = await postingIn("completed");
    await expectConflict(cancelPosting(t.db, completed, "理由", { actorId: manager.id, now: APR_01 }), "state_changed");
    await expectConflict(closePosting(t.db, completed, { actorId: manager.id, now: APR_01 }), "state_changed");
    expect(await status(completed)).toBe("completed");

    const cancelled = await postingIn("cancelled");
    await expectConflict(cancelPosting(t.db, cancelled, "もう一度", { actorId: manager.id, now: DEC_21 }), "state_changed");
    await expectConflict(submitPosting(t.db, cancelled, { actorId: manager.id, now: DEC_21 }), "state_changed");
    expect((await t.db.selectFrom("postings").select("cancel_reason").where("id", "=", cancelled).executeTakeFirstOrThrow()).cancel_reason).toBe("事業の見直しのため");
  });

  it("refuses with a specific reason: submitting after the window opened, approving after the deadline, completing before the period", async () => {
    const late = await postingIn("draft");
    await expectConflict(submitPosting(t.db, late, { actorId: manager.id, now: DEC_10 }), "apply_from_past");
    expect(await status(late)).toBe("draft");

    const stale = await postingIn("pending_approval");
    await expectConflict(approvePosting(t.db, stale, { actorId: hr1.id, now: DEC_21 }), "window_passed");
    expect(await status(stale)).toBe("pending_approval");

    const early = await postingIn("closed");
    await expectConflict(completePosting(t.db, early, { actorId: manager.id, now: DEC_21 }), "not_started");
    expect(await status(early)).toBe("closed");
  });

  it("the database itself refuses a status change that skips a step, whatever code issues it", async () => {
    const draft = await postingIn("draft");
    await expect(t.db.updateTable("postings").set({ status: "published" }).where("id", "=", draft).execute()).rejects.toThrow(/illegal posting transition draft -> published/);
    const published = await postingIn("published");
    await expect(t.db.updateTable("postings").set({ status: "completed" }).where("id", "=", published).execute()).rejects.toThrow(/illegal posting transition published -> completed/);
    await expect(t.db.updateTable("postings").set({ status: "draft" }).where("id", "=", published).execute()).rejects.toThrow(/illegal posting transition/);
    const completed = await postingIn("completed");
    await expect(t.db.updateTable("postings").set({ status: "cancelled", cancel_reason: "x" }).where("id", "=", completed).execute()).rejects.toThrow(/illegal posting transition completed -> cancelled/);
    expect([await status(draft), await status(published), await status(completed)]).toEqual(["draft", "published", "completed"]);
  });

  it("of two HR admins deciding at once, exactly one wins; the other gets the conflict", async () => {
    const id = await postingIn("pending_approval");
    const outcomes = await Promise.allSettled([
      approvePosting(t.db, id, { actorId: hr1.id, now: NOV_25 }),
      returnPosting(t.db, id, "差し戻します", { actorId: hr2.id, now: NOV_25 }),
      approvePosting(t.db, id, { actorId: hr2.id, now: NOV_25 }),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toBeInstanceOf(PostingStateError);
    const decisions = (await actions(id)).filter((a) => a === "posting.approve" || a === "posting.return");
    expect(decisions).toHaveLength(1);
  });
});

describe("the periodic job", () => {
  it("is registered to run every 15 minutes", () => {
    expect(periodicJobs().find((job) => job.name === POSTING_LIFECYCLE_JOB)).toMatchObject({ everyMinutes: 15, offsetMinutes: 0 });
  });

  it("closes published postings after their deadline and completes closed ones after their period; idempotent", async () => {
    const open = await postingIn("published"); // deadline 2026-12-20
    const stillOpen = await postingIn("published", { applyUntil: "2026-12-25" });
    const closedEarly = await postingIn("closed"); // period ends 2027-03-31
    const longPeriod = await postingIn("closed", { periodEnd: "2027-06-30" });
    const draft = await postingIn("draft");

    // 2026-12-21 00:05 JST: the day after the deadline
    const first = await runPostingLifecycle(t.db, { now: at("2026-12-20T15:05:00Z") });
    expect(first.closed).toContain(open);
    expect(first.closed).not.toContain(stillOpen);
    expect(await status(open)).toBe("closed");
    expect(await status(stillOpen)).toBe("published");
    expect(await status(draft)).toBe("draft");
    expect(await actions(open)).toContain("posting.auto_close");
    const again = await runPostingLifecycle(t.db, { now: at("2026-12-20T15:20:00Z") });
    expect(again.closed).not.toContain(open);

    // 2026-12-20 23:59 JST is still the deadline day: nothing more happens
    expect((await runPostingLifecycle(t.db, { now: at("2026-12-20T14:59:00Z") })).closed).toEqual([]);

    // 2027-04-01: periods ending 2027-03-31 are over
    const spring = await runPostingLifecycle(t.db, { now: APR_01 });
    expect(spring.closed).toContain(stillOpen);
    expect(spring.completed).toEqual(expect.arrayContaining([open, stillOpen, closedEarly]));
    expect(spring.completed).not.toContain(longPeriod);
    expect(await status(stillOpen)).toBe("completed");
    expect(await status(longPeriod)).toBe("closed");
    const log = await t.db.selectFrom("audit_log").select(["action", "actor_id"]).where("entity_type", "=", "posting").where("entity_id", "=", String(closedEarly)).where("action", "=", "posting.auto_complete").execute();
    expect(log).toEqual([{ action: "posting.auto_complete", actor_id: null }]);
    expect(await runPostingLifecycle(t.db, { now: APR_01 })).toEqual({ closed: [], completed: [] });
  });

  it("runs through the job queue: the slot at midnight JST closes yesterday's deadlines", async () => {
    const id = await postingIn("published", { applyUntil: "2026-12-28" });
    const justAfterMidnight = at("2026-12-28T15:01:00Z"); // 2026-12-29 00:01 JST
    await schedulePeriodicJobs(t.db, { now: justAfterMidnight });
    const result = await runDueJobs(t.db, { now: justAfterMidnight, batchSize: 50 });
    expect(result.failed).toBe(0);
    expect(await status(id)).toBe("closed");
  });
});

describe("cancelling a posting", () => {
  const motivation = "地域の観光振興に自分の経験を生かしたいと考えて応募します。";

  async function apply(postingId: number, employeeId: number, state: string, extra: Record<string, unknown> = {}) {
    return t.db
      .insertInto("applications")
      .values({ posting_id: postingId, employee_id: employeeId, motivation, status: state as never, ...extra })
      .returning("id")
      .executeTakeFirstOrThrow();
  }

  it("cancels every live application, ends or removes their participation, and emails each live applicant the reason", async () => {
    const id = await postingIn("closed", { capacity: 5, periodStart: "2026-12-15" });
    const [a, b, c, d, e, f, g, left] = staff;
    const awaiting = await apply(id, a.id, "awaiting_consent");
    const screening = await apply(id, b.id, "screening");
    const interview = await apply(id, c.id, "interview");
    const accepted = await apply(id, d.id, "accepted");
    const participating = await apply(id, e.id, "participating");
    const notSelected = await apply(id, f.id, "not_selected", { decision_reason: "経験の条件に合わなかったため" });
    const withdrawn = await apply(id, g.id, "withdrawn", { withdrawn_at: NOV_25 });
    // someone who has since left: their application is cancelled too, but no email goes to a dead mailbox
    await t.db.updateTable("employees").set({ hired_on: "2000-04-01", left_on: "2026-12-31" }).where("id", "=", left.id).execute();
    const leaver = await apply(id, left.id, "screening");
    expect((await t.db.selectFrom("postings").select("filled").where("id", "=", id).executeTakeFirstOrThrow()).filled).toBe(2);

    const participation = (applicationId: number, employeeId: number, startOn: string) =>
      t.db
        .insertInto("participations")
        .values({ employee_id: employeeId, scheme: "side_job", title: "観光振興プロモーション企画", host_department_id: unit.id, start_on: startOn, end_on: "2027-03-31", source: "application", application_id: applicationId })
        .returning("id")
        .executeTakeFirstOrThrow();
    const notStarted = await participation(accepted.id, d.id, "2027-02-01");
    const running = await participation(participating.id, e.id, "2026-12-15");

    const cancelAt = at("2027-01-10T03:00:00Z"); // 2027-01-10 12:00 JST
    const outcome = await cancelPosting(t.db, id, "予算の見直しにより事業を中止するため", { actorId: manager.id, now: cancelAt });
    expect(outcome.previous).toBe("closed");
    expect(outcome.notified).toBe(5);
    expect(outcome.cancelledApplicationIds.sort((x, y) => x - y)).toEqual([awaiting.id, screening.id, interview.id, accepted.id, participating.id, leaver.id].sort((x, y) => x - y));

    const posting = await t.db.selectFrom("postings").select(["status", "cancel_reason", "cancelled_at", "filled"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(posting).toEqual({ status: "cancelled", cancel_reason: "予算の見直しにより事業を中止するため", cancelled_at: cancelAt, filled: 0 });

    const apps = await t.db.selectFrom("applications").select(["id", "status", "cancelled_at"]).where("posting_id", "=", id).execute();
    const byId = new Map(apps.map((r) => [r.id, r]));
    for (const live of [awaiting, screening, interview, accepted, participating, leaver]) expect(byId.get(live.id)).toMatchObject({ status: "cancelled", cancelled_at: cancelAt });
    expect(byId.get(notSelected.id)).toMatchObject({ status: "not_selected", cancelled_at: null });
    expect(byId.get(withdrawn.id)).toMatchObject({ status: "withdrawn", cancelled_at: null });

    expect(await t.db.selectFrom("participations").select("id").where("id", "=", notStarted.id).executeTakeFirst()).toBeUndefined();
    expect((await t.db.selectFrom("participations").select(["start_on", "end_on"]).where("id", "=", running.id).executeTakeFirstOrThrow())).toEqual({ start_on: "2026-12-15", end_on: "2027-01-10" });

    const sent = await emails("posting-cancelled", `posting-cancelled:${id}:`);
    expect(sent.map((m) => m.to_employee_id).sort()).toEqual([a.id, b.id, c.id, d.id, e.id].sort());
    expect(sent[0].subject).toBe("【職員チャレンジポータル】募集が中止されました：観光振興プロモーション企画");
    expect(sent[0].text_body).toContain("予算の見直しにより事業を中止するため");
    expect(sent[0].text_body).toContain("2027年1月10日（日）12:00（日本時間）");
    expect(sent.find((m) => m.to_employee_id === a.id)?.text_body).toContain(`/me/applications/${awaiting.id}`);

    const audit = await t.db.selectFrom("audit_log").select(["action", "detail"]).where("entity_type", "=", "posting").where("entity_id", "=", String(id)).where("action", "=", "posting.cancel").executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ from: "closed", reason: "予算の見直しにより事業を中止するため", participationsEnded: 1, participationsDeleted: 1 });
  });

  it("a draft can be cancelled too (no applicants, no emails); a reason is required by the database", async () => {
    const id = await postingIn("draft");
    const outcome = await cancelPosting(t.db, id, "作成し直すため", { actorId: manager.id, now: NOV_25 });
    expect(outcome).toEqual({ previous: "draft", cancelledApplicationIds: [], notified: 0 });
    const other = await postingIn("draft");
    await expect(cancelPosting(t.db, other, "  ", { actorId: manager.id, now: NOV_25 })).rejects.toThrow(/check constraint/);
    expect(await status(other)).toBe("draft");
  });
});
