import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { REVIEW_REMINDER_JOB } from "~/contest/review-jobs.server";
import { assignReviewer } from "~/contest/assignment.server";
import { saveReview, sendReviewReminders } from "~/contest/reviews.server";
import { runDueJobs } from "~/jobs/runner.server";
import { schedulePeriodicJobs } from "~/jobs/schedule.server";
import { useTestDatabase } from "../helpers/db";
import { createEmployee } from "../helpers/factories";
import { buildReviewWorld, createProposal, createRound, outbox, type ReviewWorld } from "./contest-review-fixtures";

const t = useTestDatabase();
let w: ReviewWorld;
const jst = (date: string, time: string) => new Date(`${date}T${time}:00+09:00`);
const reminders = () => outbox(t.db, "contest-review-reminder");

// Review window 2026-06-01 … 2026-07-31 (a Friday): the reminder is due on 2026-07-28, 09:00 JST.
let round: Awaited<ReturnType<typeof createRound>>;
let proposals: Array<{ id: number; title: string }>;

beforeAll(async () => {
  w = await buildReviewWorld(t.db);
  round = await createRound(t.db, { createdBy: w.admin.id, reviewOpensOn: "2026-06-01", reviewClosesOn: "2026-07-31", title: "令和8年度チャレンジコンテスト" });
  proposals = [
    await createProposal(t.db, { roundId: round.id, leadId: w.outsider.id, title: "提案その一" }),
    await createProposal(t.db, { roundId: round.id, leadId: w.outsider.id, title: "提案その二" }),
    await createProposal(t.db, { roundId: round.id, leadId: w.outsider.id, title: "提案その三" }),
  ];
  const [n0, n1, n2, n3] = w.neutral;
  // outsider is in 企画調整室 like n0 and n1, so they review nothing here; use the office and disaster reviewers.
  void n0;
  void n1;
  const inWindow = { now: jst("2026-06-15", "10:00") };
  const full = (score: number) => round.criteria.map((c) => ({ criterionId: c.id, score }));
  // n2: one submitted, one draft → reminded about the draft only.
  await assignReviewer(t.db, { proposalId: proposals[0].id, reviewerId: n2.id }, { actorId: w.admin.id });
  await assignReviewer(t.db, { proposalId: proposals[1].id, reviewerId: n2.id }, { actorId: w.admin.id });
  await saveReview(t.db, { proposalId: proposals[0].id, scores: full(4), overallComment: "提出済み", submit: true }, { actorId: n2.id, ...inWindow });
  await saveReview(t.db, { proposalId: proposals[1].id, scores: full(3).slice(0, 1), overallComment: "", submit: false }, { actorId: n2.id, ...inWindow });
  // n3: everything submitted → no reminder.
  await assignReviewer(t.db, { proposalId: proposals[0].id, reviewerId: n3.id }, { actorId: w.admin.id });
  await saveReview(t.db, { proposalId: proposals[0].id, scores: full(5), overallComment: "提出済み", submit: true }, { actorId: n3.id, ...inWindow });
  // declinerColleague: not started on two → one reminder listing both.
  await assignReviewer(t.db, { proposalId: proposals[0].id, reviewerId: w.declinerColleague.id }, { actorId: w.admin.id });
  await assignReviewer(t.db, { proposalId: proposals[2].id, reviewerId: w.declinerColleague.id }, { actorId: w.admin.id });
  // memberColleague: assigned, then a colleague of theirs joins the proposal → conflicted → no reminder.
  await assignReviewer(t.db, { proposalId: proposals[2].id, reviewerId: w.memberColleague.id }, { actorId: w.admin.id });
  const joiner = await createEmployee(t.db, { departmentId: w.units.digital.id });
  await t.db.insertInto("contest_members").values({ proposal_id: proposals[2].id, employee_id: joiner.id, role: "member", invitation: "accepted" }).execute();
  // leadColleague: assigned to a proposal that was then withdrawn → no reminder.
  const withdrawn = await createProposal(t.db, { roundId: round.id, leadId: w.outsider.id, title: "取り下げた提案" });
  await assignReviewer(t.db, { proposalId: withdrawn.id, reviewerId: w.leadColleague.id }, { actorId: w.admin.id });
  await t.db.updateTable("contest_proposals").set({ status: "withdrawn" }).where("id", "=", withdrawn.id).execute();
  // A round closing later: nothing yet.
  const later = await createRound(t.db, { createdBy: w.admin.id, reviewOpensOn: "2026-06-01", reviewClosesOn: "2026-08-31" });
  const laterProposal = await createProposal(t.db, { roundId: later.id, leadId: w.outsider.id, title: "後の提案" });
  await assignReviewer(t.db, { proposalId: laterProposal.id, reviewerId: w.neutral[3].id }, { actorId: w.admin.id });
});

