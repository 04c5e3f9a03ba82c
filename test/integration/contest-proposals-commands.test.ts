import { beforeAll, describe, expect, it } from "vitest";
import { inviteMember, listMyInvitations, removeMember, respondToInvitation } from "~/contest/members.server";
import { ContestError } from "~/contest/proposal-errors";
import { createProposal, getProposalForViewer, listMyProposals, submitProposal, updateProposal, withdrawProposal, type CreateProposalInput } from "~/contest/proposals.server";
import { DEFAULT_RUBRIC } from "~/contest/round-model";
import { createRound, getRound, listCriteria, updateRound, type CreateRoundInput } from "~/contest/rounds.server";
import { useTestDatabase } from "../helpers/db";
import { createDepartment, createEmployee } from "../helpers/factories";

const t = useTestDatabase();

// A fixed calendar (Asia/Tokyo dates): the call runs 2026-12-01 … 2027-01-31.
const at = (iso: string) => new Date(iso);
const NOV_21 = at("2026-11-21T01:00:00Z"); // before the call
const DEC_01_EARLY = at("2026-11-30T15:30:00Z"); // 2026-12-01 00:30 JST: the first day of the call
const DEC_10 = at("2026-12-10T01:00:00Z");
const JAN_31_LATE = at("2027-01-31T14:30:00Z"); // 2027-01-31 23:30 JST: the last day, still open
const FEB_01_EARLY = at("2027-01-31T15:30:00Z"); // 2027-02-01 00:30 JST: closed

let admin: { id: number };
let lead: { id: number; name: string; email: string };
let colleague: { id: number; name: string; employee_no: string };
let other: { id: number };
let former: { id: number; employee_no: string };
let unitId: number;

const ROUND: CreateRoundInput = {
  fiscalYear: 2026,
  title: "令和8年度 職員チャレンジコンテスト（試験）",
  callOpensOn: "2026-12-01",
  callClosesOn: "2027-01-31",
  reviewOpensOn: "2027-02-01",
  reviewClosesOn: "2027-02-28",
  resultsOn: "2027-03-15",
  projectStartOn: "2027-04-01",
};

const COMPLETE: Omit<CreateProposalInput, "roundId"> = {
  title: "県産材を使った子育て支援拠点の整備",
  background: "子育て世帯が気軽に集える場所が不足している。",
  proposal: "空き店舗を県産材で改修し、子育て支援拠点とする。",
  expectedEffect: "子育て世帯の孤立を防ぎ、県産材の需要を増やす。",
  plan: "4月に関係課と協議、6月に設計、10月に開所。",
  budgetYen: 1_200_000,
  requestedSharePercent: 10,
};

async function refusal(promise: Promise<unknown>): Promise<ContestError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ContestError) return error;
    throw error;
  }
  throw new Error("expected the command to be refused");
}

async function newRound(overrides: Partial<CreateRoundInput> = {}) {
  return createRound(t.db, { ...ROUND, ...overrides }, { actorId: admin.id, now: NOV_21 });
}

async function newProposal(roundId: number, extra: Partial<CreateProposalInput> = {}, now = DEC_10) {
  return createProposal(t.db, { roundId, ...COMPLETE, ...extra }, { actorId: lead.id, now });
}

const statusOf = async (id: number) => (await t.db.selectFrom("contest_proposals").select(["status", "submitted_at"]).where("id", "=", id).executeTakeFirstOrThrow()).status;

beforeAll(async () => {
  const unit = await createDepartment(t.db, { name: "行政経営室" });
  const unit2 = await createDepartment(t.db, { name: "こども家庭支援課" });
  unitId = unit2.id;
  admin = await createEmployee(t.db, { departmentId: unit.id, name: "清水 浩二", roles: [{ role: "contest_admin" }] });
  lead = await createEmployee(t.db, { departmentId: unit2.id, name: "中川 さくら" });
  colleague = await createEmployee(t.db, { departmentId: unit.id, name: "立山 翔", employeeNo: "812345" });
  other = await createEmployee(t.db, { departmentId: unit.id, name: "黒部 花子" });
  former = await createEmployee(t.db, { departmentId: unit.id, name: "退職 太郎", employeeNo: "700001", hiredOn: "1990-04-01", leftOn: "2026-03-31" });
});

