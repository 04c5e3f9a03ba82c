// Shared set-up for the contest decisions integration tests (not a test file itself). Rounds, criteria,
// proposals, members, assignments, reviews and scores are inserted directly: these tests are about ranking,
// decisions, publishing and projects, not about how proposals and reviews come to exist.
import type { DB } from "../../db/client.server";
import { addDays } from "~/calendar/business-days";
import { todayInTokyo } from "~/i18n/format";
import { createDepartment, createEmployee } from "../helpers/factories";

export const day = (offset: number) => addDays(todayInTokyo(), offset);

export type World = Awaited<ReturnType<typeof buildWorld>>;

export async function buildWorld(db: DB) {
  const admin = await createDepartment(db, { name: "行政経営室" });
  const tourism = await createDepartment(db, { name: "観光振興課" });
  const digital = await createDepartment(db, { name: "デジタル化推進室" });
  const planning = await createDepartment(db, { name: "企画調整室" });
  const hr = await createDepartment(db, { name: "人事課" });

  const contestAdmin = await createEmployee(db, { departmentId: admin.id, name: "清水 浩二", roles: [{ role: "contest_admin" }] });
  const reviewerA = await createEmployee(db, { departmentId: planning.id, name: "米田 裕子", roles: [{ role: "reviewer" }] });
  const reviewerB = await createEmployee(db, { departmentId: planning.id, name: "審査 次郎", roles: [{ role: "reviewer" }] });
  const reviewerC = await createEmployee(db, { departmentId: hr.id, name: "審査 三郎", roles: [{ role: "reviewer" }] });
  const hrAdmin = await createEmployee(db, { departmentId: hr.id, name: "吉田 直美", roles: [{ role: "hr_admin" }] });
  const employee = await createEmployee(db, { departmentId: tourism.id, name: "一般 職員" });
  return {
    units: { admin, tourism, digital, planning, hr },
    people: { contestAdmin, reviewers: [reviewerA, reviewerB, reviewerC], hrAdmin, employee },
  };
}

export interface RoundInput {
  createdBy: number;
  resultsOn?: string;
  projectStartOn?: string;
  quotaAdopted?: number;
  quotaStepUp?: number;
  title?: string;
}

let roundCounter = 0;

/** A round whose review window has closed; results on today−1 and projects from today+14 unless told. */
export async function createRound(db: DB, input: RoundInput) {
  roundCounter += 1;
  const resultsOn = input.resultsOn ?? day(-1);
  const projectStartOn = input.projectStartOn ?? (day(14) > resultsOn ? day(14) : resultsOn);
  const reviewClosesOn = addDays(resultsOn, -7);
  const round = await db
    .insertInto("contest_rounds")
    .values({
      fiscal_year: 2026,
      title: input.title ?? `チャレンジコンテスト テスト${roundCounter}`,
      call_opens_on: addDays(reviewClosesOn, -90),
      call_closes_on: addDays(reviewClosesOn, -60),
      review_opens_on: addDays(reviewClosesOn, -50),
      review_closes_on: reviewClosesOn,
      results_on: resultsOn,
      project_start_on: projectStartOn,
      quota_adopted: input.quotaAdopted ?? 3,
      quota_step_up: input.quotaStepUp ?? 5,
      created_by: input.createdBy,
    })
    .returning(["id", "title", "results_on", "project_start_on"])
    .executeTakeFirstOrThrow();
  // 新規性 ×2, 実現可能性 ×1, 熱意 ×1, all 1–5
  const criteria = await db
    .insertInto("contest_criteria")
    .values([
      { round_id: round.id, position: 1, name_ja: "新規性", name_en: "Novelty", weight: "2" },
      { round_id: round.id, position: 2, name_ja: "実現可能性", name_en: "Feasibility", weight: "1" },
      { round_id: round.id, position: 3, name_ja: "熱意", name_en: "Commitment", weight: "1" },
    ])
    .returning(["id"])
    .execute();
  return { ...round, criteria: criteria.map((c) => c.id) };
}

export interface ProposalInput {
  roundId: number;
  leadId: number;
  title?: string;
  desiredHostId?: number | null;
  members?: { id: number; invitation: "invited" | "accepted" | "declined" }[];
  status?: "draft" | "submitted" | "withdrawn";
}

let proposalCounter = 0;

export async function createProposal(db: DB, input: ProposalInput) {
  proposalCounter += 1;
  const status = input.status ?? "submitted";
  const proposal = await db
    .insertInto("contest_proposals")
    .values({
      round_id: input.roundId,
      lead_employee_id: input.leadId,
      title: input.title ?? `県民参加型の観光データ活用 ${proposalCounter}`,
      background: "背景",
      proposal: "提案内容",
      desired_host_department_id: input.desiredHostId ?? null,
      status,
      submitted_at: status === "submitted" ? new Date() : null,
      withdrawn_at: status === "withdrawn" ? new Date() : null,
    })
    .returning(["id", "title"])
    .executeTakeFirstOrThrow();
  await db.insertInto("contest_members").values({ proposal_id: proposal.id, employee_id: input.leadId, role: "lead", invitation: "accepted", responded_at: new Date() }).execute();
  for (const m of input.members ?? []) {
    await db.insertInto("contest_members").values({ proposal_id: proposal.id, employee_id: m.id, role: "member", invitation: m.invitation, responded_at: m.invitation === "invited" ? null : new Date() }).execute();
  }
  return proposal;
}

/** Assigns the reviewer and, unless `scores` is null, writes their review with one score per criterion. */
export async function review(db: DB, input: { proposalId: number; reviewerId: number; criteria: number[]; scores: number[] | null; status?: "draft" | "submitted"; comment?: string }) {
  await db.insertInto("contest_assignments").values({ proposal_id: input.proposalId, reviewer_id: input.reviewerId }).execute();
  if (input.scores === null) return null;
  const status = input.status ?? "submitted";
  const row = await db
    .insertInto("contest_reviews")
    .values({ proposal_id: input.proposalId, reviewer_id: input.reviewerId, status, submitted_at: status === "submitted" ? new Date() : null, overall_comment: input.comment ?? "" })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("contest_scores")
    .values(input.criteria.map((criterionId, i) => ({ review_id: row.id, criterion_id: criterionId, score: input.scores![i], comment: `採点コメント${i}` })))
    .execute();
  return row.id;
}

export async function outbox(db: DB, template: string, toEmployeeId?: number) {
  let query = db.selectFrom("outbox_emails").select(["id", "to_employee_id", "to_address", "subject", "html", "text_body", "dedupe_key"]).where("template", "=", template);
  if (toEmployeeId !== undefined) query = query.where("to_employee_id", "=", toEmployeeId);
  return query.orderBy("id").execute();
}

export async function auditFor(db: DB, entityType: string, entityId: number | string) {
  return db
    .selectFrom("audit_log")
    .select(["action", "actor_id", "detail", "created_at"])
    .where("entity_type", "=", entityType)
    .where("entity_id", "=", String(entityId))
    .orderBy("id")
    .execute();
}
