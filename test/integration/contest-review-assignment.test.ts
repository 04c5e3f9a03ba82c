import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { assignReviewer, runAutoAssignment, unassignReviewer } from "~/contest/assignment.server";
import { hasConflict } from "~/contest/conflicts.server";
import { ReviewError } from "~/contest/review-errors";
import { saveReview } from "~/contest/reviews.server";
import { action as tabAction, loader as tabLoader } from "~/routes/admin.contest.rounds.$id.assignments";
import { useTestDatabase } from "../helpers/db";
import { createEmployee, formRequest, request, respond } from "../helpers/factories";
import { buildReviewWorld, cookieOf, createProposal, createRound, outbox, type ReviewWorld } from "./contest-review-fixtures";

const t = useTestDatabase();
let w: ReviewWorld;

const refusal = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    if (error instanceof ReviewError) return { code: error.code, status: error.status };
    throw error;
  }
  throw new Error("expected a ReviewError");
};

/** Every reviewer's load in the round (0 included), from the database. */
async function loads(roundId: number, reviewerIds: number[]) {
  const rows = await t.db
    .selectFrom("contest_assignments as a")
    .innerJoin("contest_proposals as p", "p.id", "a.proposal_id")
    .select(["a.reviewer_id"])
    .where("p.round_id", "=", roundId)
    .execute();
  return reviewerIds.map((id) => rows.filter((r) => r.reviewer_id === id).length);
}
async function pairsOf(roundId: number) {
  const rows = await t.db
    .selectFrom("contest_assignments as a")
    .innerJoin("contest_proposals as p", "p.id", "a.proposal_id")
    .select(["a.proposal_id", "a.reviewer_id"])
    .where("p.round_id", "=", roundId)
    .orderBy("a.proposal_id")
    .orderBy("a.reviewer_id")
    .execute();
  return rows.map((r) => `${r.proposal_id}:${r.reviewer_id}`);
}

let reviewerIds: number[];

beforeAll(async () => {
  w = await buildReviewWorld(t.db);
  reviewerIds = [w.lead, w.member, w.leadColleague, w.memberColleague, w.declinerColleague, ...w.neutral].map((r) => r.id);
});

beforeEach(async () => {
  await t.db.deleteFrom("outbox_emails").execute();
});

/** Four submitted proposals whose conflicts cover every reviewer somewhere, plus a draft and a withdrawn one. */
async function contestRound(perProposal: number) {
  const round = await createRound(t.db, { createdBy: w.admin.id, perProposal });
  const planningLead = await createEmployee(t.db, { departmentId: w.units.planning.id });
  const officeLead = await createEmployee(t.db, { departmentId: w.units.office.id });
  const submitted = [
    await createProposal(t.db, { roundId: round.id, leadId: w.lead.id, title: "観光DX", members: [{ employeeId: w.member.id, invitation: "accepted" }] }),
    await createProposal(t.db, { roundId: round.id, leadId: planningLead.id, title: "企画の提案" }),
    await createProposal(t.db, { roundId: round.id, leadId: officeLead.id, title: "業務改善の提案", members: [{ employeeId: w.decliner.id, invitation: "invited" }] }),
    await createProposal(t.db, { roundId: round.id, leadId: w.outsider.id, title: "県民サービスの提案" }),
  ];
  const draft = await createProposal(t.db, { roundId: round.id, leadId: w.outsider.id, title: "下書き", status: "draft" });
  const withdrawn = await createProposal(t.db, { roundId: round.id, leadId: w.outsider.id, title: "取下げ", status: "withdrawn" });
  return { round, submitted, draft, withdrawn };
}