beforeEach(async () => {
  await t.db.deleteFrom("outbox_emails").execute();
  await t.db.deleteFrom("jobs").execute();
});

describe("the review reminder", () => {
  it("goes 3 days before the close only to reviewers with unsubmitted reviews, listing just those, once", async () => {
    expect(await sendReviewReminders(t.db, { now: jst("2026-07-27", "09:00") })).toEqual({ sent: 0 });
    expect(await reminders()).toEqual([]);

    expect(await sendReviewReminders(t.db, { now: jst("2026-07-28", "09:00") })).toEqual({ sent: 2 });
    const sent = await reminders();
    expect(sent.map((e) => e.to_employee_id).sort()).toEqual([w.neutral[2].id, w.declinerColleague.id].sort());
    const toN2 = sent.find((e) => e.to_employee_id === w.neutral[2].id)!;
    expect(toN2.dedupe_key).toBe(`contest-review-reminder:${round.id}:${w.neutral[2].id}`);
    expect(toN2.subject).toBe("【職員チャレンジポータル】審査の締切が近づいています（2026年7月31日（金）まで）");
    expect(toN2.text_body).toContain("提案その二");
    expect(toN2.text_body).not.toContain("提案その一");
    expect(toN2.text_body).toContain("あと3日で終了します");
    const toC = sent.find((e) => e.to_employee_id === w.declinerColleague.id)!;
    expect(toC.text_body).toContain("提案その一");
    expect(toC.text_body).toContain("提案その三");

    // Again the same day, and on the following days: nothing more.
    expect(await sendReviewReminders(t.db, { now: jst("2026-07-28", "09:00") })).toEqual({ sent: 0 });
    expect(await sendReviewReminders(t.db, { now: jst("2026-07-30", "09:00") })).toEqual({ sent: 0 });
    expect(await reminders()).toHaveLength(2);
  });

  it("a day the worker missed is caught up before the close, never after it", async () => {
    expect(await sendReviewReminders(t.db, { now: jst("2026-07-30", "09:00") })).toEqual({ sent: 2 });
    expect((await reminders())[0].text_body).toMatch(/あと1日で終了します/);
    await t.db.deleteFrom("outbox_emails").execute();
    expect(await sendReviewReminders(t.db, { now: jst("2026-08-01", "09:00") })).toEqual({ sent: 0 });
  });

  it("runs as a daily job at 09:00 JST through the worker, once however often the slot is scheduled", async () => {
    await schedulePeriodicJobs(t.db, { now: jst("2026-07-28", "08:30") });
    await schedulePeriodicJobs(t.db, { now: jst("2026-07-28", "08:45") });
    const jobs = await t.db.selectFrom("jobs").select(["run_at"]).where("name", "=", REVIEW_REMINDER_JOB).orderBy("run_at").execute();
    expect(jobs.map((j) => j.run_at.toISOString())).toEqual(["2026-07-27T00:00:00.000Z", "2026-07-28T00:00:00.000Z"]);

    // The 07-27 slot (4 days before) sends nothing; at 08:59 the 07-28 slot is not due.
    await runDueJobs(t.db, { now: jst("2026-07-28", "08:59") });
    expect(await reminders()).toEqual([]);
    await runDueJobs(t.db, { now: jst("2026-07-28", "09:00") });
    expect(await reminders()).toHaveLength(2);
    await runDueJobs(t.db, { now: jst("2026-07-28", "12:00") });
    expect(await reminders()).toHaveLength(2);
  });

  it("leaves out reviewers who have left or lost the role", async () => {
    await t.db.deleteFrom("role_grants").where("employee_id", "=", w.declinerColleague.id).where("role", "=", "reviewer").execute();
    await t.db.updateTable("employees").set({ left_on: "2026-07-01" }).where("id", "=", w.neutral[2].id).execute();
    expect(await sendReviewReminders(t.db, { now: jst("2026-07-28", "09:00") })).toEqual({ sent: 0 });
  });
});
