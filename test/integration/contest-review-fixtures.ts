import type { DB } from "../../db/client.server";
import { todayInTokyo } from "../../app/i18n/format";
import { createDepartment, createEmployee, sessionCookie } from "../helpers/factories";

// Rows for the review tests, inserted directly (rounds, criteria, proposals and members belong to other modules).

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const today = () => todayInTokyo();

export interface RoundInput {
  createdBy: number;
  reviewOpensOn?: string;
  reviewClosesOn?: string;
  perProposal?: number;
  visibility?: "after_submit" | "hidden";
  title?: string;
}

/** A round whose review window is open today unless told otherwise, with a three-criterion rubric. */
export async function createRound(db: DB, input: RoundInput) {
  const opens = input.reviewOpensOn ?? addDays(today(), -10);
  const closes = input.reviewClosesOn ?? addDays(today(), 10);
  const round = await db
    .insertInto("contest_rounds")
    .values({
      fiscal_year: Number(opens.slice(0, 4)) - (Number(opens.slice(5, 7)) < 4 ? 1 : 0),
      title: input.title ?? "チャレンジコンテスト（審査テスト）",
      call_opens_on: addDays(opens, -60),
      call_closes_on: addDays(opens, -1),
      review_opens_on: opens,
      review_closes_on: closes,
      results_on: addDays(closes, 7),
      project_start_on: addDays(closes, 30),
      reviewers_per_proposal: input.perProposal ?? 2,
      review_visibility: input.visibility ?? "after_submit",
      created_by: input.createdBy,
    })
    .returning(["id", "review_opens_on", "review_closes_on"])
    .executeTakeFirstOrThrow();
  const criteria = [];
  for (const [position, nameJa, nameEn, weight] of [
    [1, "新規性", "Novelty", 1],
    [2, "県民への効果", "Benefit to residents", 2],
    [3, "実現可能性", "Feasibility", 1],
  ] as const) {
    criteria.push(
      await db
        .insertInto("contest_criteria")
        .values({ round_id: round.id, position, name_ja: nameJa, name_en: nameEn, weight, description: `${nameJa}を評価します。` })
        .returning(["id", "scale_min", "scale_max"])
        .executeTakeFirstOrThrow(),
    );
  }
  return { ...round, criteria };
}

export interface ProposalInput {
  roundId: number;
  leadId: number;
  title?: string;
  status?: "draft" | "submitted" | "withdrawn";
  members?: Array<{ employeeId: number; invitation: "invited" | "accepted" | "declined" }>;
}

export async function createProposal(db: DB, input: ProposalInput) {
  const status = input.status ?? "submitted";
  const proposal = await db
    .insertInto("contest_proposals")
    .values({
      round_id: input.roundId,
      lead_employee_id: input.leadId,
      title: input.title ?? "県庁DXの提案",
      background: "窓口の待ち時間が長い。",
      proposal: "オンライン予約を導入する。",
      expected_effect: "県民の待ち時間が減る。",
      plan: "8月から試行、10月に本格実施。",
      budget_yen: 1_200_000,
      requested_share_percent: 10,
      status,
      submitted_at: status === "draft" ? null : new Date(),
      withdrawn_at: status === "withdrawn" ? new Date() : null,
    })
    .returning(["id", "title"])
    .executeTakeFirstOrThrow();
  await db.insertInto("contest_members").values({ proposal_id: proposal.id, employee_id: input.leadId, role: "lead", invitation: "accepted" }).execute();
  for (const m of input.members ?? []) {
    await db.insertInto("contest_members").values({ proposal_id: proposal.id, employee_id: m.employeeId, role: "member", invitation: m.invitation }).execute();
  }
  return proposal;
}

export async function createReviewer(db: DB, departmentId: number, name?: string) {
  return createEmployee(db, { departmentId, name, roles: [{ role: "reviewer" }] });
}

/**
 * Units: lead's (tourism), member's (digital), declined member's (disaster), two neutral ones. Reviewers: the lead
 * himself, the accepted member, a colleague of each, a colleague of the declined member, and four neutral ones.
 */
export async function buildReviewWorld(db: DB) {
  const units = {
    tourism: await createDepartment(db, { name: "観光振興課" }),
    digital: await createDepartment(db, { name: "デジタル化推進室" }),
    disaster: await createDepartment(db, { name: "防災・危機管理課" }),
    planning: await createDepartment(db, { name: "企画調整室" }),
    office: await createDepartment(db, { name: "行政経営室" }),
  };
  const admin = await createEmployee(db, { departmentId: units.office.id, name: "清水 浩二", roles: [{ role: "contest_admin" }] });
  const lead = await createEmployee(db, { departmentId: units.tourism.id, name: "中川 さくら", roles: [{ role: "reviewer" }] });
  const member = await createEmployee(db, { departmentId: units.digital.id, name: "松井 健太", roles: [{ role: "reviewer" }] });
  const decliner = await createEmployee(db, { departmentId: units.disaster.id, name: "辞退 太郎" });
  const leadColleague = await createReviewer(db, units.tourism.id, "観光 同僚");
  const memberColleague = await createReviewer(db, units.digital.id, "デジタル 同僚");
  const declinerColleague = await createReviewer(db, units.disaster.id, "防災 同僚");
  const neutral = [
    await createReviewer(db, units.planning.id, "米田 裕子"),
    await createReviewer(db, units.planning.id, "審査 二郎"),
    await createReviewer(db, units.office.id, "審査 三郎"),
    await createReviewer(db, units.office.id, "審査 四郎"),
  ];
  const outsider = await createEmployee(db, { departmentId: units.planning.id, name: "一般 職員" });
  return { units, admin, lead, member, decliner, leadColleague, memberColleague, declinerColleague, neutral, outsider };
}

export type ReviewWorld = Awaited<ReturnType<typeof buildReviewWorld>>;

export async function cookieOf(employeeId: number): Promise<string> {
  return sessionCookie(employeeId);
}

export async function outbox(db: DB, template: string) {
  return db.selectFrom("outbox_emails").selectAll().where("template", "=", template).orderBy("id").execute();
}