describe("automatic assignment", () => {
  it("never assigns a conflict, gives each submitted proposal N, balances load (max − min ≤ 1) and nothing to drafts or withdrawn ones", async () => {
    const { round, submitted, draft, withdrawn } = await contestRound(3);
    const result = await runAutoAssignment(t.db, { roundId: round.id }, { actorId: w.admin.id });
    expect(result.perProposal).toBe(3);
    expect(result.shortfalls).toEqual([]);
    expect(result.created).toHaveLength(12);
    for (const a of result.created) expect(await hasConflict(t.db, a.proposalId, a.reviewerId), `${a.proposalId}:${a.reviewerId}`).toBe(false);
    for (const p of submitted) expect(result.created.filter((a) => a.proposalId === p.id)).toHaveLength(3);
    expect(result.created.some((a) => a.proposalId === draft.id || a.proposalId === withdrawn.id)).toBe(false);
    const l = await loads(round.id, reviewerIds);
    expect(Math.max(...l) - Math.min(...l)).toBeLessThanOrEqual(1);
    expect(l.reduce((a, b) => a + b, 0)).toBe(12);
  });

  it("is deterministic: the same state run twice (once in a rolled-back copy) gives the identical plan; a re-run adds nothing", async () => {
    const { round } = await contestRound(2);
    let first: string[] = [];
    await t.db
      .transaction()
      .execute(async (trx) => {
        const r = await runAutoAssignment(trx, { roundId: round.id }, { actorId: w.admin.id });
        first = r.created.map((a) => `${a.proposalId}:${a.reviewerId}`);
        throw new Error("rollback");
      })
      .catch((e: Error) => expect(e.message).toBe("rollback"));
    expect(await pairsOf(round.id)).toEqual([]);
    const second = await runAutoAssignment(t.db, { roundId: round.id }, { actorId: w.admin.id });
    expect(second.created.map((a) => `${a.proposalId}:${a.reviewerId}`)).toEqual(first);
    expect(await pairsOf(round.id)).toEqual(first);
    const third = await runAutoAssignment(t.db, { roundId: round.id }, { actorId: w.admin.id });
    expect(third.created).toEqual([]);
    expect(await pairsOf(round.id)).toEqual(first);
  });

  it("counts the round's existing assignments in the load, keeps them, and only fills the gaps", async () => {
    // N = 3: 12 places, 2 taken by neutral[3], 10 left for the 8 others → 1 or 2 each is feasible.
    const { round, submitted } = await contestRound(3);
    // neutral[3] already carries two (on the proposals it may review).
    await assignReviewer(t.db, { proposalId: submitted[1].id, reviewerId: w.neutral[3].id }, { actorId: w.admin.id });
    await assignReviewer(t.db, { proposalId: submitted[3].id, reviewerId: w.neutral[3].id }, { actorId: w.admin.id });
    const before = await pairsOf(round.id);
    const result = await runAutoAssignment(t.db, { roundId: round.id }, { actorId: w.admin.id });
    expect(result.created).toHaveLength(10);
    expect(result.created.some((a) => a.reviewerId === w.neutral[3].id)).toBe(false);
    const after = await pairsOf(round.id);
    for (const pair of before) expect(after).toContain(pair);
    const l = await loads(round.id, reviewerIds);
    expect(Math.max(...l) - Math.min(...l)).toBeLessThanOrEqual(1);
    for (const p of submitted) expect(after.filter((x) => x.startsWith(`${p.id}:`))).toHaveLength(3);
  });

  it("reports the proposals that cannot get N (too few reviewers without a conflict) and assigns what it can", async () => {
    const { round, submitted } = await contestRound(8);
    const result = await runAutoAssignment(t.db, { roundId: round.id, perProposal: 8 }, { actorId: w.admin.id });
    // 9 reviewers; proposal 1 conflicts with 4 of them (lead, member, two colleagues) → 5 at most.
    expect(result.shortfalls).toContainEqual({ proposalId: submitted[0].id, wanted: 8, got: 5, title: "観光DX" });
    expect(result.created.filter((a) => a.proposalId === submitted[0].id)).toHaveLength(5);
    // proposal 4's lead (outsider, 企画調整室) conflicts with the two planning reviewers → 7.
    expect(result.shortfalls).toContainEqual({ proposalId: submitted[3].id, wanted: 8, got: 7, title: "県民サービスの提案" });
  });

  it("sends one email per reviewer listing all their new proposals, and an audit entry for the run", async () => {
    const { round } = await contestRound(2);
    const result = await runAutoAssignment(t.db, { roundId: round.id }, { actorId: w.admin.id, appUrl: "https://portal.example.jp" });
    const emails = await outbox(t.db, "contest-review-assigned");
    const reviewersWithNew = [...new Set(result.created.map((a) => a.reviewerId))];
    expect(emails.map((e) => e.to_employee_id).sort()).toEqual([...reviewersWithNew].sort());
    for (const email of emails) {
      expect(email.subject).toMatch(/^【職員チャレンジポータル】チャレンジコンテストの審査をお願いします（\d件）$/);
      const titles = await t.db
        .selectFrom("contest_proposals")
        .select("title")
        .where("id", "in", result.created.filter((a) => a.reviewerId === email.to_employee_id).map((a) => a.proposalId))
        .execute();
      for (const { title } of titles) expect(email.text_body).toContain(title);
      expect(email.text_body).toContain("https://portal.example.jp/review");
    }
    const audit = await t.db.selectFrom("audit_log").select(["actor_id", "detail"]).where("action", "=", "contest.assignment.auto").where("entity_id", "=", String(round.id)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: w.admin.id, detail: { perProposal: 2 } });
  });

  it("two runs at the same moment do not double-assign: the second sees the first's assignments", async () => {
    const { round } = await contestRound(2);
    const [a, b] = await Promise.all([
      runAutoAssignment(t.db, { roundId: round.id }, { actorId: w.admin.id }),
      runAutoAssignment(t.db, { roundId: round.id }, { actorId: w.admin.id }),
    ]);
    expect(a.created.length + b.created.length).toBe(8);
    expect([a.created.length, b.created.length].sort()).toEqual([0, 8]);
    expect(await outbox(t.db, "contest-review-assigned")).toHaveLength(new Set([...a.created, ...b.created].map((x) => x.reviewerId)).size);
  });
});

