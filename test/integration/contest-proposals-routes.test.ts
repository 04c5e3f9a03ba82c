import { beforeAll, describe, expect, it } from "vitest";
import { inviteMember, respondToInvitation } from "~/contest/members.server";
import { createProposal, submitProposal } from "~/contest/proposals.server";
import { createRound, type CreateRoundInput } from "~/contest/rounds.server";
import { todayInTokyo } from "~/i18n/format";
import { addDays } from "~/postings/model";
import { loader as adminListLoader } from "~/routes/admin.contest._index";
import { action as settingsAction, loader as settingsLoader } from "~/routes/admin.contest.rounds.$id._index";
import { action as newRoundAction } from "~/routes/admin.contest.rounds.new";
import { loader as contestLoader } from "~/routes/contest._index";
import { action as invitationsAction, loader as invitationsLoader } from "~/routes/contest.invitations";
import { action as proposalAction, loader as proposalLoader } from "~/routes/contest.proposals.$id";
import { action as newProposalAction, loader as newProposalLoader } from "~/routes/contest.proposals.new";
import { useTestDatabase } from "../helpers/db";
import { createDepartment, createEmployee, formRequest, request, respond, sessionCookie } from "../helpers/factories";

const t = useTestDatabase();

const day = (offset: number) => addDays(todayInTokyo(), offset);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

/** A round whose call is open today. */
const OPEN: CreateRoundInput = {
  fiscalYear: 2026,
  title: "募集中のラウンド",
  guidance: "県政の課題を解決する提案を募集します。",
  callOpensOn: day(-10),
  callClosesOn: day(10),
  reviewOpensOn: day(11),
  reviewClosesOn: day(30),
  resultsOn: day(40),
  projectStartOn: day(50),
};
/** A round whose call closed five days ago and whose review is under way. */
const CLOSED: CreateRoundInput = {
  ...OPEN,
  title: "審査中のラウンド",
  callOpensOn: day(-40),
  callClosesOn: day(-5),
  reviewOpensOn: day(-4),
  reviewClosesOn: day(5),
  resultsOn: day(6),
  projectStartOn: day(20),
};

const CONTENT = {
  background: "窓口の待ち時間が長い。",
  proposal: "オンライン予約を導入する。",
  expectedEffect: "県民の待ち時間が半減する。",
  plan: "半年で試行し、翌年度に本格実施する。",
  budgetYen: 500_000,
  requestedSharePercent: 10,
};

const REVIEWER_NAME = "審査 花子";
const REVIEW_COMMENT = "審査員だけが読む講評（提案者には見せない）";

let unit: { id: number; name: string };
let admin: { id: number };
let lead: { id: number; name: string };
let member: { id: number; name: string; employee_no: string };
let outsider: { id: number };
let reviewer: { id: number; employee_no: string };
let cookies: { admin: string; lead: string; member: string; outsider: string };
let openRound: number;
let closedRound: number;

beforeAll(async () => {
  unit = await createDepartment(t.db, { name: "県民生活課" });
  const office = await createDepartment(t.db, { name: "行政経営室" });
  const elsewhere = await createDepartment(t.db, { name: "企画調整室" });
  admin = await createEmployee(t.db, { departmentId: office.id, name: "清水 浩二", roles: [{ role: "contest_admin" }] });
  lead = await createEmployee(t.db, { departmentId: unit.id, name: "中川 さくら" });
  member = await createEmployee(t.db, { departmentId: unit.id, name: "立山 翔", nameKana: "タテヤマ ショウ", employeeNo: "823456" });
  outsider = await createEmployee(t.db, { departmentId: office.id, name: "黒部 一郎" });
  reviewer = await createEmployee(t.db, { departmentId: elsewhere.id, name: REVIEWER_NAME, employeeNo: "934567", roles: [{ role: "reviewer" }] });
  cookies = {
    admin: await sessionCookie(admin.id),
    lead: await sessionCookie(lead.id),
    member: await sessionCookie(member.id),
    outsider: await sessionCookie(outsider.id),
  };
  openRound = (await createRound(t.db, OPEN, { actorId: admin.id })).id;
  closedRound = (await createRound(t.db, CLOSED, { actorId: admin.id, now: daysAgo(60) })).id;
});

