import { beforeAll, describe, expect, it } from "vitest";
import { assignReviewer } from "~/contest/assignment.server";
import { ReviewError } from "~/contest/review-errors";
import { getReviewAccess, saveReview } from "~/contest/reviews.server";
import { loader as tabLoader } from "~/routes/admin.contest.rounds.$id.assignments";
import { loader as listLoader } from "~/routes/review._index";
import { action as pageAction, loader as pageLoader } from "~/routes/review.proposals.$proposalId";
import { useTestDatabase } from "../helpers/db";
import { formRequest, request, respond } from "../helpers/factories";
import { addDays, buildReviewWorld, cookieOf, createProposal, createRound, today, type ReviewWorld } from "./contest-review-fixtures";

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
/** An instant in Japan time. */
const jst = (date: string, time: string) => new Date(`${date}T${time}:00+09:00`);

type Round = Awaited<ReturnType<typeof createRound>>;
const full = (round: Round, score = 4) => round.criteria.map((c) => ({ criterionId: c.id, score, comment: "" }));

const page = async (who: number, proposalId: number) =>
  respond(async () => pageLoader({ request: request(`/review/proposals/${proposalId}`, { cookie: await cookieOf(who) }), params: { proposalId: String(proposalId) }, context: {} }));
const post = async (who: number, proposalId: number, fields: Record<string, string>) =>
  respond(async () =>
    pageAction({ request: formRequest(`/review/proposals/${proposalId}`, fields, await cookieOf(who)), params: { proposalId: String(proposalId) }, context: {} }),
  );
const formFields = (round: Round, intent: "save" | "submit", scores: Array<number | null>, overallComment: string) => ({
  intent,
  overallComment,
  ...Object.fromEntries(
    round.criteria.flatMap((c, i) => [[`scores[${i}].criterionId`, String(c.id)], ...(scores[i] === null || scores[i] === undefined ? [] : [[`scores[${i}].score`, String(scores[i])]])]),
  ),
});

beforeAll(async () => {
  w = await buildReviewWorld(t.db);
});