describe("manual assignment", () => {
  it("assigns a submitted proposal to a reviewer without conflict, emails them once, and a repeat changes nothing", async () => {
    const { round, submitted } = await contestRound(2);
    expect(await assignReviewer(t.db, { proposalId: submitted[0].id, reviewerId: w.neutral[0].id }, { actorId: w.admin.id })).toEqual({ created: true });
    expect(await assignReviewer(t.db, { proposalId: submitted[0].id, reviewerId: w.neutral[0].id }, { actorId: w.admin.id })).toEqual({ created: false });
    const emails = await outbox(t.db, "contest-review-assigned");
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ to_employee_id: w.neutral[0].id });
    expect(emails[0].text_body).toContain("観光DX");
    expect(await pairsOf(round.id)).toEqual([`${submitted[0].id}:${w.neutral[0].id}`]);
  });

  it("refuses drafts and withdrawn proposals (409) and employees who are not reviewers", async () => {
    const { draft, withdrawn, submitted } = await contestRound(2);
    expect(await refusal(assignReviewer(t.db, { proposalId: draft.id, reviewerId: w.neutral[0].id }, { actorId: w.admin.id }))).toEqual({ code: "not_submitted", status: 409 });
    expect(await refusal(assignReviewer(t.db, { proposalId: withdrawn.id, reviewerId: w.neutral[0].id }, { actorId: w.admin.id }))).toEqual({ code: "not_submitted", status: 409 });
    expect(await refusal(assignReviewer(t.db, { proposalId: submitted[0].id, reviewerId: w.outsider.id }, { actorId: w.admin.id }))).toEqual({ code: "not_reviewer", status: 422 });
  });

  it("unassigning a submitted review needs the explicit confirmation", async () => {
    const { submitted } = await contestRound(2);
    const p = submitted[0].id;
    await assignReviewer(t.db, { proposalId: p, reviewerId: w.neutral[1].id }, { actorId: w.admin.id });
    await saveReview(t.db, { proposalId: p, scores: [], overallComment: "", submit: false }, { actorId: w.neutral[1].id });
    // A draft goes with the assignment.
    expect(await unassignReviewer(t.db, { proposalId: p, reviewerId: w.neutral[1].id }, { actorId: w.admin.id })).toEqual({ removedReview: "draft" });

    await assignReviewer(t.db, { proposalId: p, reviewerId: w.neutral[2].id }, { actorId: w.admin.id });
    const criteria = await t.db.selectFrom("contest_criteria as c").innerJoin("contest_proposals as p", "p.round_id", "c.round_id").select("c.id").where("p.id", "=", p).execute();
    await saveReview(t.db, { proposalId: p, scores: criteria.map((c) => ({ criterionId: c.id, score: 5 })), overallComment: "優れている。", submit: true }, { actorId: w.neutral[2].id });
    expect(await refusal(unassignReviewer(t.db, { proposalId: p, reviewerId: w.neutral[2].id }, { actorId: w.admin.id }))).toEqual({ code: "review_submitted", status: 409 });
    expect(await unassignReviewer(t.db, { proposalId: p, reviewerId: w.neutral[2].id, discardSubmitted: true }, { actorId: w.admin.id })).toEqual({ removedReview: "submitted" });
    const audit = await t.db.selectFrom("audit_log").select("detail").where("action", "=", "contest.assignment.remove").orderBy("id").execute();
    expect(audit.map((a) => a.detail.removedReview)).toEqual(["draft", "submitted"]);
  });
});