const getProposal = (id: number, cookie: string, query = "") =>
  respond(() => proposalLoader({ request: request(`/contest/proposals/${id}${query}`, { cookie }), params: { id: String(id) }, context: {} }));
const postProposal = (id: number, fields: Record<string, string>, cookie: string) =>
  respond(() => proposalAction({ request: formRequest(`/contest/proposals/${id}`, fields, cookie), params: { id: String(id) }, context: {} }));
const getContest = async (cookie: string) => (await respond(() => contestLoader({ request: request("/contest", { cookie }), params: {}, context: {} }))).json();

/** A complete proposal by the lead in the round, optionally submitted, with `member` accepted. */
async function groupProposal(roundId: number, options: { submit?: boolean; now?: Date; title?: string } = {}) {
  const ctx = { actorId: lead.id, now: options.now };
  const { id } = await createProposal(t.db, { roundId, title: options.title ?? "窓口予約のオンライン化", ...CONTENT }, ctx);
  await inviteMember(t.db, { proposalId: id, employeeId: member.id }, ctx);
  await respondToInvitation(t.db, { proposalId: id, response: "accepted" }, { actorId: member.id, now: options.now });
  if (options.submit) await submitProposal(t.db, { proposalId: id }, ctx);
  return id;
}

describe("visibility", () => {
  it("another employee gets 404 on the page and its actions, and never sees it in their lists", async () => {
    const id = await groupProposal(openRound, { submit: true, title: "見えないはずの提案" });
    expect((await getProposal(id, cookies.outsider)).status).toBe(404);
    expect((await postProposal(id, { intent: "withdraw" }, cookies.outsider)).status).toBe(404);
    expect((await postProposal(id, { intent: "accept" }, cookies.outsider)).status).toBe(404);
    const page = await getContest(cookies.outsider);
    expect(JSON.stringify(page)).not.toContain("見えないはずの提案");
    const invitations = await (await respond(() => invitationsLoader({ request: request("/contest/invitations", { cookie: cookies.outsider }), params: {}, context: {} }))).json();
    expect(invitations.pending).toEqual([]);
    expect(invitations.answered).toEqual([]);
    expect(await t.db.selectFrom("contest_proposals").select("status").where("id", "=", id).executeTakeFirstOrThrow()).toEqual({ status: "submitted" });

    // The lead, the member and contest_admin do see it; the member and admin read-only.
    const leadView = await (await getProposal(id, cookies.lead)).json();
    expect([leadView.relation, leadView.can.edit]).toEqual(["lead", true]);
    const memberView = await (await getProposal(id, cookies.member)).json();
    expect([memberView.relation, memberView.can.edit, memberView.can.withdraw]).toEqual(["member", false, false]);
    expect((await postProposal(id, { intent: "withdraw" }, cookies.member)).status).toBe(403);
    const adminView = await (await getProposal(id, cookies.admin)).json();
    expect([adminView.relation, adminView.can.edit]).toEqual(["admin", false]);
    expect((await getContest(cookies.member)).proposals.map((p: { id: number }) => p.id)).toContain(id);
    // Nobody's email address reaches the page.
    expect(JSON.stringify(leadView)).not.toMatch(/@test\.example\.jp/);
  });

  it("an invitee reads it to decide; after declining it is gone (404)", async () => {
    const { id } = await createProposal(t.db, { roundId: openRound, title: "辞退される提案", ...CONTENT }, { actorId: lead.id });
    const invitee = await createEmployee(t.db, { departmentId: unit.id, name: "白山 次郎" });
    const cookie = await sessionCookie(invitee.id);
    await inviteMember(t.db, { proposalId: id, employeeId: invitee.id }, { actorId: lead.id });
    const view = await (await getProposal(id, cookie)).json();
    expect([view.relation, view.can.respond]).toEqual(["invited", true]);
    expect(view.proposal.background).toBe(CONTENT.background);
    const declined = await postProposal(id, { intent: "decline" }, cookie);
    expect(declined.status).toBe(302);
    expect(declined.headers.get("Location")).toBe("/contest/invitations?done=declined");
    expect((await getProposal(id, cookie)).status).toBe(404);
    // The lead still sees the declined answer.
    const leadView = await (await getProposal(id, cookies.lead)).json();
    expect(leadView.members.find((m: { employee_id: number }) => m.employee_id === invitee.id)?.invitation).toBe("declined");
  });
});

