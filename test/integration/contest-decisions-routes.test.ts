import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "../../db/client.server";
import type { Database } from "../../db/schema";
import { decideOutcome, publishResults } from "~/contest/decisions.server";
import { action as projectsAction, loader as projectsLoader } from "~/routes/admin.contest.rounds.$id.projects";
import { action as rankingAction, loader as rankingLoader } from "~/routes/admin.contest.rounds.$id.ranking";
import { loader as projectPageLoader } from "~/routes/contest.projects.$id";
import { useTestDatabase } from "../helpers/db";
import { createEmployee, formRequest, request, respond, sessionCookie } from "../helpers/factories";
import { buildWorld, createProposal, createRound, day, outbox, review, type World } from "./contest-decisions-fixtures";

const t = useTestDatabase();
let w: World;
let adminCookie: string;

beforeAll(async () => {
  w = await buildWorld(t.db);
  adminCookie = await sessionCookie(w.people.contestAdmin.id);
});

const rankingGet = (roundId: number, cookie: string, query = "") =>
  respond(() => rankingLoader({ request: request(`/admin/contest/rounds/${roundId}/ranking${query}`, { cookie }), params: { id: String(roundId) }, context: {} }));
const rankingPost = (roundId: number, fields: Record<string, string>, cookie: string, query = "") =>
  respond(() => rankingAction({ request: formRequest(`/admin/contest/rounds/${roundId}/ranking${query}`, fields, cookie), params: { id: String(roundId) }, context: {} }));
const projectsGet = (roundId: number, cookie: string, query = "") =>
  respond(() => projectsLoader({ request: request(`/admin/contest/rounds/${roundId}/projects${query}`, { cookie }), params: { id: String(roundId) }, context: {} }));
const projectsPost = (roundId: number, fields: Record<string, string>, cookie: string) =>
  respond(() => projectsAction({ request: formRequest(`/admin/contest/rounds/${roundId}/projects`, fields, cookie), params: { id: String(roundId) }, context: {} }));
const projectPage = (projectId: number, cookie: string) =>
  respond(() => projectPageLoader({ request: request(`/contest/projects/${projectId}`, { cookie }), params: { id: String(projectId) }, context: {} }));

/** A published round with one adopted group project; returns ids for the permission checks. */
async function publishedRound() {
  const round = await createRound(t.db, { createdBy: w.people.contestAdmin.id });
  const lead = await createEmployee(t.db, { departmentId: w.units.tourism.id });
  const p = await createProposal(t.db, { roundId: round.id, leadId: lead.id, desiredHostId: w.units.digital.id });
  await decideOutcome(t.db, { proposalId: p.id, outcome: "adopted" }, { actorId: w.people.contestAdmin.id });
  const { projects } = await publishResults(t.db, { roundId: round.id }, { actorId: w.people.contestAdmin.id });
  return { round, proposal: p, lead, projectId: projects[0].id };
}