describe("the assignments tab", () => {
  it("shows the load table (assigned / submitted / remaining), each proposal's reviewers and only eligible reviewers to add", async () => {
    const { round, submitted } = await contestRound(2);
    await runAutoAssignment(t.db, { roundId: round.id }, { actorId: w.admin.id });
    const first = await t.db.selectFrom("contest_assignments").select("reviewer_id").where("proposal_id", "=", submitted[3].id).orderBy("reviewer_id").executeTakeFirstOrThrow();
    const criteria = round.criteria.map((c) => ({ criterionId: c.id, score: 3 }));
    await saveReview(t.db, { proposalId: submitted[3].id, scores: criteria, overallComment: "妥当。", submit: true }, { actorId: first.reviewer_id });

    const res = await respond(async () => tabLoader({ request: request(`/admin/contest/rounds/${round.id}/assignments`, { cookie: await cookieOf(w.admin.id) }), params: { id: String(round.id) }, context: {} }));
    expect(res.status).toBe(200);
    const data = await res.json();
    const row = data.load.find((l: { reviewerId: number }) => l.reviewerId === first.reviewer_id);
    expect(row.submitted).toBe(1);
    expect(row.remaining).toBe(row.assigned - 1);
    expect(data.load.reduce((s: number, l: { assigned: number }) => s + l.assigned, 0)).toBe(8);
    const p1 = data.proposals.find((p: { id: number }) => p.id === submitted[0].id);
    for (const id of [w.lead.id, w.member.id, w.leadColleague.id, w.memberColleague.id]) expect(p1.eligible).not.toContain(id);
    for (const a of p1.assignments) expect(p1.eligible).not.toContain(a.reviewerId);
    // The admin reads every review with the reviewer's name.
    expect(data.reviews).toEqual([expect.objectContaining({ reviewerId: first.reviewer_id, reviewerName: expect.any(String), status: "submitted", overallComment: "妥当。" })]);
  });

  it("runs automatic assignment from the form (N overridable) and redirects with the counts; other roles get 403", async () => {
    const { round } = await contestRound(3);
    const post = async (who: number, fields: Record<string, string>) =>
      respond(async () => tabAction({ request: formRequest(`/admin/contest/rounds/${round.id}/assignments`, fields, await cookieOf(who)), params: { id: String(round.id) }, context: {} }));
    expect((await post(w.neutral[0].id, { intent: "auto", perProposal: "1" })).status).toBe(403);
    expect((await post(w.admin.id, { intent: "auto", perProposal: "0" })).status).toBe(400);
    const res = await post(w.admin.id, { intent: "auto", perProposal: "1" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/admin/contest/rounds/${round.id}/assignments?done=auto&n=4&short=0&per=1`);
    expect(await pairsOf(round.id)).toHaveLength(4);
    const loaderRes = await respond(async () => tabLoader({ request: request(`/admin/contest/rounds/${round.id}/assignments`, { cookie: await cookieOf(w.neutral[0].id) }), params: { id: String(round.id) }, context: {} }));
    expect(loaderRes.status).toBe(403);
  });
});