describe("proposal pages", () => {
  it("creates a draft, invites by search and by 職員番号, and submits inside the window", async () => {
    const loaded = await (await respond(() => newProposalLoader({ request: request(`/contest/proposals/new?round=${openRound}`, { cookie: cookies.lead }), params: {}, context: {} }))).json();
    expect([loaded.open, loaded.closed]).toEqual([true, false]);
    expect(loaded.round.criteria.map((c: { name_ja: string }) => c.name_ja)).toEqual(["新規性", "県民への効果", "実現可能性", "発展性", "熱意"]);

    // Submitting an incomplete proposal: 400 with the messages beside the fields, nothing written.
    const incomplete = await respond(() =>
      newProposalAction({
        request: formRequest(`/contest/proposals/new?round=${openRound}`, { intent: "submit", title: "観光案内のAI化", budgetYen: "１２０万" }, cookies.lead),
        params: {},
        context: {},
      }),
    );
    expect(incomplete.status).toBe(400);
    const errors = (await incomplete.json()).error;
    expect(errors.background).toEqual(["提出するには、背景・課題を入力してください。"]);
    expect(errors.budgetYen).toEqual(["概算予算は0以上の整数（円）で入力してください（例：1200000）。"]);
    expect(errors.title).toBeUndefined();
    expect(await t.db.selectFrom("contest_proposals").select("id").where("title", "=", "観光案内のAI化").execute()).toEqual([]);

    const created = await respond(() =>
      newProposalAction({
        request: formRequest(`/contest/proposals/new?round=${openRound}`, { intent: "save", title: "観光案内のAI化", budgetYen: "1,200,000円" }, cookies.lead),
        params: {},
        context: {},
      }),
    );
    expect(created.status).toBe(302);
    const id = Number(created.headers.get("Location")!.match(/\/contest\/proposals\/(\d+)\?done=created/)![1]);
    expect(await t.db.selectFrom("contest_proposals").select(["status", "budget_yen"]).where("id", "=", id).executeTakeFirstOrThrow()).toEqual({ status: "draft", budget_yen: 1_200_000 });

    // The member search shows name, number and unit (no email) and who is already on the proposal.
    const search = await (await getProposal(id, cookies.lead, "?member=タテヤマ")).json();
    expect(search.candidates).toEqual([expect.objectContaining({ id: member.id, name: "立山 翔", employee_no: "823456", unit_name: "県民生活課", member: null })]);
    expect(search.candidates[0].email).toBeUndefined();
    expect((await postProposal(id, { intent: "invite", employeeId: String(member.id) }, cookies.lead)).status).toBe(302);
    const twice = await postProposal(id, { intent: "invite", employeeNo: "823456" }, cookies.lead);
    expect(twice.status).toBe(409);
    expect((await twice.json()).result.error.employeeNo).toEqual(["この職員は既にメンバーに招待されています。"]);
    const self = await postProposal(id, { intent: "invite", employeeId: String(lead.id) }, cookies.lead);
    expect(self.status).toBe(409);
    expect((await self.json()).message).toBe("提案者ご自身をメンバーに招待することはできません。");

    // The member accepts from the invitations page.
    const accepted = await respond(() => invitationsAction({ request: formRequest("/contest/invitations", { intent: "accept", proposalId: String(id) }, cookies.member), params: {}, context: {} }));
    expect(accepted.headers.get("Location")).toBe(`/contest/proposals/${id}?done=accepted`);

    const submitted = await postProposal(id, { intent: "submit", title: "観光案内のAI化", ...stringify(CONTENT) }, cookies.lead);
    expect(submitted.status).toBe(302);
    expect(submitted.headers.get("Location")).toBe(`/contest/proposals/${id}?done=submitted`);
    const view = await (await getProposal(id, cookies.lead)).json();
    expect(view.proposal.status).toBe("submitted");
    expect(view.acceptedCount).toBe(2);
    expect(view.proposal.outcome).toBeNull();
  });

  it("after the call closes: read-only, and saving or submitting is refused with 409", async () => {
    const id = await groupProposal(closedRound, { now: daysAgo(20) });
    const view = await (await getProposal(id, cookies.lead)).json();
    expect(view.can).toEqual({ edit: false, submit: false, withdraw: false, respond: false });
    expect(view.departments).toEqual([]);
    for (const intent of ["save", "submit"]) {
      const res = await postProposal(id, { intent, title: "締切後の変更", ...stringify(CONTENT) }, cookies.lead);
      expect(res.status).toBe(409);
      expect((await res.json()).result.error[""]).toEqual(["募集期間が終了したため、変更できません。"]);
    }
    expect((await postProposal(id, { intent: "withdraw" }, cookies.lead)).status).toBe(409);
    expect(await t.db.selectFrom("contest_proposals").select(["title", "status"]).where("id", "=", id).executeTakeFirstOrThrow()).toEqual({ title: "窓口予約のオンライン化", status: "draft" });
  });
});