describe("saving and submitting a review", () => {
  let round: Round;
  let proposalId: number;
  const reviewer = () => w.neutral[0];

  beforeAll(async () => {
    round = await createRound(t.db, { createdBy: w.admin.id, reviewOpensOn: "2026-06-01", reviewClosesOn: "2026-07-31" });
    ({ id: proposalId } = await createProposal(t.db, { roundId: round.id, leadId: w.lead.id }));
    await assignReviewer(t.db, { proposalId, reviewerId: reviewer().id }, { actorId: w.admin.id });
  });
  const ctx = (now: Date) => ({ actorId: reviewer().id, now });

  it("a draft takes any subset of scores; submitting needs every criterion and the overall comment", async () => {
    const inWindow = jst("2026-06-10", "10:00");
    const draft = await saveReview(t.db, { proposalId, scores: [{ criterionId: round.criteria[1].id, score: 5, comment: "効果が大きい" }], overallComment: "", submit: false }, ctx(inWindow));
    expect(draft.status).toBe("draft");
    expect(await t.db.selectFrom("contest_scores").select(["criterion_id", "score", "comment"]).where("review_id", "=", draft.reviewId).execute()).toEqual([
      { criterion_id: round.criteria[1].id, score: 5, comment: "効果が大きい" },
    ]);
    expect(await refusal(saveReview(t.db, { proposalId, scores: full(round).slice(0, 2), overallComment: "総評", submit: true }, ctx(inWindow)))).toEqual({ code: "incomplete", status: 422 });
    expect(await refusal(saveReview(t.db, { proposalId, scores: full(round), overallComment: "  ", submit: true }, ctx(inWindow)))).toEqual({ code: "comment_required", status: 422 });
    expect(await t.db.selectFrom("audit_log").select("id").where("action", "=", "contest.review.submit").execute()).toEqual([]);

    const submitted = await saveReview(t.db, { proposalId, scores: full(round, 3), overallComment: "実現可能性が高い提案です。", submit: true }, ctx(inWindow));
    expect(submitted).toEqual({ reviewId: draft.reviewId, status: "submitted" });
    const row = await t.db.selectFrom("contest_reviews").selectAll().where("id", "=", draft.reviewId).executeTakeFirstOrThrow();
    expect(row.submitted_at?.toISOString()).toBe(inWindow.toISOString());
    expect(await t.db.selectFrom("contest_scores").select("score").where("review_id", "=", draft.reviewId).execute()).toHaveLength(3);
    const audit = await t.db.selectFrom("audit_log").select(["actor_id", "entity_id", "detail"]).where("action", "=", "contest.review.submit").execute();
    expect(audit).toEqual([{ actor_id: reviewer().id, entity_id: String(draft.reviewId), detail: expect.objectContaining({ proposalId }) }]);
  });

  it("a submitted review stays editable in the window (audit-logged, first submission time kept) but never goes back to draft", async () => {
    const later = jst("2026-07-01", "15:00");
    expect(await refusal(saveReview(t.db, { proposalId, scores: full(round), overallComment: "x", submit: false }, ctx(later)))).toEqual({ code: "already_submitted", status: 409 });
    await saveReview(t.db, { proposalId, scores: full(round, 5), overallComment: "見直しました。", submit: true }, ctx(later));
    const row = await t.db.selectFrom("contest_reviews").selectAll().where("proposal_id", "=", proposalId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "submitted", overall_comment: "見直しました。" });
    expect(row.submitted_at?.toISOString()).toBe(jst("2026-06-10", "10:00").toISOString());
    expect(row.updated_at.toISOString()).toBe(later.toISOString());
    expect(await t.db.selectFrom("audit_log").select("id").where("action", "=", "contest.review.update").execute()).toHaveLength(1);
  });

  it("is refused after the window closes and before it opens (Asia/Tokyo dates); the last day counts to 23:59 JST", async () => {
    const change = (now: Date) => saveReview(t.db, { proposalId, scores: full(round, 2), overallComment: "変更", submit: true }, ctx(now));
    await change(jst("2026-07-31", "23:59"));
    // 2026-07-31T15:30Z is already 08-01 00:30 in Tokyo.
    expect(await refusal(change(new Date("2026-07-31T15:30:00Z")))).toEqual({ code: "window_closed", status: 409 });
    expect(await refusal(change(jst("2026-09-01", "09:00")))).toEqual({ code: "window_closed", status: 409 });
    expect(await refusal(change(jst("2026-05-31", "23:59")))).toEqual({ code: "window_not_open", status: 409 });
    const row = await t.db.selectFrom("contest_reviews").select("overall_comment").where("proposal_id", "=", proposalId).executeTakeFirstOrThrow();
    expect(row.overall_comment).toBe("変更");
    const scores = await t.db.selectFrom("contest_scores as s").innerJoin("contest_reviews as v", "v.id", "s.review_id").select("s.score").where("v.proposal_id", "=", proposalId).execute();
    expect(scores.map((s) => s.score)).toEqual([2, 2, 2]);
  });

  it("keeps scores inside each criterion's scale (command and database) and refuses criteria of another round", async () => {
    const inWindow = jst("2026-06-15", "10:00");
    const other = await createRound(t.db, { createdBy: w.admin.id });
    for (const scores of [[{ criterionId: round.criteria[0].id, score: 6 }], [{ criterionId: round.criteria[0].id, score: 0 }], [{ criterionId: other.criteria[0].id, score: 3 }]]) {
      expect(await refusal(saveReview(t.db, { proposalId, scores, overallComment: "x", submit: true }, ctx(inWindow)))).toEqual({ code: "invalid_score", status: 422 });
    }
    const review = await t.db.selectFrom("contest_reviews").select("id").where("proposal_id", "=", proposalId).executeTakeFirstOrThrow();
    await expect(t.db.updateTable("contest_scores").set({ score: 9 }).where("review_id", "=", review.id).execute()).rejects.toMatchObject({ code: "23514", constraint: "contest_scores_scale" });
  });
});