describe("rounds", () => {
  it("a new round gets the default rubric (five criteria, weight 1, scale 1–5) and an audit entry", async () => {
    const { id } = await newRound();
    const criteria = await listCriteria(t.db, id);
    expect(criteria.map((c) => [c.name_ja, c.name_en, c.weight, c.scale_min, c.scale_max])).toEqual([
      ["新規性", "Novelty", 1, 1, 5],
      ["県民への効果", "Impact on residents", 1, 1, 5],
      ["実現可能性", "Feasibility", 1, 1, 5],
      ["発展性", "Scalability", 1, 1, 5],
      ["熱意", "Commitment", 1, 1, 5],
    ]);
    const log = await t.db.selectFrom("audit_log").select(["action", "actor_id"]).where("entity_type", "=", "contest_round").where("entity_id", "=", String(id)).execute();
    expect(log).toEqual([{ action: "contest.round.create", actor_id: admin.id }]);
  });

  it("refuses dates out of order, in code and in the database", async () => {
    expect((await refusal(newRound({ reviewOpensOn: "2027-01-30" }))).code).toBe("date_order");
    // The CHECK stands even when code is bypassed.
    const { id } = await newRound();
    await expect(t.db.updateTable("contest_rounds").set({ results_on: "2027-02-01" }).where("id", "=", id).execute()).rejects.toMatchObject({ code: "23514" });
  });

  it("the rubric changes until a review exists, then is locked (other settings still save)", async () => {
    const { id } = await newRound();
    const round = (await getRound(t.db, id))!;
    const base = { ...ROUND, roundId: id, guidance: "", quotaAdopted: 3, quotaStepUp: 5, reviewersPerProposal: 3, reviewVisibility: "after_submit" as const };
    const three = DEFAULT_RUBRIC.slice(0, 3).map((c) => ({ ...c, weight: 2 }));
    await updateRound(t.db, { ...base, criteria: three, version: round.version }, { actorId: admin.id });
    expect((await listCriteria(t.db, id)).map((c) => [c.name_ja, c.weight])).toEqual([
      ["新規性", 2],
      ["県民への効果", 2],
      ["実現可能性", 2],
    ]);

    // A proposal, an assignment and a (draft) review, inserted directly.
    const reviewer = await createEmployee(t.db, { departmentId: (await createDepartment(t.db)).id, roles: [{ role: "reviewer" }] });
    const p = await newProposal(id);
    await t.db.insertInto("contest_assignments").values({ proposal_id: p.id, reviewer_id: reviewer.id, assigned_by: admin.id }).execute();
    await t.db.insertInto("contest_reviews").values({ proposal_id: p.id, reviewer_id: reviewer.id }).execute();

    const locked = await refusal(updateRound(t.db, { ...base, criteria: DEFAULT_RUBRIC.map((c) => ({ ...c })) }, { actorId: admin.id }));
    expect(locked.code).toBe("rubric_locked");
    expect(locked.status).toBe(409);
    expect(locked.message).toBe("審査が始まっているため、評価項目（ルーブリック）は変更できません。");
    expect(await listCriteria(t.db, id)).toHaveLength(3);
    expect((await getRound(t.db, id))!.rubricLocked).toBe(true);

    // The same rubric, or none, is not a change: the rest of the settings save.
    const ids = (await listCriteria(t.db, id)).map((c) => c.id);
    await updateRound(t.db, { ...base, title: "改題したラウンド", criteria: three }, { actorId: admin.id });
    await updateRound(t.db, { ...base, quotaAdopted: 2 }, { actorId: admin.id });
    expect((await listCriteria(t.db, id)).map((c) => c.id)).toEqual(ids);
    const saved = (await getRound(t.db, id))!;
    expect([saved.title, saved.quota_adopted]).toEqual([ROUND.title, 2]);
  });

  it("a stale version is refused instead of overwriting someone else's save", async () => {
    const { id } = await newRound();
    const loaded = (await getRound(t.db, id))!;
    const input = { ...ROUND, roundId: id, guidance: "", quotaAdopted: 3, quotaStepUp: 5, reviewersPerProposal: 3, reviewVisibility: "after_submit" as const };
    await updateRound(t.db, { ...input, guidance: "先に保存", version: loaded.version }, { actorId: admin.id });
    const stale = await refusal(updateRound(t.db, { ...input, guidance: "後から保存", version: loaded.version }, { actorId: admin.id }));
    expect(stale.code).toBe("stale_round");
    expect((await getRound(t.db, id))!.guidance).toBe("先に保存");
    const log = await t.db.selectFrom("audit_log").select(["action", "detail"]).where("entity_type", "=", "contest_round").where("entity_id", "=", String(id)).orderBy("id").execute();
    expect(log.map((l) => l.action)).toEqual(["contest.round.create", "contest.round.update"]);
    expect(log[1].detail).toEqual({ changes: { guidance: ["", "先に保存"] } });
  });
});

