import { beforeAll, describe, expect, it } from "vitest";
import { ContestDecisionError } from "~/contest/decision-schemas";
import { decideOutcome, publishedOutcome, publishResults } from "~/contest/decisions.server";
import { addProjectMember, defaultProjectEnd, updateProject } from "~/contest/projects.server";
import { todayInTokyo } from "~/i18n/format";
import { useTestDatabase } from "../helpers/db";
import { createEmployee } from "../helpers/factories";
import { auditFor, buildWorld, createProposal, createRound, day, outbox, review, type World } from "./contest-decisions-fixtures";

const t = useTestDatabase();
let w: World;

beforeAll(async () => {
  w = await buildWorld(t.db);
});

const ctx = () => ({ actorId: w.people.contestAdmin.id, ip: "127.0.0.1" });

async function refusal(promise: Promise<unknown>): Promise<ContestDecisionError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ContestDecisionError) return error;
    throw error;
  }
  throw new Error("expected a ContestDecisionError, the command succeeded");
}

async function proposalRow(id: number) {
  return t.db.selectFrom("contest_proposals").select(["outcome", "feedback", "decided_by", "decided_at"]).where("id", "=", id).executeTakeFirstOrThrow();
}

describe("decideOutcome: quotas and the audit log", () => {
  it("refuses to go past quota_adopted without the confirmation, and saves with it (override audit-logged)", async () => {
    const round = await createRound(t.db, { createdBy: w.people.contestAdmin.id, quotaAdopted: 1, quotaStepUp: 1 });
    const lead = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const first = await createProposal(t.db, { roundId: round.id, leadId: lead.id });
    const second = await createProposal(t.db, { roundId: round.id, leadId: lead.id });

    await decideOutcome(t.db, { proposalId: first.id, outcome: "adopted", feedback: "地域への波及効果が高く評価されました。" }, ctx());
    const refused = await refusal(decideOutcome(t.db, { proposalId: second.id, outcome: "adopted", feedback: null }, ctx()));
    expect(refused.code).toBe("over_quota");
    expect(refused.status).toBe(409);
    expect(refused.details).toEqual({ outcome: "adopted", quota: 1, count: 2 });
    expect((await proposalRow(second.id)).outcome).toBeNull();
    expect((await auditFor(t.db, "contest_proposal", second.id)).map((a) => a.action)).toEqual([]);

    // Re-saving the proposal that already holds the slot is not "one more".
    await decideOutcome(t.db, { proposalId: first.id, outcome: "adopted", feedback: "更新したコメント" }, ctx());

    const saved = await decideOutcome(t.db, { proposalId: second.id, outcome: "adopted", feedback: null, confirmOverQuota: true }, ctx());
    expect(saved.overQuota).toEqual({ outcome: "adopted", quota: 1, count: 2 });
    expect(await proposalRow(second.id)).toMatchObject({ outcome: "adopted", decided_by: w.people.contestAdmin.id });
    const log = await auditFor(t.db, "contest_proposal", second.id);
    expect(log.map((a) => a.action)).toEqual(["contest.proposal.decide", "contest.proposal.quota_override"]);
    expect(log[1]).toMatchObject({ actor_id: w.people.contestAdmin.id, detail: { outcome: "adopted", quota: 1, count: 2, roundId: round.id } });
  });

  it("checks the step-up quota the same way; 不採択 has no quota", async () => {
    const round = await createRound(t.db, { createdBy: w.people.contestAdmin.id, quotaAdopted: 0, quotaStepUp: 1 });
    const lead = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const [a, b, c] = [
      await createProposal(t.db, { roundId: round.id, leadId: lead.id }),
      await createProposal(t.db, { roundId: round.id, leadId: lead.id }),
      await createProposal(t.db, { roundId: round.id, leadId: lead.id }),
    ];
    expect((await refusal(decideOutcome(t.db, { proposalId: a.id, outcome: "adopted" }, ctx()))).details).toEqual({ outcome: "adopted", quota: 0, count: 1 });
    await decideOutcome(t.db, { proposalId: a.id, outcome: "step_up" }, ctx());
    expect((await refusal(decideOutcome(t.db, { proposalId: b.id, outcome: "step_up" }, ctx()))).code).toBe("over_quota");
    // Moving a's slot away frees it for b.
    await decideOutcome(t.db, { proposalId: a.id, outcome: "not_adopted", feedback: "実現可能性の検討を深めてください。" }, ctx());
    await decideOutcome(t.db, { proposalId: b.id, outcome: "step_up" }, ctx());
    await decideOutcome(t.db, { proposalId: c.id, outcome: "not_adopted", feedback: "次回に期待します。" }, ctx());
  });

  it("two admins saving the last slot at the same time: one wins, the other is refused (no overrun)", async () => {
    const round = await createRound(t.db, { createdBy: w.people.contestAdmin.id, quotaAdopted: 1 });
    const lead = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const proposals = await Promise.all([1, 2, 3, 4].map(() => createProposal(t.db, { roundId: round.id, leadId: lead.id })));
    const results = await Promise.allSettled(proposals.map((p) => decideOutcome(t.db, { proposalId: p.id, outcome: "adopted" }, ctx())));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) expect((r.reason as ContestDecisionError).code).toBe("over_quota");
    const adopted = await t.db.selectFrom("contest_proposals").select("id").where("round_id", "=", round.id).where("outcome", "=", "adopted").execute();
    expect(adopted).toHaveLength(1);
  });

  it("audit-logs who changed what from what to what", async () => {
    const round = await createRound(t.db, { createdBy: w.people.contestAdmin.id });
    const lead = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const p = await createProposal(t.db, { roundId: round.id, leadId: lead.id });
    await decideOutcome(t.db, { proposalId: p.id, outcome: "step_up", feedback: "  段階的に進めてください。 " }, ctx());
    await decideOutcome(t.db, { proposalId: p.id, outcome: "adopted", feedback: "正式採択とします。" }, ctx());
    const log = await auditFor(t.db, "contest_proposal", p.id);
    expect(log.map((a) => a.detail)).toEqual([
      { roundId: round.id, from: { outcome: null, feedback: null }, to: { outcome: "step_up", feedback: "段階的に進めてください。" }, overQuota: null },
      { roundId: round.id, from: { outcome: "step_up", feedback: "段階的に進めてください。" }, to: { outcome: "adopted", feedback: "正式採択とします。" }, overQuota: null },
    ]);
    expect(log.every((a) => a.actor_id === w.people.contestAdmin.id && a.created_at instanceof Date)).toBe(true);
  });

  it("refuses drafts and withdrawn proposals, and unknown ones", async () => {
    const round = await createRound(t.db, { createdBy: w.people.contestAdmin.id });
    const lead = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const draft = await createProposal(t.db, { roundId: round.id, leadId: lead.id, status: "draft" });
    const withdrawn = await createProposal(t.db, { roundId: round.id, leadId: lead.id, status: "withdrawn" });
    expect((await refusal(decideOutcome(t.db, { proposalId: draft.id, outcome: "adopted" }, ctx()))).code).toBe("not_submitted");
    expect((await refusal(decideOutcome(t.db, { proposalId: withdrawn.id, outcome: "adopted" }, ctx()))).code).toBe("not_submitted");
    expect((await refusal(decideOutcome(t.db, { proposalId: 987654, outcome: "adopted" }, ctx()))).code).toBe("not_found");
  });
});

