import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { assignReviewer } from "~/contest/assignment.server";
import { declareConflict, hasConflict, listRoundConflicts, setConflictOverride } from "~/contest/conflicts.server";
import { ReviewError } from "~/contest/review-errors";
import { saveReview } from "~/contest/reviews.server";
import { action as tabAction, loader as tabLoader } from "~/routes/admin.contest.rounds.$id.assignments";
import { action as listAction, loader as listLoader } from "~/routes/review._index";
import { action as pageAction, loader as pageLoader } from "~/routes/review.proposals.$proposalId";
import { useTestDatabase } from "../helpers/db";
import { createEmployee, formRequest, request, respond } from "../helpers/factories";
import { buildReviewWorld, cookieOf, createProposal, createRound, today, type ReviewWorld } from "./contest-review-fixtures";

const t = useTestDatabase();
let w: ReviewWorld;
let round: Awaited<ReturnType<typeof createRound>>;
let proposalId: number;

const refusal = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    if (error instanceof ReviewError) return { code: error.code, status: error.status };
    throw error;
  }
  throw new Error("expected a ReviewError");
};
const assignmentExists = async (p: number, r: number) =>
  Boolean(await t.db.selectFrom("contest_assignments").select("proposal_id").where("proposal_id", "=", p).where("reviewer_id", "=", r).executeTakeFirst());

const call = {
  page: async (who: number, p = proposalId) =>
    respond(async () => pageLoader({ request: request(`/review/proposals/${p}`, { cookie: await cookieOf(who) }), params: { proposalId: String(p) }, context: {} })),
  save: async (who: number, p = proposalId) =>
    respond(async () =>
      pageAction({
        request: formRequest(
          `/review/proposals/${p}`,
          { intent: "save", "scores[0].criterionId": String(round.criteria[0].id), "scores[0].score": "3", overallComment: "" },
          await cookieOf(who),
        ),
        params: { proposalId: String(p) },
        context: {},
      }),
    ),
  list: async (who: number) => respond(async () => listLoader({ request: request("/review", { cookie: await cookieOf(who) }), params: {}, context: {} })),
  tab: async (who: number, fields: Record<string, string>) =>
    respond(async () =>
      tabAction({ request: formRequest(`/admin/contest/rounds/${round.id}/assignments`, fields, await cookieOf(who)), params: { id: String(round.id) }, context: {} }),
    ),
};
const listedIds = async (who: number) => {
  const body = await (await call.list(who)).json();
  return body.rounds.flatMap((r: { items: Array<{ proposalId: number }> }) => r.items.map((i) => i.proposalId));
};

beforeAll(async () => {
  w = await buildReviewWorld(t.db);
  round = await createRound(t.db, { createdBy: w.admin.id });
  ({ id: proposalId } = await createProposal(t.db, {
    roundId: round.id,
    leadId: w.lead.id,
    title: "観光DXの提案",
    members: [
      { employeeId: w.member.id, invitation: "accepted" },
      { employeeId: w.decliner.id, invitation: "declined" },
    ],
  }));
});

describe("automatic conflicts", () => {
  it("the lead, a member, and the units of the lead and of a member conflict; a declined member's unit does not", async () => {
    expect(await hasConflict(t.db, proposalId, w.lead.id)).toBe(true);
    expect(await hasConflict(t.db, proposalId, w.member.id)).toBe(true);
    expect(await hasConflict(t.db, proposalId, w.leadColleague.id)).toBe(true);
    expect(await hasConflict(t.db, proposalId, w.memberColleague.id)).toBe(true);
    expect(await hasConflict(t.db, proposalId, w.decliner.id)).toBe(false);
    expect(await hasConflict(t.db, proposalId, w.declinerColleague.id)).toBe(false);
    for (const n of w.neutral) expect(await hasConflict(t.db, proposalId, n.id)).toBe(false);
  });

  it("the round's list explains each one (提案者本人 / メンバー / 同じ所属 with the unit) and agrees with the database", async () => {
    const rows = (await listRoundConflicts(t.db, round.id, today())).filter((r) => r.proposalId === proposalId);
    const byReviewer = new Map(rows.map((r) => [r.reviewerId, r]));
    expect(byReviewer.get(w.lead.id)?.automatic).toEqual([{ kind: "lead" }]);
    expect(byReviewer.get(w.member.id)?.automatic).toEqual([{ kind: "member" }]);
    expect(byReviewer.get(w.leadColleague.id)?.automatic).toEqual([{ kind: "same_unit", unitName: "観光振興課", viaName: "中川 さくら", viaRole: "lead" }]);
    expect(byReviewer.get(w.memberColleague.id)?.automatic).toEqual([{ kind: "same_unit", unitName: "デジタル化推進室", viaName: "松井 健太", viaRole: "member" }]);
    expect(byReviewer.has(w.declinerColleague.id)).toBe(false);
    expect(w.neutral.some((n) => byReviewer.has(n.id))).toBe(false);
    for (const row of rows) expect(row.conflict, row.reviewerName).toBe(await hasConflict(t.db, row.proposalId, row.reviewerId));
  });
});