describe("the review page", () => {
  let round: Round;
  let proposalId: number;

  beforeAll(async () => {
    round = await createRound(t.db, { createdBy: w.admin.id });
    ({ id: proposalId } = await createProposal(t.db, {
      roundId: round.id,
      leadId: w.lead.id,
      title: "窓口オンライン予約",
      members: [{ employeeId: w.member.id, invitation: "accepted" }, { employeeId: w.decliner.id, invitation: "declined" }],
    }));
    await assignReviewer(t.db, { proposalId, reviewerId: w.neutral[1].id }, { actorId: w.admin.id });
  });

  it("shows the whole proposal with the accepted members, the rubric and the reviewer's own status; lists it under the round", async () => {
    const res = await page(w.neutral[1].id, proposalId);
    expect(res.status).toBe(200);
    const data = await res.json();
    expect(data.window).toBe("open");
    expect(data.proposal).toMatchObject({ title: "窓口オンライン予約", background: "窓口の待ち時間が長い。", plan: "8月から試行、10月に本格実施。", budget_yen: 1200000 });
    expect(data.team.map((m: { name: string }) => m.name)).toEqual(["中川 さくら", "松井 健太"]);
    expect(data.criteria.map((c: { name_ja: string }) => c.name_ja)).toEqual(["新規性", "県民への効果", "実現可能性"]);
    expect(data.mine).toBeNull();
    const list = await (await respond(async () => listLoader({ request: request("/review", { cookie: await cookieOf(w.neutral[1].id) }), params: {}, context: {} }))).json();
    const entry = list.rounds.find((r: { id: number }) => r.id === round.id);
    expect(entry).toMatchObject({ window: "open", reviewClosesOn: round.review_closes_on });
    expect(entry.items).toEqual([expect.objectContaining({ proposalId, title: "窓口オンライン予約", progress: "not_started" })]);
  });

  it("saves a draft and submits through the form, then shows 提出済み in the list", async () => {
    const saved = await post(w.neutral[1].id, proposalId, formFields(round, "save", [4, null, null], ""));
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`/review/proposals/${proposalId}?done=saved`);
    const incomplete = await post(w.neutral[1].id, proposalId, formFields(round, "submit", [4, null, 3], "総評です。"));
    expect(incomplete.status).toBe(400);
    const body = await incomplete.json();
    expect(body.result.error["scores[1].score"]).toEqual(["評点を選んでください。"]);
    const submitted = await post(w.neutral[1].id, proposalId, formFields(round, "submit", [4, 5, 3], "県民への効果が大きい。"));
    expect(submitted.headers.get("Location")).toBe(`/review/proposals/${proposalId}?done=submitted`);
    const list = await (await respond(async () => listLoader({ request: request("/review", { cookie: await cookieOf(w.neutral[1].id) }), params: {}, context: {} }))).json();
    expect(list.rounds.find((r: { id: number }) => r.id === round.id).items[0].progress).toBe("submitted");
  });

  it("after the window: the page is read-only (closed) and the action answers 409 without changing anything", async () => {
    const closed = await createRound(t.db, { createdBy: w.admin.id, reviewOpensOn: addDays(today(), -30), reviewClosesOn: addDays(today(), -1) });
    const { id: p } = await createProposal(t.db, { roundId: closed.id, leadId: w.outsider.id });
    await assignReviewer(t.db, { proposalId: p, reviewerId: w.neutral[2].id }, { actorId: w.admin.id });
    const res = await page(w.neutral[2].id, p);
    expect(res.status).toBe(200);
    expect((await res.json()).window).toBe("closed");
    const refusedPost = await post(w.neutral[2].id, p, formFields(closed, "save", [3, 3, 3], ""));
    expect(refusedPost.status).toBe(409);
    expect((await refusedPost.json()).result.error[""]).toEqual(["審査期間が終了したため、評価は変更できません。"]);
    expect(await t.db.selectFrom("contest_reviews").select("id").where("proposal_id", "=", p).execute()).toEqual([]);
  });

  it("a withdrawn proposal disappears from the reviewer (404, absent from the list)", async () => {
    const { id: p } = await createProposal(t.db, { roundId: round.id, leadId: w.outsider.id, title: "取り下げる提案" });
    await assignReviewer(t.db, { proposalId: p, reviewerId: w.neutral[3].id }, { actorId: w.admin.id });
    await t.db.updateTable("contest_proposals").set({ status: "withdrawn", withdrawn_at: new Date() }).where("id", "=", p).execute();
    expect((await page(w.neutral[3].id, p)).status).toBe(404);
    const list = await (await respond(async () => listLoader({ request: request("/review", { cookie: await cookieOf(w.neutral[3].id) }), params: {}, context: {} }))).json();
    expect(JSON.stringify(list)).not.toContain("取り下げる提案");
  });
});