describe("permissions", () => {
  it("non-admins get 403 on the ranking and projects tabs and on their actions; nothing changes", async () => {
    const round = await createRound(t.db, { createdBy: w.people.contestAdmin.id });
    const lead = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const p = await createProposal(t.db, { roundId: round.id, leadId: lead.id });
    const { round: done, projectId } = await publishedRound();
    const outsider = await createEmployee(t.db, { departmentId: w.units.planning.id });
    for (const person of [w.people.employee, w.people.reviewers[0], w.people.hrAdmin, lead]) {
      const cookie = await sessionCookie(person.id);
      expect((await rankingGet(round.id, cookie)).status).toBe(403);
      expect((await rankingPost(round.id, { intent: "decide", proposalId: String(p.id), outcome: "adopted" }, cookie)).status).toBe(403);
      expect((await rankingPost(round.id, { intent: "publish" }, cookie)).status).toBe(403);
      expect((await projectsGet(done.id, cookie)).status).toBe(403);
      expect((await projectsPost(done.id, { intent: "add-member", projectId: String(projectId), employeeId: String(outsider.id) }, cookie)).status).toBe(403);
      expect((await projectsPost(done.id, { intent: "update-project", projectId: String(projectId), hostDepartmentId: String(w.units.hr.id), startOn: day(40) }, cookie)).status).toBe(403);
    }
    const row = await t.db.selectFrom("contest_proposals").select("outcome").where("id", "=", p.id).executeTakeFirstOrThrow();
    expect(row.outcome).toBeNull();
    expect(await t.db.selectFrom("contest_project_members").select("employee_id").where("project_id", "=", projectId).where("employee_id", "=", outsider.id).execute()).toHaveLength(0);
    // Signed out: to the sign-in page.
    const anonymous = await rankingGet(round.id, "");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
  });

  it("the project page is for its members and contest_admin; everyone else gets 404", async () => {
    const { lead, projectId } = await publishedRound();
    expect((await projectPage(projectId, await sessionCookie(lead.id))).status).toBe(200);
    const admin = await (await projectPage(projectId, adminCookie)).json();
    expect(admin.project.members.map((m: { employee_id: number }) => m.employee_id)).toEqual([lead.id]);
    expect(admin.project.members[0].employee_no).not.toBe("");
    expect((await projectPage(projectId, await sessionCookie(w.people.employee.id))).status).toBe(404);
    expect((await projectPage(projectId, await sessionCookie(w.people.hrAdmin.id))).status).toBe(404);
  });

  it("a proposal or project of another round is not found through this round's page", async () => {
    const roundA = await createRound(t.db, { createdBy: w.people.contestAdmin.id });
    const { proposal, projectId } = await publishedRound();
    expect((await rankingPost(roundA.id, { intent: "decide", proposalId: String(proposal.id), outcome: "not_adopted", feedback: "x" }, adminCookie)).status).toBe(404);
    expect((await projectsPost(roundA.id, { intent: "add-member", projectId: String(projectId), employeeId: String(w.people.employee.id) }, adminCookie)).status).toBe(404);
  });
});