describe("a conflicted reviewer", () => {
  it("cannot be assigned: the command answers 409, the tab answers 409, a raw INSERT is refused by the database", async () => {
    expect(await refusal(assignReviewer(t.db, { proposalId, reviewerId: w.leadColleague.id }, { actorId: w.admin.id }))).toEqual({ code: "assign_conflict", status: 409 });
    const res = await call.tab(w.admin.id, { intent: "assign", formId: "assign-x", proposalId: String(proposalId), reviewerId: String(w.memberColleague.id) });
    expect(res.status).toBe(409);
    expect((await res.json()).message).toBe("この審査員はこの提案と利害関係があるため、割り当てられません。");
    await expect(t.db.insertInto("contest_assignments").values({ proposal_id: proposalId, reviewer_id: w.lead.id }).execute()).rejects.toMatchObject({
      code: "23514",
      constraint: "contest_assignments_conflict",
    });
    for (const r of [w.lead, w.member, w.leadColleague, w.memberColleague]) expect(await assignmentExists(proposalId, r.id)).toBe(false);
  });

  it("cannot open the review page (403) nor score (403), and the proposal is absent from their list", async () => {
    for (const r of [w.lead, w.leadColleague, w.memberColleague]) {
      expect((await call.page(r.id)).status).toBe(403);
      expect((await call.save(r.id)).status).toBe(403);
      expect(await listedIds(r.id)).not.toContain(proposalId);
    }
    expect(await refusal(saveReview(t.db, { proposalId, scores: [], overallComment: "", submit: false }, { actorId: w.leadColleague.id }))).toEqual({ code: "conflicted", status: 403 });
  });

  it("who became conflicted after being assigned (a colleague joined the proposal) loses the page, the scoring and the list entry", async () => {
    const { id: p2 } = await createProposal(t.db, { roundId: round.id, leadId: w.outsider.id, title: "企画の提案" });
    // outsider works in 企画調整室 like neutral[0]: automatic conflict from the start.
    expect(await hasConflict(t.db, p2, w.neutral[0].id)).toBe(true);
    const { id: p3 } = await createProposal(t.db, { roundId: round.id, leadId: w.decliner.id, title: "防災の提案" });
    await assignReviewer(t.db, { proposalId: p3, reviewerId: w.neutral[2].id }, { actorId: w.admin.id });
    expect((await call.page(w.neutral[2].id, p3)).status).toBe(200);
    expect(await listedIds(w.neutral[2].id)).toContain(p3);

    // A member from 行政経営室 (neutral[2]'s unit) accepts later: the pair is now conflicted, assignment or not.
    const joiner = await createEmployee(t.db, { departmentId: w.units.office.id });
    await t.db.insertInto("contest_members").values({ proposal_id: p3, employee_id: joiner.id, role: "member", invitation: "accepted" }).execute();
    expect((await call.page(w.neutral[2].id, p3)).status).toBe(403);
    expect((await call.save(w.neutral[2].id, p3)).status).toBe(403);
    expect(await listedIds(w.neutral[2].id)).not.toContain(p3);
    // The admin's board flags the stale assignment.
    const board = await (await respond(async () => tabLoader({ request: request(`/admin/contest/rounds/${round.id}/assignments`, { cookie: await cookieOf(w.admin.id) }), params: { id: String(round.id) }, context: {} }))).json();
    const row = board.proposals.find((p: { id: number }) => p.id === p3);
    expect(row.assignments).toEqual([expect.objectContaining({ reviewerId: w.neutral[2].id, conflicted: true })]);
  });
});