describe("other reviewers' reviews", () => {
  let round: Round;
  let proposalId: number;
  const [a, b, c] = [() => w.neutral[0], () => w.neutral[1], () => w.declinerColleague];

  beforeAll(async () => {
    round = await createRound(t.db, { createdBy: w.admin.id });
    ({ id: proposalId } = await createProposal(t.db, { roundId: round.id, leadId: w.lead.id, title: "匿名性の確認" }));
    for (const r of [a(), b(), c()]) await assignReviewer(t.db, { proposalId, reviewerId: r.id }, { actorId: w.admin.id });
    // Review ids in the order b, a, c: b is 審査員A, a is 審査員B, c is 審査員C.
    await saveReview(t.db, { proposalId, scores: full(round, 5), overallComment: "Bの総評：非常に優れている。", submit: true }, { actorId: b().id });
    await saveReview(t.db, { proposalId, scores: full(round, 2).slice(0, 1), overallComment: "", submit: false }, { actorId: a().id });
    await saveReview(t.db, { proposalId, scores: full(round, 1).slice(0, 1), overallComment: "Cの下書き", submit: false }, { actorId: c().id });
  });

  it("are hidden before the viewer has submitted their own", async () => {
    const res = await page(a().id, proposalId);
    const text = await res.clone().text();
    const data = await res.json();
    expect(data.others).toEqual({ visibility: "after_own_submission", reviews: [] });
    expect(text).not.toContain("Bの総評");
    expect(text).not.toContain(b().name);
  });

  it("appear after the viewer submits, under stable pseudonyms, submitted ones only, and never with names or ids", async () => {
    await saveReview(t.db, { proposalId, scores: full(round, 3), overallComment: "Aの総評", submit: true }, { actorId: a().id });
    const res = await page(a().id, proposalId);
    const text = await res.clone().text();
    const data = await res.json();
    expect(data.others.visibility).toBe("shown");
    expect(data.mine.letter).toBe("B");
    expect(data.others.reviews).toEqual([{ letter: "A", overallComment: "Bの総評：非常に優れている。", scores: full(round, 5) }]);
    for (const secret of [b().name, c().name, b().employee_no, b().email, "Cの下書き", `"reviewer_id"`, `"reviewerId"`, `"name":"${b().name}"`]) expect(text).not.toContain(secret);
    // The same person carries the same letter for every viewer.
    const fromB = await (await page(b().id, proposalId)).json();
    expect(fromB.mine.letter).toBe("A");
    expect(fromB.others.reviews.map((r: { letter: string }) => r.letter)).toEqual(["B"]);
  });

  it("are never shown when the round hides them, even after submitting", async () => {
    const hidden = await createRound(t.db, { createdBy: w.admin.id, visibility: "hidden" });
    const { id: p } = await createProposal(t.db, { roundId: hidden.id, leadId: w.lead.id });
    for (const r of [a(), b()]) {
      await assignReviewer(t.db, { proposalId: p, reviewerId: r.id }, { actorId: w.admin.id });
      await saveReview(t.db, { proposalId: p, scores: full(hidden, 4), overallComment: `${r.name}の総評`, submit: true }, { actorId: r.id });
    }
    const res = await page(a().id, p);
    const text = await res.clone().text();
    expect((await res.json()).others).toEqual({ visibility: "hidden_by_round", reviews: [] });
    expect(text).not.toContain(`${b().name}の総評`);
    const access = await getReviewAccess(t.db, { proposalId: p, reviewerId: b().id, today: today() });
    expect(access.kind === "ok" && access.others).toEqual({ visibility: "hidden_by_round", reviews: [] });
  });

  it("contest_admin reads every review with the reviewer's name on the assignments tab", async () => {
    const res = await respond(async () => tabLoader({ request: request(`/admin/contest/rounds/${round.id}/assignments`, { cookie: await cookieOf(w.admin.id) }), params: { id: String(round.id) }, context: {} }));
    const data = await res.json();
    const reviews = data.reviews.filter((r: { proposalId: number }) => r.proposalId === proposalId);
    expect(reviews.map((r: { reviewerName: string; status: string }) => [r.reviewerName, r.status])).toEqual([
      [b().name, "submitted"],
      [a().name, "submitted"],
      [c().name, "draft"],
    ]);
  });
});