describe("publishResults", () => {
  it("is refused before the results date (Asia/Tokyo) and while any submitted proposal is undecided", async () => {
    const future = await createRound(t.db, { createdBy: w.people.contestAdmin.id, resultsOn: day(1) });
    const lead = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const p = await createProposal(t.db, { roundId: future.id, leadId: lead.id });
    await decideOutcome(t.db, { proposalId: p.id, outcome: "adopted" }, ctx());
    const early = await refusal(publishResults(t.db, { roundId: future.id }, ctx()));
    expect([early.code, early.status, early.details.resultsOn]).toEqual(["too_early", 409, day(1)]);
    // 23:59 the evening before in Tokyo is still too early; 00:00 on the day is not.
    const eveBefore = new Date(`${day(0)}T23:59:00+09:00`);
    expect((await refusal(publishResults(t.db, { roundId: future.id }, { ...ctx(), now: eveBefore }))).code).toBe("too_early");
    const midnight = new Date(`${day(1)}T00:00:00+09:00`);
    expect((await publishResults(t.db, { roundId: future.id }, { ...ctx(), now: midnight })).decided.adopted).toBe(1);

    const round = await createRound(t.db, { createdBy: w.people.contestAdmin.id });
    const decided = await createProposal(t.db, { roundId: round.id, leadId: lead.id });
    await createProposal(t.db, { roundId: round.id, leadId: lead.id }); // undecided
    await createProposal(t.db, { roundId: round.id, leadId: lead.id, status: "draft" }); // drafts do not count
    await decideOutcome(t.db, { proposalId: decided.id, outcome: "adopted" }, ctx());
    const undecided = await refusal(publishResults(t.db, { roundId: round.id }, ctx()));
    expect([undecided.code, undecided.details.undecided]).toEqual(["undecided", 1]);
    const r = await t.db.selectFrom("contest_rounds").select("results_published_at").where("id", "=", round.id).executeTakeFirstOrThrow();
    expect(r.results_published_at).toBeNull();
    expect(await t.db.selectFrom("contest_projects").select("id").where("proposal_id", "=", decided.id).execute()).toHaveLength(0);
    expect(await publishedOutcome(t.db, decided.id)).toBeNull();
  });

  it("publishes once: outcomes visible, proposers emailed without reviewers or scores, projects with members and records", async () => {
    const round = await createRound(t.db, { createdBy: w.people.contestAdmin.id, projectStartOn: day(14) });
    const [rA, , rC] = w.people.reviewers;
    // Group proposal led from 観光振興課, hosted by デジタル化推進室 (outside everyone's unit but the digital member's).
    const leadA = await createEmployee(t.db, { departmentId: w.units.tourism.id, name: "中川 さくら" });
    const memberDigital = await createEmployee(t.db, { departmentId: w.units.digital.id, name: "松井 健太" });
    const memberTourism = await createEmployee(t.db, { departmentId: w.units.tourism.id, name: "観光 花子" });
    const declined = await createEmployee(t.db, { departmentId: w.units.tourism.id, name: "辞退 一郎" });
    const invited = await createEmployee(t.db, { departmentId: w.units.digital.id, name: "未回答 二郎" });
    const group = await createProposal(t.db, {
      roundId: round.id,
      leadId: leadA.id,
      title: "観光データで県民参加型のまちづくり",
      desiredHostId: w.units.digital.id,
      members: [
        { id: memberDigital.id, invitation: "accepted" },
        { id: memberTourism.id, invitation: "accepted" },
        { id: declined.id, invitation: "declined" },
        { id: invited.id, invitation: "invited" },
      ],
    });
    // Individual proposal without a desired host: the project is hosted by the lead's own unit.
    const leadB = await createEmployee(t.db, { departmentId: w.units.planning.id, name: "単独 提案者" });
    const solo = await createProposal(t.db, { roundId: round.id, leadId: leadB.id, title: "庁内の会議資料のペーパーレス化" });
    const rejectedLead = await createEmployee(t.db, { departmentId: w.units.tourism.id, name: "不採択 三郎" });
    const rejected = await createProposal(t.db, { roundId: round.id, leadId: rejectedLead.id, title: "不採択になる提案" });
    await createProposal(t.db, { roundId: round.id, leadId: rejectedLead.id, title: "取り下げた提案", status: "withdrawn" });

    await review(t.db, { proposalId: group.id, reviewerId: rA.id, criteria: round.criteria, scores: [5, 4, 3], comment: "審査員Aの講評：非常に独創的" });
    await review(t.db, { proposalId: group.id, reviewerId: rC.id, criteria: round.criteria, scores: [4, 4, 4] });
    await review(t.db, { proposalId: solo.id, reviewerId: rC.id, criteria: round.criteria, scores: [3, 3, 3] });
    await review(t.db, { proposalId: rejected.id, reviewerId: rA.id, criteria: round.criteria, scores: [1, 2, 2] });

    await decideOutcome(t.db, { proposalId: group.id, outcome: "adopted", feedback: "県民参加の仕組みが高く評価されました。" }, ctx());
    await decideOutcome(t.db, { proposalId: solo.id, outcome: "step_up", feedback: null }, ctx());
    await decideOutcome(t.db, { proposalId: rejected.id, outcome: "not_adopted", feedback: "費用対効果の説明を補強してください。" }, ctx());

    const result = await publishResults(t.db, { roundId: round.id }, ctx());
    expect(result.decided).toEqual({ adopted: 1, step_up: 1, not_adopted: 1 });
    expect(result.projects).toHaveLength(2);
    expect(result.members).toBe(4); // leadA, memberDigital, memberTourism + leadB
    expect(result.records).toBe(4);

    // Outcomes are now visible to proposers, and locked.
    expect(await publishedOutcome(t.db, group.id)).toMatchObject({ outcome: "adopted", feedback: "県民参加の仕組みが高く評価されました。" });
    expect(await publishedOutcome(t.db, rejected.id)).toMatchObject({ outcome: "not_adopted", projectId: null });
    expect((await refusal(decideOutcome(t.db, { proposalId: rejected.id, outcome: "adopted" }, ctx()))).code).toBe("published");
    expect((await proposalRow(rejected.id)).outcome).toBe("not_adopted");

    // Emails: one per proposer (lead + accepted members), none to declined or pending invitees.
    const mails = (await outbox(t.db, "contest-decision-result")).filter((m) => [leadA, memberDigital, memberTourism, declined, invited, leadB, rejectedLead].some((p) => p.id === m.to_employee_id));
    expect(mails.map((m) => m.to_employee_id).sort()).toEqual([leadA.id, memberDigital.id, memberTourism.id, leadB.id, rejectedLead.id].sort());
    const toLead = mails.find((m) => m.to_employee_id === leadA.id)!;
    expect(toLead.subject).toBe("【職員チャレンジポータル】チャレンジコンテストの審査結果：観光データで県民参加型のまちづくり");
    expect(toLead.text_body).toContain("正式採択");
    expect(toLead.text_body).toContain("県民参加の仕組みが高く評価されました。");
    expect(toLead.text_body).toContain("デジタル化推進室");
    const toRejected = mails.find((m) => m.to_employee_id === rejectedLead.id)!;
    expect(toRejected.text_body).toContain("不採択");
    expect(toRejected.text_body).toContain("費用対効果の説明を補強してください。");
    for (const mail of mails) {
      for (const reviewer of w.people.reviewers) {
        expect(mail.subject + mail.text_body + mail.html).not.toContain(reviewer.name);
      }
      expect(mail.text_body + mail.html).not.toContain("審査員Aの講評");
      expect(mail.text_body + mail.html).not.toContain("採点コメント");
      // no weighted scores such as 4.25 / 3.83 / 3.00 either
      expect(mail.text_body).not.toMatch(/\d\.\d\d/);
    }

    // Projects: adopted and step-up only; host from the desired unit, else the lead's.
    const projects = await t.db.selectFrom("contest_projects").selectAll().where("proposal_id", "in", [group.id, solo.id, rejected.id]).orderBy("proposal_id").execute();
    expect(projects.map((p) => [p.proposal_id, p.host_department_id, p.start_on, p.end_on, p.title])).toEqual([
      [group.id, w.units.digital.id, day(14), defaultProjectEnd(day(14)), "観光データで県民参加型のまちづくり"],
      [solo.id, w.units.planning.id, day(14), defaultProjectEnd(day(14)), "庁内の会議資料のペーパーレス化"],
    ]);
    const members = await t.db.selectFrom("contest_project_members").select(["project_id", "employee_id"]).where("project_id", "in", projects.map((p) => p.id)).execute();
    expect(members.filter((m) => m.project_id === projects[0].id).map((m) => m.employee_id).sort()).toEqual([leadA.id, memberDigital.id, memberTourism.id].sort());
    expect(members.filter((m) => m.project_id === projects[1].id).map((m) => m.employee_id)).toEqual([leadB.id]);

    // Participation records: the project's host recorded as is, for members inside and outside that unit.
    const records = await t.db
      .selectFrom("participations")
      .select(["employee_id", "scheme", "source", "host_department_id", "start_on", "end_on", "contest_project_id", "title"])
      .where("contest_project_id", "in", projects.map((p) => p.id))
      .orderBy("employee_id")
      .execute();
    const recordOf = (id: number) => records.find((r) => r.employee_id === id)!;
    expect(records).toHaveLength(4);
    for (const r of records) expect(r).toMatchObject({ scheme: "contest_project", source: "contest", start_on: day(14), end_on: defaultProjectEnd(day(14)) });
    expect(recordOf(leadA.id)).toMatchObject({ host_department_id: w.units.digital.id, contest_project_id: projects[0].id }); // ≠ own (tourism)
    expect(recordOf(memberDigital.id)).toMatchObject({ host_department_id: w.units.digital.id }); // = own unit, recorded the same
    expect(recordOf(leadB.id)).toMatchObject({ host_department_id: w.units.planning.id, contest_project_id: projects[1].id, title: "庁内の会議資料のペーパーレス化" }); // = own unit

    // The publication and each project are audit-logged.
    expect((await auditFor(t.db, "contest_round", round.id)).map((a) => a.action)).toEqual(["contest.round.publish_results"]);
    expect((await auditFor(t.db, "contest_project", projects[0].id)).map((a) => a.action)).toEqual(["contest.project.create"]);

    // A second publication: 409, nothing new.
    const again = await refusal(publishResults(t.db, { roundId: round.id }, ctx()));
    expect([again.code, again.status]).toEqual(["already_published", 409]);
    expect(await t.db.selectFrom("contest_projects").select("id").where("proposal_id", "in", [group.id, solo.id]).execute()).toHaveLength(2);
    expect(await t.db.selectFrom("participations").select("id").where("contest_project_id", "in", projects.map((p) => p.id)).execute()).toHaveLength(4);
    expect((await outbox(t.db, "contest-decision-result")).filter((m) => m.to_employee_id === leadA.id)).toHaveLength(1);
  });

  it("two publications racing: exactly one wins; projects, records and emails exist once", async () => {
    const round = await createRound(t.db, { createdBy: w.people.contestAdmin.id });
    const lead = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const member = await createEmployee(t.db, { departmentId: w.units.digital.id });
    const p = await createProposal(t.db, { roundId: round.id, leadId: lead.id, members: [{ id: member.id, invitation: "accepted" }] });
    await decideOutcome(t.db, { proposalId: p.id, outcome: "adopted" }, ctx());

    const results = await Promise.allSettled(Array.from({ length: 5 }, () => publishResults(t.db, { roundId: round.id }, ctx())));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) expect((r.reason as ContestDecisionError).code).toBe("already_published");
    const projects = await t.db.selectFrom("contest_projects").select("id").where("proposal_id", "=", p.id).execute();
    expect(projects).toHaveLength(1);
    expect(await t.db.selectFrom("participations").select("id").where("contest_project_id", "=", projects[0].id).execute()).toHaveLength(2);
    expect((await outbox(t.db, "contest-decision-result")).filter((m) => m.to_employee_id === lead.id || m.to_employee_id === member.id)).toHaveLength(2);
    expect((await auditFor(t.db, "contest_round", round.id)).filter((a) => a.action === "contest.round.publish_results")).toHaveLength(1);
  });

  it("a decision racing a publication either lands before it or is refused — never after the results went out", async () => {
    const round = await createRound(t.db, { createdBy: w.people.contestAdmin.id });
    const lead = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const p = await createProposal(t.db, { roundId: round.id, leadId: lead.id });
    await decideOutcome(t.db, { proposalId: p.id, outcome: "not_adopted", feedback: "次回に期待します。" }, ctx());
    const [decision, publication] = await Promise.allSettled([
      decideOutcome(t.db, { proposalId: p.id, outcome: "adopted", feedback: "やはり採択" }, ctx()),
      publishResults(t.db, { roundId: round.id }, ctx()),
    ]);
    expect(publication.status).toBe("fulfilled");
    const final = await proposalRow(p.id);
    const project = await t.db.selectFrom("contest_projects").select("id").where("proposal_id", "=", p.id).executeTakeFirst();
    const mail = (await outbox(t.db, "contest-decision-result", lead.id))[0];
    if (decision.status === "fulfilled") {
      // It landed first: the publication saw it.
      expect(final.outcome).toBe("adopted");
      expect(project).toBeDefined();
      expect(mail.text_body).toContain("正式採択");
    } else {
      expect((decision.reason as ContestDecisionError).code).toBe("published");
      expect(final.outcome).toBe("not_adopted");
      expect(project).toBeUndefined();
      expect(mail.text_body).toContain("不採択");
    }
  });
});