describe("admin overrides", () => {
  it("a cleared automatic conflict stays cleared when the rule is evaluated again, and assignment then works", async () => {
    await setConflictOverride(t.db, { proposalId, reviewerId: w.leadColleague.id, state: "cleared", reason: "別の係で業務上の接点がないため" }, { actorId: w.admin.id });
    expect(await hasConflict(t.db, proposalId, w.leadColleague.id)).toBe(false);

    // More reasons arrive (another tourism employee joins): the automatic rule says "conflict" twice over, the
    // override still decides.
    const another = await createEmployee(t.db, { departmentId: w.units.tourism.id, name: "観光 新人" });
    await t.db.insertInto("contest_members").values({ proposal_id: proposalId, employee_id: another.id, role: "member", invitation: "accepted" }).execute();
    expect(await hasConflict(t.db, proposalId, w.leadColleague.id)).toBe(false);
    const row = (await listRoundConflicts(t.db, round.id, today())).find((r) => r.proposalId === proposalId && r.reviewerId === w.leadColleague.id)!;
    expect(row.automatic).toHaveLength(2);
    expect(row.override).toMatchObject({ state: "cleared", source: "admin", reason: "別の係で業務上の接点がないため", createdByName: "清水 浩二" });
    expect(row.conflict).toBe(false);

    expect(await assignReviewer(t.db, { proposalId, reviewerId: w.leadColleague.id }, { actorId: w.admin.id })).toEqual({ created: true });
    expect((await call.page(w.leadColleague.id)).status).toBe(200);
    expect(await listedIds(w.leadColleague.id)).toContain(proposalId);
    const audit = await t.db.selectFrom("audit_log").select(["action", "detail"]).where("action", "=", "contest.conflict.clear").execute();
    expect(audit).toEqual([expect.objectContaining({ detail: expect.objectContaining({ reviewerId: w.leadColleague.id, reason: "別の係で業務上の接点がないため", previous: null }) })]);
  });

  it("setting a conflict on an assigned pair removes the assignment and its review, even a submitted one, and says so in the audit log", async () => {
    const reviewer = w.neutral[1];
    await assignReviewer(t.db, { proposalId, reviewerId: reviewer.id }, { actorId: w.admin.id });
    await saveReview(
      t.db,
      { proposalId, scores: round.criteria.map((c) => ({ criterionId: c.id, score: 4 })), overallComment: "実現性が高い。", submit: true },
      { actorId: reviewer.id },
    );
    const res = await call.tab(w.admin.id, { intent: "override", formId: "conflict-add", state: "conflict", proposalId: String(proposalId), reviewerId: String(reviewer.id), reason: "提案者の元上司であるため" });
    expect(res.status).toBe(302);
    expect(await assignmentExists(proposalId, reviewer.id)).toBe(false);
    expect(await t.db.selectFrom("contest_reviews").select("id").where("proposal_id", "=", proposalId).where("reviewer_id", "=", reviewer.id).execute()).toEqual([]);
    const audit = await t.db.selectFrom("audit_log").select("detail").where("action", "=", "contest.conflict.set").executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ reviewerId: reviewer.id, removedAssignment: true, removedReview: "submitted" });
    expect(await refusal(assignReviewer(t.db, { proposalId, reviewerId: reviewer.id }, { actorId: w.admin.id }))).toEqual({ code: "assign_conflict", status: 409 });
  });

  it("only contest_admin reaches the tab; a proposal of another round is 404", async () => {
    expect((await call.tab(w.neutral[0].id, { intent: "override", state: "cleared", proposalId: String(proposalId), reviewerId: String(w.lead.id), reason: "x" })).status).toBe(403);
    const other = await createRound(t.db, { createdBy: w.admin.id });
    const { id: foreign } = await createProposal(t.db, { roundId: other.id, leadId: w.outsider.id });
    expect((await call.tab(w.admin.id, { intent: "assign", proposalId: String(foreign), reviewerId: String(w.neutral[3].id) })).status).toBe(404);
    expect(await assignmentExists(foreign, w.neutral[3].id)).toBe(false);
  });
});