describe("outcomes and reviewer anonymity", () => {
  it("outcome and feedback are hidden until results are published, shown after; no reviewer identity or score ever", async () => {
    const id = await groupProposal(closedRound, { submit: false, now: daysAgo(20) });
    await submitProposal(t.db, { proposalId: id }, { actorId: lead.id, now: daysAgo(19) });
    // A submitted review with scores and a comment, written directly (the review area's tables).
    await t.db.insertInto("contest_assignments").values({ proposal_id: id, reviewer_id: reviewer.id, assigned_by: admin.id }).execute();
    const review = await t.db
      .insertInto("contest_reviews")
      .values({ proposal_id: id, reviewer_id: reviewer.id, overall_comment: REVIEW_COMMENT, status: "submitted", submitted_at: new Date() })
      .returning("id")
      .executeTakeFirstOrThrow();
    const criteria = await t.db.selectFrom("contest_criteria").select("id").where("round_id", "=", closedRound).orderBy("position").execute();
    await t.db
      .insertInto("contest_scores")
      .values(criteria.map((c, i) => ({ review_id: review.id, criterion_id: c.id, score: i + 1, comment: `${REVIEWER_NAME}の項目別コメント` })))
      .execute();
    const FEEDBACK = "県民目線の提案として高く評価されました。";
    await t.db.updateTable("contest_proposals").set({ outcome: "adopted", feedback: FEEDBACK, decided_by: admin.id, decided_at: new Date() }).where("id", "=", id).execute();

    const secret = [REVIEWER_NAME, reviewer.employee_no, REVIEW_COMMENT, "項目別コメント", "清水 浩二"];
    const before = await (await getProposal(id, cookies.lead)).json();
    expect(before.proposal).toMatchObject({ status: "submitted", outcome: null, feedback: null, results_published: false });
    expect(JSON.stringify(before)).not.toContain(FEEDBACK);
    expect(JSON.stringify(before)).not.toContain("adopted");
    const listBefore = await getContest(cookies.member);
    expect(listBefore.proposals.find((p: { id: number }) => p.id === id)).toMatchObject({ status: "submitted", outcome: null });
    expect(JSON.stringify(listBefore)).not.toContain("adopted");

    await t.db.updateTable("contest_rounds").set({ results_published_at: new Date() }).where("id", "=", closedRound).execute();
    for (const cookie of [cookies.lead, cookies.member]) {
      const after = await (await getProposal(id, cookie)).json();
      expect(after.proposal).toMatchObject({ outcome: "adopted", feedback: FEEDBACK, results_published: true });
      const text = JSON.stringify(after);
      for (const s of secret) expect(text).not.toContain(s);
      expect(text).not.toMatch(/reviewer|score|decided_by/);
    }
    const listAfter = await getContest(cookies.member);
    expect(listAfter.proposals.find((p: { id: number }) => p.id === id)).toMatchObject({ outcome: "adopted" });
    for (const s of secret) expect(JSON.stringify(listAfter)).not.toContain(s);
  });
});