describe("the call window", () => {
  it("drafts may be prepared before the call, but submitted only inside it (both ends inclusive, Tokyo dates)", async () => {
    const { id: roundId } = await newRound();
    const { id } = await newProposal(roundId, {}, NOV_21);
    const early = await refusal(submitProposal(t.db, { proposalId: id }, { actorId: lead.id, now: NOV_21 }));
    expect([early.code, early.status]).toEqual(["call_not_open", 409]);
    expect(await statusOf(id)).toBe("draft");
    await submitProposal(t.db, { proposalId: id }, { actorId: lead.id, now: DEC_01_EARLY });
    expect(await statusOf(id)).toBe("submitted");
    const again = await refusal(submitProposal(t.db, { proposalId: id }, { actorId: lead.id, now: DEC_10 }));
    expect(again.code).toBe("already_submitted");

    const last = await newProposal(roundId);
    await submitProposal(t.db, { proposalId: last.id }, { actorId: lead.id, now: JAN_31_LATE });
    expect(await statusOf(last.id)).toBe("submitted");
  });

  it("no submission after the call closes, and no new drafts either", async () => {
    const { id: roundId } = await newRound();
    const { id } = await newProposal(roundId);
    const late = await refusal(submitProposal(t.db, { proposalId: id }, { actorId: lead.id, now: FEB_01_EARLY }));
    expect([late.code, late.status, late.message]).toEqual(["call_closed", 409, "募集期間が終了したため、変更できません。"]);
    expect(await statusOf(id)).toBe("draft");
    expect((await refusal(newProposal(roundId, {}, FEB_01_EARLY))).code).toBe("call_closed");
  });

  it("an incomplete draft cannot be submitted; the missing fields are named", async () => {
    const { id: roundId } = await newRound();
    const { id } = await createProposal(t.db, { roundId, title: "題名だけの下書き" }, { actorId: lead.id, now: DEC_10 });
    const incomplete = await refusal(submitProposal(t.db, { proposalId: id }, { actorId: lead.id, now: DEC_10 }));
    expect(incomplete.code).toBe("incomplete");
    expect(incomplete.details.missing).toEqual(["background", "proposal", "expectedEffect", "plan", "budgetYen", "requestedSharePercent"]);
  });

  it("edits until the call closes, then read-only; a submitted proposal stays complete", async () => {
    const { id: roundId } = await newRound();
    const { id } = await newProposal(roundId);
    await submitProposal(t.db, { proposalId: id }, { actorId: lead.id, now: DEC_10 });
    const content = {
      ...COMPLETE,
      background: COMPLETE.background!,
      proposal: COMPLETE.proposal!,
      expectedEffect: COMPLETE.expectedEffect!,
      plan: COMPLETE.plan!,
      budgetYen: 0,
      requestedSharePercent: 15,
      desiredHostDepartmentId: unitId,
    };
    await updateProposal(t.db, { ...content, proposalId: id, title: "改訂した提案" }, { actorId: lead.id, now: JAN_31_LATE });
    const row = await t.db
      .selectFrom("contest_proposals")
      .select(["title", "status", "budget_yen", "requested_share_percent", "desired_host_department_id"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ title: "改訂した提案", status: "submitted", budget_yen: 0, requested_share_percent: "15.0", desired_host_department_id: unitId });

    const emptied = await refusal(updateProposal(t.db, { ...content, plan: "", proposalId: id }, { actorId: lead.id, now: DEC_10 }));
    expect(emptied.code).toBe("incomplete");

    const late = await refusal(updateProposal(t.db, { ...content, proposalId: id, title: "締切後の修正" }, { actorId: lead.id, now: FEB_01_EARLY }));
    expect(late.code).toBe("call_closed");
    expect((await t.db.selectFrom("contest_proposals").select("title").where("id", "=", id).executeTakeFirstOrThrow()).title).toBe("改訂した提案");

    // Only the lead edits: a member is refused (403), anybody else learns nothing (404).
    await inviteMember(t.db, { proposalId: id, employeeId: colleague.id }, { actorId: lead.id, now: DEC_10 });
    await respondToInvitation(t.db, { proposalId: id, response: "accepted" }, { actorId: colleague.id, now: DEC_10 });
    expect((await refusal(updateProposal(t.db, { ...content, proposalId: id }, { actorId: colleague.id, now: DEC_10 }))).code).toBe("forbidden");
    expect((await refusal(updateProposal(t.db, { ...content, proposalId: id }, { actorId: other.id, now: DEC_10 }))).code).toBe("not_found");
  });

  it("withdrawal: until the call closes; afterwards nothing can be submitted or edited", async () => {
    const { id: roundId } = await newRound();
    const { id } = await newProposal(roundId);
    await submitProposal(t.db, { proposalId: id }, { actorId: lead.id, now: DEC_10 });
    await withdrawProposal(t.db, { proposalId: id }, { actorId: lead.id, now: DEC_10 });
    const row = await t.db.selectFrom("contest_proposals").select(["status", "withdrawn_at"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.status).toBe("withdrawn");
    expect(row.withdrawn_at?.toISOString()).toBe(DEC_10.toISOString());
    expect((await refusal(submitProposal(t.db, { proposalId: id }, { actorId: lead.id, now: DEC_10 }))).code).toBe("withdrawn");
    expect((await refusal(withdrawProposal(t.db, { proposalId: id }, { actorId: lead.id, now: DEC_10 }))).code).toBe("withdrawn");
    expect((await refusal(inviteMember(t.db, { proposalId: id, employeeId: other.id }, { actorId: lead.id, now: DEC_10 }))).code).toBe("withdrawn");

    const draft = await newProposal(roundId);
    await withdrawProposal(t.db, { proposalId: draft.id }, { actorId: lead.id, now: DEC_10 });
    expect((await refusal(submitProposal(t.db, { proposalId: draft.id }, { actorId: lead.id, now: DEC_10 }))).code).toBe("withdrawn");

    const kept = await newProposal(roundId);
    await submitProposal(t.db, { proposalId: kept.id }, { actorId: lead.id, now: DEC_10 });
    expect((await refusal(withdrawProposal(t.db, { proposalId: kept.id }, { actorId: lead.id, now: FEB_01_EARLY }))).code).toBe("call_closed");
    expect(await statusOf(kept.id)).toBe("submitted");

    const actions = await t.db.selectFrom("audit_log").select("action").where("entity_type", "=", "contest_proposal").where("entity_id", "=", String(id)).orderBy("id").execute();
    expect(actions.map((a) => a.action)).toEqual(["contest.proposal.create", "contest.proposal.submit", "contest.proposal.withdraw"]);
  });
});

describe("members", () => {
  it("invite → accept / decline; only accepted members count; emails in the same transaction", async () => {
    const { id: roundId } = await newRound();
    const { id } = await newProposal(roundId);
    // The lead row exists from the start (the database requires exactly one).
    expect(await t.db.selectFrom("contest_members").select(["employee_id", "role", "invitation"]).where("proposal_id", "=", id).execute()).toEqual([
      { employee_id: lead.id, role: "lead", invitation: "accepted" },
    ]);

    await inviteMember(t.db, { proposalId: id, employeeNo: "８１２３４５" }, { actorId: lead.id, now: DEC_10, appUrl: "https://portal.example.jp" });
    await inviteMember(t.db, { proposalId: id, employeeId: other.id }, { actorId: lead.id, now: DEC_10 });
    const mail = await t.db
      .selectFrom("outbox_emails")
      .select(["subject", "text_body", "to_employee_id"])
      .where("template", "=", "contest-proposal-invitation")
      .where("to_employee_id", "=", colleague.id)
      .where("dedupe_key", "like", `contest-proposal-invitation:${id}:%`)
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe(`【職員チャレンジポータル】チャレンジコンテストのメンバーに招待されました：${COMPLETE.title}`);
    expect(mail[0].text_body).toContain(`https://portal.example.jp/contest/proposals/${id}`);
    expect(mail[0].text_body).toContain("2027年1月31日（日）");

    // Invited people see it to decide; it is not yet "theirs".
    expect((await getProposalForViewer(t.db, id, { id: colleague.id, isAdmin: false }))?.relation).toBe("invited");
    expect((await listMyProposals(t.db, colleague.id)).map((p) => p.id)).not.toContain(id);
    expect((await listMyInvitations(t.db, colleague.id, "2026-12-10")).pending.map((i) => i.proposal_id)).toContain(id);

    await respondToInvitation(t.db, { proposalId: id, response: "accepted" }, { actorId: colleague.id, now: DEC_10 });
    await respondToInvitation(t.db, { proposalId: id, response: "declined" }, { actorId: other.id, now: DEC_10 });
    expect((await refusal(respondToInvitation(t.db, { proposalId: id, response: "accepted" }, { actorId: other.id, now: DEC_10 }))).code).toBe("invitation_not_found");

    expect((await listMyProposals(t.db, colleague.id)).find((p) => p.id === id)).toMatchObject({ role: "member", accepted_count: 2 });
    // Declining takes away access (documented choice: "not my proposal").
    expect(await getProposalForViewer(t.db, id, { id: other.id, isAdmin: false })).toBeNull();

    await submitProposal(t.db, { proposalId: id }, { actorId: lead.id, now: DEC_10 });
    const receipts = await t.db
      .selectFrom("outbox_emails")
      .select("to_employee_id")
      .where("template", "=", "contest-proposal-submitted")
      .where("dedupe_key", "like", `contest-proposal-submitted:${id}:%`)
      .execute();
    expect(receipts.map((r) => r.to_employee_id).sort()).toEqual([lead.id, colleague.id].sort());
  });

  it("refuses inviting the same person twice, a person who declined, oneself, unknown or former staff", async () => {
    const { id: roundId } = await newRound();
    const { id } = await newProposal(roundId);
    await inviteMember(t.db, { proposalId: id, employeeId: colleague.id }, { actorId: lead.id, now: DEC_10 });
    const twice = await refusal(inviteMember(t.db, { proposalId: id, employeeNo: colleague.employee_no }, { actorId: lead.id, now: DEC_10 }));
    expect([twice.code, twice.message]).toEqual(["already_invited", "この職員は既にメンバーに招待されています。"]);
    expect((await refusal(inviteMember(t.db, { proposalId: id, employeeId: lead.id }, { actorId: lead.id, now: DEC_10 }))).code).toBe("self_invite");
    expect((await refusal(inviteMember(t.db, { proposalId: id, employeeNo: "000000" }, { actorId: lead.id, now: DEC_10 }))).code).toBe("invitee_not_found");
    expect((await refusal(inviteMember(t.db, { proposalId: id, employeeNo: former.employee_no }, { actorId: lead.id, now: DEC_10 }))).code).toBe("invitee_left");
    await inviteMember(t.db, { proposalId: id, employeeId: other.id }, { actorId: lead.id, now: DEC_10 });
    await respondToInvitation(t.db, { proposalId: id, response: "declined" }, { actorId: other.id, now: DEC_10 });
    expect((await refusal(inviteMember(t.db, { proposalId: id, employeeId: other.id }, { actorId: lead.id, now: DEC_10 }))).code).toBe("declined_before");
    // Only the lead invites: an invitee is refused (403), a stranger learns nothing (404).
    expect((await refusal(inviteMember(t.db, { proposalId: id, employeeId: former.id }, { actorId: colleague.id, now: DEC_10 }))).code).toBe("forbidden");
    const stranger = await createEmployee(t.db, { departmentId: unitId });
    expect((await refusal(inviteMember(t.db, { proposalId: id, employeeId: former.id }, { actorId: stranger.id, now: DEC_10 }))).code).toBe("not_found");
    const rows = await t.db.selectFrom("contest_members").select(["employee_id", "invitation"]).where("proposal_id", "=", id).where("role", "=", "member").orderBy("employee_id").execute();
    expect(rows).toEqual(
      [
        { employee_id: colleague.id, invitation: "invited" },
        { employee_id: other.id, invitation: "declined" },
      ].sort((a, b) => a.employee_id - b.employee_id),
    );
  });

  it("the lead removes pending or accepted members before the call closes; answers close with the call", async () => {
    const { id: roundId } = await newRound();
    const { id } = await newProposal(roundId);
    await inviteMember(t.db, { proposalId: id, employeeId: colleague.id }, { actorId: lead.id, now: DEC_10 });
    await inviteMember(t.db, { proposalId: id, employeeId: other.id }, { actorId: lead.id, now: DEC_10 });
    await respondToInvitation(t.db, { proposalId: id, response: "accepted" }, { actorId: colleague.id, now: DEC_10 });
    await removeMember(t.db, { proposalId: id, employeeId: colleague.id }, { actorId: lead.id, now: DEC_10 });
    expect(await getProposalForViewer(t.db, id, { id: colleague.id, isAdmin: false })).toBeNull();
    expect((await refusal(removeMember(t.db, { proposalId: id, employeeId: lead.id }, { actorId: lead.id, now: DEC_10 }))).code).toBe("member_not_found");
    // After the call closes: no removal, no answer.
    expect((await refusal(removeMember(t.db, { proposalId: id, employeeId: other.id }, { actorId: lead.id, now: FEB_01_EARLY }))).code).toBe("call_closed");
    expect((await refusal(respondToInvitation(t.db, { proposalId: id, response: "accepted" }, { actorId: other.id, now: FEB_01_EARLY }))).code).toBe("call_closed");
    expect((await listMyInvitations(t.db, other.id, "2027-02-01")).pending.find((i) => i.proposal_id === id)?.answerable).toBe(false);
    // A removed member may be invited again.
    await inviteMember(t.db, { proposalId: id, employeeId: colleague.id }, { actorId: lead.id, now: DEC_10 });
    const log = await t.db.selectFrom("audit_log").select("action").where("entity_type", "=", "contest_proposal").where("entity_id", "=", String(id)).orderBy("id").execute();
    expect(log.map((l) => l.action)).toEqual(["contest.proposal.create", "contest.member.invite", "contest.member.invite", "contest.member.accept", "contest.member.remove", "contest.member.invite"]);
  });
});