describe("ranking tab", () => {
  it("ranks from submitted reviews only and sorts by the query parameter", async () => {
    const round = await createRound(t.db, { createdBy: w.people.contestAdmin.id });
    const [rA, rB, rC] = w.people.reviewers;
    const lead = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const high = await createProposal(t.db, { roundId: round.id, leadId: lead.id, title: "高評価の提案" });
    const low = await createProposal(t.db, { roundId: round.id, leadId: lead.id, title: "低評価の提案" });
    await createProposal(t.db, { roundId: round.id, leadId: lead.id, title: "下書き", status: "draft" });
    // high: A (5,5,5) → 5, B (3,3,3) → 3; a draft by C (1,1,1) must not count → mean 4, spread 2
    await review(t.db, { proposalId: high.id, reviewerId: rA.id, criteria: round.criteria, scores: [5, 5, 5] });
    await review(t.db, { proposalId: high.id, reviewerId: rB.id, criteria: round.criteria, scores: [3, 3, 3] });
    await review(t.db, { proposalId: high.id, reviewerId: rC.id, criteria: round.criteria, scores: [1, 1, 1], status: "draft" });
    // low: A (2,3,3) → (4+3+3)/4 = 2.5; B assigned, nothing written
    await review(t.db, { proposalId: low.id, reviewerId: rA.id, criteria: round.criteria, scores: [2, 3, 3] });
    await review(t.db, { proposalId: low.id, reviewerId: rB.id, criteria: round.criteria, scores: null });

    const data = await (await rankingGet(round.id, adminCookie)).json();
    expect(data.sort).toEqual({ key: "weighted", dir: "desc" });
    expect(data.rows.map((r: { proposal: { title: string } }) => r.proposal.title)).toEqual(["高評価の提案", "低評価の提案"]);
    expect(data.rows[0]).toMatchObject({ position: 1, weightedMean: 4, median: 4, spread: 2, reviewsSubmitted: 2, reviewsAssigned: 3, flags: { highDisagreement: true, missingReviews: true } });
    expect(data.rows[1]).toMatchObject({ weightedMean: 2.5, reviewsSubmitted: 1, reviewsAssigned: 2, flags: { highDisagreement: false, missingReviews: true } });
    // A reviewed both: 5 and 2.5 → z +1 and −1; B's single review → 0. high: (1 + 0)/2 = 0.5; low: −1
    expect(data.rows[0].normalized).toBeCloseTo(0.5, 10);
    expect(data.rows[1].normalized).toBeCloseTo(-1, 10);
    expect(data.counts).toEqual({ adopted: 0, step_up: 0, not_adopted: 0, undecided: 2 });

    const asc = await (await rankingGet(round.id, adminCookie, "?sort=normalized&dir=asc")).json();
    expect(asc.sort).toEqual({ key: "normalized", dir: "asc" });
    expect(asc.rows.map((r: { proposal: { title: string } }) => r.proposal.title)).toEqual(["低評価の提案", "高評価の提案"]);
    const junk = await (await rankingGet(round.id, adminCookie, "?sort=drop%20table&dir=sideways")).json();
    expect(junk.sort).toEqual({ key: "weighted", dir: "desc" });
  });

  it("loads in the same number of queries for 2 proposals as for 10", async () => {
    const round = await createRound(t.db, { createdBy: w.people.contestAdmin.id });
    const [rA, , rC] = w.people.reviewers;
    const addProposal = async () => {
      const lead = await createEmployee(t.db, { departmentId: w.units.tourism.id });
      const p = await createProposal(t.db, { roundId: round.id, leadId: lead.id, members: [{ id: (await createEmployee(t.db, { departmentId: w.units.digital.id })).id, invitation: "accepted" }] });
      await review(t.db, { proposalId: p.id, reviewerId: rA.id, criteria: round.criteria, scores: [4, 3, 5] });
      await review(t.db, { proposalId: p.id, reviewerId: rC.id, criteria: round.criteria, scores: [2, 3, 4] });
    };
    let queries = 0;
    const pool = new pg.Pool({ connectionString: t.url, max: 4 });
    const counting = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: (event) => void (event.level === "query" && (queries += 1)) });
    const countLoad = async () => {
      queries = 0;
      setDb(counting);
      try {
        const res = await rankingGet(round.id, adminCookie);
        expect(res.status).toBe(200);
        return { queries, rows: (await res.json()).rows.length as number };
      } finally {
        setDb(t.db);
      }
    };
    try {
      for (let i = 0; i < 2; i++) await addProposal();
      const small = await countLoad();
      for (let i = 0; i < 8; i++) await addProposal();
      const large = await countLoad();
      expect([small.rows, large.rows]).toEqual([2, 10]);
      expect(large.queries).toBe(small.queries);
      // A computation (a cache miss) adds the version read and its snapshot's BEGIN, version read and COMMIT to the
      // four set-based queries; a repeated view reads only the version (ADR 005).
      expect(small.queries).toBeLessThanOrEqual(11);
      const repeated = await countLoad();
      expect(repeated.rows).toBe(10);
      expect(repeated.queries).toBe(large.queries - 7);
    } finally {
      await counting.destroy();
    }
  });

  it("decides through the form: feedback required for 不採択, quota refusal shown, confirmation saves, redirect keeps the sort", async () => {
    const round = await createRound(t.db, { createdBy: w.people.contestAdmin.id, quotaAdopted: 1 });
    const lead = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const a = await createProposal(t.db, { roundId: round.id, leadId: lead.id, title: "一件目" });
    const b = await createProposal(t.db, { roundId: round.id, leadId: lead.id, title: "二件目" });

    const noFeedback = await rankingPost(round.id, { intent: "decide", proposalId: String(a.id), outcome: "not_adopted", feedback: "  " }, adminCookie);
    expect(noFeedback.status).toBe(400);
    expect((await noFeedback.json()).result.error.feedback).toEqual(["不採択とする場合は、提案者へのコメントを入力してください。"]);

    const ok = await rankingPost(round.id, { intent: "decide", proposalId: String(a.id), outcome: "adopted", feedback: "おめでとうございます。" }, adminCookie, "?sort=normalized&dir=asc");
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe(`/admin/contest/rounds/${round.id}/ranking?sort=normalized&dir=asc&done=decided&p=${a.id}#decision-${a.id}`);

    const over = await rankingPost(round.id, { intent: "decide", proposalId: String(b.id), outcome: "adopted" }, adminCookie);
    expect(over.status).toBe(409);
    const body = await over.json();
    expect(body.overQuota).toBe(true);
    expect(body.result.error[""]).toEqual([
      "正式採択の枠は1件です。この決定で2件になります。枠を超えて決定する場合は「枠を超えることを確認しました」にチェックしてから保存してください。",
    ]);
    expect(body.result.initialValue).toMatchObject({ outcome: "adopted" });

    const confirmed = await rankingPost(round.id, { intent: "decide", proposalId: String(b.id), outcome: "adopted", confirmOverQuota: "on" }, adminCookie);
    expect(confirmed.status).toBe(302);
    const actions = await t.db.selectFrom("audit_log").select("action").where("entity_type", "=", "contest_proposal").where("entity_id", "=", String(b.id)).orderBy("id").execute();
    expect(actions.map((x) => x.action)).toEqual(["contest.proposal.decide", "contest.proposal.quota_override"]);
    const page = await (await rankingGet(round.id, adminCookie)).json();
    expect(page.counts).toMatchObject({ adopted: 2, undecided: 0 });
  });

  it("publishes through the form: refused before the results date, then 302, then 409; decisions locked after", async () => {
    const early = await createRound(t.db, { createdBy: w.people.contestAdmin.id, resultsOn: day(3) });
    const lead = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const p0 = await createProposal(t.db, { roundId: early.id, leadId: lead.id });
    await decideOutcome(t.db, { proposalId: p0.id, outcome: "adopted" }, { actorId: w.people.contestAdmin.id });
    const tooEarly = await rankingPost(early.id, { intent: "publish" }, adminCookie);
    expect(tooEarly.status).toBe(409);
    expect((await tooEarly.json()).error).toMatch(/^結果は結果発表日（\d{4}年\d{1,2}月\d{1,2}日）から公開できます。$/);
    const earlyPage = await (await rankingGet(early.id, adminCookie)).json();
    expect(earlyPage.canPublishToday).toBe(false);

    const round = await createRound(t.db, { createdBy: w.people.contestAdmin.id });
    const p = await createProposal(t.db, { roundId: round.id, leadId: lead.id });
    const undecided = await rankingPost(round.id, { intent: "publish" }, adminCookie);
    expect(undecided.status).toBe(409);
    expect((await undecided.json()).error).toBe("採否が決まっていない提案が1件あります。すべての提案の採否を決定してから公開してください。");

    await rankingPost(round.id, { intent: "decide", proposalId: String(p.id), outcome: "step_up" }, adminCookie);
    const published = await rankingPost(round.id, { intent: "publish" }, adminCookie);
    expect(published.status).toBe(302);
    expect(published.headers.get("Location")).toBe(`/admin/contest/rounds/${round.id}/ranking?done=published`);
    expect(await outbox(t.db, "contest-decision-result", lead.id)).toHaveLength(1);
    const again = await rankingPost(round.id, { intent: "publish" }, adminCookie);
    expect(again.status).toBe(409);
    expect((await again.json()).error).toBe("結果は既に公開されています。");

    const locked = await rankingPost(round.id, { intent: "decide", proposalId: String(p.id), outcome: "not_adopted", feedback: "やはり見送り" }, adminCookie);
    expect(locked.status).toBe(409);
    expect((await locked.json()).result.error[""]).toEqual(["結果を公開した後は、採否を変更できません。"]);
    const page = await (await rankingGet(round.id, adminCookie)).json();
    expect(page.published).toBe(true);
    expect(page.rows[0].proposal.outcome).toBe("step_up");
  });
});