describe("a reviewer's declaration", () => {
  it("removes the assignment and its draft review, becomes the pair's conflict, and blocks re-assignment", async () => {
    const reviewer = w.neutral[3];
    await assignReviewer(t.db, { proposalId, reviewerId: reviewer.id }, { actorId: w.admin.id });
    await saveReview(t.db, { proposalId, scores: [{ criterionId: round.criteria[0].id, score: 2 }], overallComment: "", submit: false }, { actorId: reviewer.id });

    const res = await respond(async () =>
      listAction({ request: formRequest("/review", { intent: "declare", proposalId: String(proposalId), reason: "提案者と同じプロジェクトに参加しているため" }, await cookieOf(reviewer.id)), params: {}, context: {} }),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/review?done=declared");
    expect(await assignmentExists(proposalId, reviewer.id)).toBe(false);
    expect(await t.db.selectFrom("contest_reviews").select("id").where("reviewer_id", "=", reviewer.id).execute()).toEqual([]);
    expect(await hasConflict(t.db, proposalId, reviewer.id)).toBe(true);
    expect(await listedIds(reviewer.id)).not.toContain(proposalId);
    expect((await call.page(reviewer.id)).status).toBe(403);
    const row = (await listRoundConflicts(t.db, round.id, today())).find((r) => r.proposalId === proposalId && r.reviewerId === reviewer.id)!;
    expect(row).toMatchObject({ automatic: [], override: { state: "conflict", source: "reviewer", reason: "提案者と同じプロジェクトに参加しているため" }, conflict: true });
    expect(await refusal(assignReviewer(t.db, { proposalId, reviewerId: reviewer.id }, { actorId: w.admin.id }))).toEqual({ code: "assign_conflict", status: 409 });
    const audit = await t.db.selectFrom("audit_log").select("detail").where("action", "=", "contest.conflict.declare").executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ reviewerId: reviewer.id, removedDraft: true });
  });

  it("is refused once the review is submitted (409); the admin can still set the conflict", async () => {
    const reviewer = w.declinerColleague;
    await assignReviewer(t.db, { proposalId, reviewerId: reviewer.id }, { actorId: w.admin.id });
    await saveReview(t.db, { proposalId, scores: round.criteria.map((c) => ({ criterionId: c.id, score: 3 })), overallComment: "標準的。", submit: true }, { actorId: reviewer.id });
    expect(await refusal(declareConflict(t.db, { proposalId, reason: "後から気づいた" }, { actorId: reviewer.id }))).toEqual({ code: "review_submitted", status: 409 });
    const res = await respond(async () =>
      pageAction({ request: formRequest(`/review/proposals/${proposalId}`, { intent: "declare", proposalId: String(proposalId), reason: "後から気づいた" }, await cookieOf(reviewer.id)), params: { proposalId: String(proposalId) }, context: {} }),
    );
    expect(res.status).toBe(409);
    expect(await assignmentExists(proposalId, reviewer.id)).toBe(true);

    await setConflictOverride(t.db, { proposalId, reviewerId: reviewer.id, state: "conflict", reason: "本人からの申出による" }, { actorId: w.admin.id });
    expect(await assignmentExists(proposalId, reviewer.id)).toBe(false);
  });

  it("needs an assignment: declaring on someone else's proposal is 404 and records nothing", async () => {
    const { id: p } = await createProposal(t.db, { roundId: round.id, leadId: w.outsider.id, title: "別の提案" });
    expect(await refusal(declareConflict(t.db, { proposalId: p, reason: "念のため" }, { actorId: w.neutral[1].id }))).toEqual({ code: "not_found", status: 404 });
    expect(await t.db.selectFrom("contest_conflict_overrides").select("reason").where("proposal_id", "=", p).execute()).toEqual([]);
  });

  it("an unassigned reviewer gets 404 on the page and the action; an employee without the role gets 403", async () => {
    const { id: p } = await createProposal(t.db, { roundId: round.id, leadId: w.outsider.id, title: "未割当の提案" });
    expect((await call.page(w.declinerColleague.id, p)).status).toBe(404);
    expect((await call.save(w.declinerColleague.id, p)).status).toBe(404);
    expect((await call.page(w.outsider.id, p)).status).toBe(403);
    expect((await call.list(w.outsider.id)).status).toBe(403);
    const counts = await sql<{ n: number }>`SELECT count(*)::int AS n FROM contest_reviews WHERE proposal_id = ${p}`.execute(t.db);
    expect(counts.rows[0].n).toBe(0);
  });
});