describe("projects after publication", () => {
  it("adding a member later creates their record from the day they join (project already running), emails them, once", async () => {
    // Results on day −20, published on day −15 (seeds replay the past with `now`), project from day −10.
    const round = await createRound(t.db, { createdBy: w.people.contestAdmin.id, resultsOn: day(-20), projectStartOn: day(-10) });
    const lead = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const p = await createProposal(t.db, { roundId: round.id, leadId: lead.id, desiredHostId: w.units.digital.id });
    const past = new Date(`${day(-15)}T10:00:00+09:00`);
    await decideOutcome(t.db, { proposalId: p.id, outcome: "step_up" }, { ...ctx(), now: past });
    const published = await publishResults(t.db, { roundId: round.id }, { ...ctx(), now: past });
    const projectId = published.projects[0].id;
    const leadRecord = await t.db.selectFrom("participations").select(["start_on", "end_on"]).where("contest_project_id", "=", projectId).where("employee_id", "=", lead.id).executeTakeFirstOrThrow();
    expect(leadRecord).toEqual({ start_on: day(-10), end_on: defaultProjectEnd(day(-10)) });

    const newcomer = await createEmployee(t.db, { departmentId: w.units.hr.id, name: "追加 四郎" });
    const added = await addProjectMember(t.db, { projectId, employeeId: newcomer.id }, ctx());
    expect(added.startOn).toBe(todayInTokyo());
    const record = await t.db
      .selectFrom("participations")
      .select(["scheme", "source", "host_department_id", "start_on", "end_on"])
      .where("contest_project_id", "=", projectId)
      .where("employee_id", "=", newcomer.id)
      .executeTakeFirstOrThrow();
    expect(record).toEqual({ scheme: "contest_project", source: "contest", host_department_id: w.units.digital.id, start_on: todayInTokyo(), end_on: defaultProjectEnd(day(-10)) });
    const mails = await outbox(t.db, "contest-project-member-added", newcomer.id);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe(`【職員チャレンジポータル】チャレンジプロジェクトのメンバーに追加されました：${p.title}`);
    expect((await auditFor(t.db, "contest_project", projectId)).map((a) => a.action)).toContain("contest.project.add_member");

    const twice = await refusal(addProjectMember(t.db, { projectId, employeeId: newcomer.id }, ctx()));
    expect([twice.code, twice.status]).toEqual(["already_member", 409]);
    expect(await t.db.selectFrom("participations").select("id").where("contest_project_id", "=", projectId).where("employee_id", "=", newcomer.id).execute()).toHaveLength(1);

    // Running projects keep their host and dates.
    expect((await refusal(updateProject(t.db, { projectId, hostDepartmentId: w.units.hr.id, startOn: day(30), endOn: null }, ctx()))).code).toBe("project_started");
  });

  it("before the start: a member added keeps the project's start; changing host and dates moves every record", async () => {
    const round = await createRound(t.db, { createdBy: w.people.contestAdmin.id, projectStartOn: day(20) });
    const lead = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const p = await createProposal(t.db, { roundId: round.id, leadId: lead.id });
    await decideOutcome(t.db, { proposalId: p.id, outcome: "adopted" }, ctx());
    const { projects } = await publishResults(t.db, { roundId: round.id }, ctx());
    const projectId = projects[0].id;
    const newcomer = await createEmployee(t.db, { departmentId: w.units.planning.id });
    expect((await addProjectMember(t.db, { projectId, employeeId: newcomer.id }, ctx())).startOn).toBe(day(20));

    await updateProject(t.db, { projectId, hostDepartmentId: w.units.digital.id, startOn: day(30), endOn: day(200) }, ctx());
    const records = await t.db.selectFrom("participations").select(["employee_id", "host_department_id", "start_on", "end_on"]).where("contest_project_id", "=", projectId).orderBy("employee_id").execute();
    expect(records).toEqual(
      [lead.id, newcomer.id].sort((a, b) => a - b).map((id) => ({ employee_id: id, host_department_id: w.units.digital.id, start_on: day(30), end_on: day(200) })),
    );
    const log = await auditFor(t.db, "contest_project", projectId);
    expect(log.find((a) => a.action === "contest.project.update")?.detail).toMatchObject({
      from: { hostDepartmentId: w.units.tourism.id, startOn: day(20) },
      to: { hostDepartmentId: w.units.digital.id, startOn: day(30), endOn: day(200) },
      records: 2,
    });
    expect((await refusal(updateProject(t.db, { projectId, hostDepartmentId: w.units.digital.id, startOn: day(-1), endOn: null }, ctx()))).code).toBe("start_in_past");
  });

  it("refuses members for an ended project and people who have left", async () => {
    const round = await createRound(t.db, { createdBy: w.people.contestAdmin.id, resultsOn: day(-800), projectStartOn: day(-790) });
    const lead = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const p = await createProposal(t.db, { roundId: round.id, leadId: lead.id });
    const then = new Date(`${day(-795)}T10:00:00+09:00`);
    await decideOutcome(t.db, { proposalId: p.id, outcome: "adopted" }, { ...ctx(), now: then });
    const { projects } = await publishResults(t.db, { roundId: round.id }, { ...ctx(), now: then });
    const someone = await createEmployee(t.db, { departmentId: w.units.planning.id });
    expect((await refusal(addProjectMember(t.db, { projectId: projects[0].id, employeeId: someone.id }, ctx()))).code).toBe("project_ended");

    const round2 = await createRound(t.db, { createdBy: w.people.contestAdmin.id });
    const p2 = await createProposal(t.db, { roundId: round2.id, leadId: lead.id });
    await decideOutcome(t.db, { proposalId: p2.id, outcome: "adopted" }, ctx());
    const pub = await publishResults(t.db, { roundId: round2.id }, ctx());
    const gone = await createEmployee(t.db, { departmentId: w.units.planning.id, leftOn: day(-1) });
    expect((await refusal(addProjectMember(t.db, { projectId: pub.projects[0].id, employeeId: gone.id }, ctx()))).code).toBe("employee_not_found");
  });
});