describe("round administration", () => {
  it("only contest_admin reaches the round pages", async () => {
    const res = await respond(() => adminListLoader({ request: request("/admin/contest", { cookie: cookies.lead }), params: {}, context: {} }));
    expect(res.status).toBe(403);
    const post = await respond(() => newRoundAction({ request: formRequest("/admin/contest/rounds/new", { title: "x" }, cookies.lead), params: {}, context: {} }));
    expect(post.status).toBe(403);
  });

  it("lists rounds by fiscal year with their phase and submitted count", async () => {
    const data = await (await respond(() => adminListLoader({ request: request("/admin/contest", { cookie: cookies.admin }), params: {}, context: {} }))).json();
    const rounds = data.years.flatMap((y: { rounds: unknown[] }) => y.rounds) as { id: number; phase: string; submitted: number }[];
    expect(rounds.find((r) => r.id === openRound)?.phase).toBe("call");
    expect(rounds.find((r) => r.id === closedRound)?.phase).toMatch(/review|published/);
  });

  it("date order is checked with the message beside the date that is out of place; a valid round is created", async () => {
    const fields = roundFields({
      callOpensOn: "2027-03-01",
      callClosesOn: "2027-02-15",
      reviewOpensOn: "2027-05-01",
      reviewClosesOn: "2027-04-30",
      resultsOn: "2027-07-15",
      projectStartOn: "2027-07-01",
    });
    const res = await respond(() => newRoundAction({ request: formRequest("/admin/contest/rounds/new", fields, cookies.admin), params: {}, context: {} }));
    expect(res.status).toBe(400);
    const error = (await res.json()).error;
    expect(error.callClosesOn).toEqual(["募集締切日は募集開始日以降にしてください。"]);
    expect(error.reviewClosesOn).toEqual(["審査終了日は審査開始日以降にしてください。"]);
    expect(error.projectStartOn).toEqual(["プロジェクト開始日は結果発表日以降にしてください。"]);
    expect(error.reviewOpensOn).toBeUndefined();
    expect(await t.db.selectFrom("contest_rounds").select("id").where("title", "=", "令和9年度 職員チャレンジコンテスト").execute()).toEqual([]);

    const ok = await respond(() => newRoundAction({ request: formRequest("/admin/contest/rounds/new", roundFields(), cookies.admin), params: {}, context: {} }));
    expect(ok.status).toBe(302);
    const id = Number(ok.headers.get("Location")!.match(/rounds\/(\d+)\?done=created/)![1]);
    const settings = await (await respond(() => settingsLoader({ request: request(`/admin/contest/rounds/${id}`, { cookie: cookies.admin }), params: { id: String(id) }, context: {} }))).json();
    expect(settings.round).toMatchObject({ title: "令和9年度 職員チャレンジコンテスト", fiscal_year: 2027, quota_adopted: 3, quota_step_up: 5, rubricLocked: false });
    expect(settings.round.criteria.map((c: { name_en: string }) => c.name_en)).toEqual(["Novelty", "Impact on residents", "Feasibility"]);
  });

  it("the settings tab lists the proposals; the rubric is refused once a review exists", async () => {
    const id = await groupProposal(openRound, { submit: true, title: "設定タブに出る提案" });
    const load = async () =>
      (await respond(() => settingsLoader({ request: request(`/admin/contest/rounds/${openRound}`, { cookie: cookies.admin }), params: { id: String(openRound) }, context: {} }))).json();
    const before = await load();
    expect(before.proposals.find((p: { id: number }) => p.id === id)).toMatchObject({
      title: "設定タブに出る提案",
      lead_name: "中川 さくら",
      lead_unit: "県民生活課",
      status: "submitted",
      members: [{ employee_id: member.id, name: "立山 翔", invitation: "accepted" }],
    });
    const post = (fields: Record<string, string>) =>
      respond(() => settingsAction({ request: formRequest(`/admin/contest/rounds/${openRound}`, fields, cookies.admin), params: { id: String(openRound) }, context: {} }));
    const base = roundFields({ ...OPEN_DATES, title: OPEN.title, fiscalYear: "2026", version: before.round.version }, 5);
    expect((await post(base)).status).toBe(302);

    await t.db.insertInto("contest_assignments").values({ proposal_id: id, reviewer_id: reviewer.id, assigned_by: admin.id }).execute();
    await t.db.insertInto("contest_reviews").values({ proposal_id: id, reviewer_id: reviewer.id }).execute();
    const locked = await load();
    expect(locked.round.rubricLocked).toBe(true);
    // A form loaded before the review, posting a changed rubric: refused with the reason, nothing saved.
    const changed = { ...roundFields({ ...OPEN_DATES, title: "改題", fiscalYear: "2026", version: locked.round.version }, 5), "criteria[0].weight": "3" };
    const refused = await post(changed);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error[""]).toEqual(["審査が始まっているため、評価項目（ルーブリック）は変更できません。"]);
    const after = await load();
    expect(after.round.title).toBe(OPEN.title);
    expect(after.round.criteria.map((c: { weight: number }) => c.weight)).toEqual([1, 1, 1, 1, 1]);
    // The same rubric, or the locked form without one, saves the other settings.
    expect((await post(roundFields({ ...OPEN_DATES, title: OPEN.title, fiscalYear: "2026", quotaAdopted: "2", version: after.round.version }, 5))).status).toBe(302);
    const withoutRubric = roundFields({ ...OPEN_DATES, title: OPEN.title, fiscalYear: "2026", quotaAdopted: "2", quotaStepUp: "4" }, 0);
    expect((await post(withoutRubric)).status).toBe(302);
    expect((await load()).round).toMatchObject({ quota_adopted: 2, quota_step_up: 4, rubricLocked: true });
  });
});