describe("projects tab", () => {
  it("before publication shows no projects; after, lists them with members and whether each is outside their own unit", async () => {
    const pending = await createRound(t.db, { createdBy: w.people.contestAdmin.id });
    const before = await (await projectsGet(pending.id, adminCookie)).json();
    expect(before.projects).toEqual([]);

    const { round, lead, projectId } = await publishedRound();
    const data = await (await projectsGet(round.id, adminCookie)).json();
    expect(data.projects).toHaveLength(1);
    expect(data.projects[0]).toMatchObject({ id: projectId, host_department_id: w.units.digital.id, outcome: "adopted" });
    expect(data.projects[0].members).toEqual([expect.objectContaining({ employee_id: lead.id, is_lead: true, outside_own_unit: true, added_later: false })]);
  });

  it("finds an employee by 職員番号 or name and adds them; their record appears; a second add is 409", async () => {
    const { round, projectId } = await publishedRound();
    const newcomer = await createEmployee(t.db, { departmentId: w.units.digital.id, name: "加藤 新人", employeeNo: "771234" });
    const search = await (await projectsGet(round.id, adminCookie, `?add=${projectId}&q=771234`)).json();
    expect(search.picker.results.map((r: { id: number }) => r.id)).toEqual([newcomer.id]);
    const byName = await (await projectsGet(round.id, adminCookie, `?add=${projectId}&q=${encodeURIComponent("加藤 新人")}`)).json();
    expect(byName.picker.results.map((r: { id: number }) => r.id)).toContain(newcomer.id);

    const added = await projectsPost(round.id, { intent: "add-member", projectId: String(projectId), employeeId: String(newcomer.id) }, adminCookie);
    expect(added.status).toBe(302);
    expect(added.headers.get("Location")).toBe(`/admin/contest/rounds/${round.id}/projects?done=added&project=${projectId}#project-${projectId}`);
    const record = await t.db.selectFrom("participations").select(["host_department_id", "scheme"]).where("contest_project_id", "=", projectId).where("employee_id", "=", newcomer.id).executeTakeFirstOrThrow();
    expect(record).toEqual({ host_department_id: w.units.digital.id, scheme: "contest_project" });
    const data = await (await projectsGet(round.id, adminCookie)).json();
    expect(data.projects[0].members.find((m: { employee_id: number }) => m.employee_id === newcomer.id)).toMatchObject({ outside_own_unit: false, added_later: true });

    const twice = await projectsPost(round.id, { intent: "add-member", projectId: String(projectId), employeeId: String(newcomer.id) }, adminCookie);
    expect(twice.status).toBe(409);
    expect((await twice.json()).result.error[""]).toEqual(["この職員は既にプロジェクトのメンバーです。"]);
  });

  it("changes the host and dates before the start; an end before the start is refused beside the field", async () => {
    const { round, projectId, lead } = await publishedRound();
    const bad = await projectsPost(round.id, { intent: "update-project", projectId: String(projectId), hostDepartmentId: String(w.units.hr.id), startOn: day(40), endOn: day(39) }, adminCookie);
    expect(bad.status).toBe(400);
    expect((await bad.json()).result.error.endOn).toEqual(["終了日は開始日以降の日付にしてください。"]);
    const ok = await projectsPost(round.id, { intent: "update-project", projectId: String(projectId), hostDepartmentId: String(w.units.tourism.id), startOn: day(40), endOn: "" }, adminCookie);
    expect(ok.status).toBe(302);
    const record = await t.db.selectFrom("participations").select(["host_department_id", "start_on", "end_on"]).where("contest_project_id", "=", projectId).where("employee_id", "=", lead.id).executeTakeFirstOrThrow();
    // Now hosted by the lead's own unit: recorded faithfully (the reports will not count it as side work).
    expect(record).toEqual({ host_department_id: w.units.tourism.id, start_on: day(40), end_on: null });
  });
});

afterAll(() => setDb(t.db));