const OPEN_DATES = {
  callOpensOn: OPEN.callOpensOn,
  callClosesOn: OPEN.callClosesOn,
  reviewOpensOn: OPEN.reviewOpensOn,
  reviewClosesOn: OPEN.reviewClosesOn,
  resultsOn: OPEN.resultsOn,
  projectStartOn: OPEN.projectStartOn,
};

function stringify(values: Record<string, string | number>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
}

/** The round form as the browser posts it, with the first `criteria` default criteria. */
function roundFields(overrides: Record<string, string> = {}, criteria = 3): Record<string, string> {
  const names = [
    ["新規性", "Novelty"],
    ["県民への効果", "Impact on residents"],
    ["実現可能性", "Feasibility"],
    ["発展性", "Scalability"],
    ["熱意", "Commitment"],
  ];
  const fields: Record<string, string> = {
    title: "令和9年度 職員チャレンジコンテスト",
    fiscalYear: "2027",
    guidance: "",
    callOpensOn: "2027-03-01",
    callClosesOn: "2027-05-31",
    reviewOpensOn: "2027-06-01",
    reviewClosesOn: "2027-07-31",
    resultsOn: "2027-07-31",
    projectStartOn: "2027-08-01",
    quotaAdopted: "3",
    quotaStepUp: "5",
    reviewersPerProposal: "3",
    reviewVisibility: "after_submit",
  };
  names.slice(0, criteria).forEach(([ja, en], i) => {
    fields[`criteria[${i}].nameJa`] = ja;
    fields[`criteria[${i}].nameEn`] = en;
    fields[`criteria[${i}].description`] = "";
    fields[`criteria[${i}].weight`] = "1";
    fields[`criteria[${i}].scaleMin`] = "1";
    fields[`criteria[${i}].scaleMax`] = "5";
  });
  return { ...fields, ...overrides };
}
