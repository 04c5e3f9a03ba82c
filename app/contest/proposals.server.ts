import { sql } from "kysely";
import type { Executor } from "../../db/client.server";
import type { ContestOutcome } from "../../db/schema";
import { audit } from "../audit/audit.server";
import { enqueueEmail } from "../notifications/outbox.server";
import { listProposalMembers } from "./members.server";
import { areResultsPublished } from "./phase";
import { ContestError } from "./proposal-errors";
import { clock, proposalUrl, refuse } from "./proposal-common.server";
import { missingForSubmission, type ProposalContent } from "./proposal-schemas";
import { inTransaction, type CommandContext } from "./rounds.server";

export { proposalUrl } from "./proposal-common.server";

// Proposals: the lead's commands and the queries the proposer pages use. Every change is one conditional UPDATE
// (… WHERE status IN (expected) AND the call has not closed AND the actor leads it … RETURNING), so of two requests
// racing exactly one wins; when nothing matched, `refuse` reads the row once to say why (404 / 409 with a message).
// Proposal contents reach only the lead, the members (invited ones too, to decide) and contest_admin; outcomes and
// feedback only once the round's results are published; reviewers and scores never through this module.

export type { CommandContext } from "./rounds.server";

function contentColumns(input: ProposalContent) {
  return {
    title: input.title.trim(),
    background: input.background.trim(),
    proposal: input.proposal.trim(),
    expected_effect: input.expectedEffect.trim(),
    plan: input.plan.trim(),
    budget_yen: input.budgetYen,
    requested_share_percent: input.requestedSharePercent,
    desired_host_department_id: input.desiredHostDepartmentId,
  };
}

async function assertHostExists(db: Executor, departmentId: number | null) {
  if (departmentId === null) return;
  const row = await db.selectFrom("departments").select("id").where("id", "=", departmentId).executeTakeFirst();
  if (!row) throw new ContestError("host_not_found");
}

// ---------------------------------------------------------------------------------------------------------
// Commands

export interface CreateProposalInput extends Partial<Omit<ProposalContent, "title">> {
  roundId: number;
  title: string;
}

/**
 * A new draft led by the actor, with their lead row in contest_members (role lead, accepted: the database requires
 * exactly one). Possible until the round's call closes (before it opens too: drafts may be prepared early).
 */
export async function createProposal(db: Executor, input: CreateProposalInput, ctx: CommandContext): Promise<{ id: number }> {
  const { now, today } = clock(ctx);
  const content: ProposalContent = {
    title: input.title,
    background: input.background ?? "",
    proposal: input.proposal ?? "",
    expectedEffect: input.expectedEffect ?? "",
    plan: input.plan ?? "",
    budgetYen: input.budgetYen ?? null,
    requestedSharePercent: input.requestedSharePercent ?? null,
    desiredHostDepartmentId: input.desiredHostDepartmentId ?? null,
  };
  return inTransaction(db, async (trx) => {
    // Shares the round row so a concurrent change of its dates is seen, not raced.
    const round = await trx.selectFrom("contest_rounds").select(["id", "call_closes_on"]).where("id", "=", input.roundId).forShare().executeTakeFirst();
    if (!round) throw new ContestError("round_not_found");
    if (today > round.call_closes_on) throw new ContestError("call_closed");
    await assertHostExists(trx, content.desiredHostDepartmentId);
    const row = await trx
      .insertInto("contest_proposals")
      .values({ ...contentColumns(content), round_id: round.id, lead_employee_id: ctx.actorId, status: "draft", created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("contest_members").values({ proposal_id: row.id, employee_id: ctx.actorId, role: "lead", invitation: "accepted", invited_at: now, responded_at: now }).execute();
    await audit(trx, {
      actorId: ctx.actorId,
      action: "contest.proposal.create",
      entityType: "contest_proposal",
      entityId: row.id,
      detail: { roundId: round.id, title: content.title },
      ip: ctx.ip,
    });
    return { id: row.id };
  });
}

export interface UpdateProposalInput extends ProposalContent {
  proposalId: number;
}

/**
 * The lead edits the contents of a draft or submitted proposal until the call closes. A submitted proposal stays
 * submitted and must stay complete (incomplete otherwise).
 */
export async function updateProposal(db: Executor, input: UpdateProposalInput, ctx: CommandContext): Promise<void> {
  const { now, today } = clock(ctx);
  const incomplete = missingForSubmission(input).length > 0;
  await inTransaction(db, async (trx) => {
    await assertHostExists(trx, input.desiredHostDepartmentId);
    const row = await trx
      .updateTable("contest_proposals as p")
      .from("contest_rounds as r")
      .set({ ...contentColumns(input), updated_at: now })
      .whereRef("r.id", "=", "p.round_id")
      .where("p.id", "=", input.proposalId)
      .where("p.lead_employee_id", "=", ctx.actorId)
      .where("p.status", "in", incomplete ? ["draft"] : ["draft", "submitted"])
      .where("r.call_closes_on", ">=", today)
      .returning(["p.id", "p.status"])
      .executeTakeFirst();
    if (!row) await refuse(trx, input.proposalId, ctx.actorId, today, "edit", incomplete);
    await audit(trx, {
      actorId: ctx.actorId,
      action: "contest.proposal.update",
      entityType: "contest_proposal",
      entityId: input.proposalId,
      detail: { title: input.title.trim(), status: row!.status },
      ip: ctx.ip,
    });
  });
}

/**
 * draft → submitted, only inside the call window (call_opens_on ≤ today ≤ call_closes_on) and with every field a
 * submission needs. A withdrawn proposal cannot be submitted again. Emails a receipt to the lead and every accepted
 * member, in the same transaction.
 */
export async function submitProposal(db: Executor, input: { proposalId: number }, ctx: CommandContext): Promise<void> {
  const { now, today } = clock(ctx);
  await inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable("contest_proposals as p")
      .from("contest_rounds as r")
      .set({ status: "submitted", submitted_at: now, updated_at: now })
      .whereRef("r.id", "=", "p.round_id")
      .where("p.id", "=", input.proposalId)
      .where("p.lead_employee_id", "=", ctx.actorId)
      .where("p.status", "=", "draft")
      .where("r.call_opens_on", "<=", today)
      .where("r.call_closes_on", ">=", today)
      .where(sql<boolean>`btrim(p.background) <> '' AND btrim(p.proposal) <> '' AND btrim(p.expected_effect) <> '' AND btrim(p.plan) <> ''`)
      .where("p.budget_yen", "is not", null)
      .where("p.requested_share_percent", "is not", null)
      .returning(["p.id", "p.title", "r.title as round_title", "r.call_closes_on", "r.results_on"])
      .executeTakeFirst();
    if (!row) await refuse(trx, input.proposalId, ctx.actorId, today, "submit");
    const proposal = row!;
    const members = (await listProposalMembers(trx, proposal.id)).filter((m) => m.invitation === "accepted");
    const lead = members.find((m) => m.role === "lead");
    await audit(trx, {
      actorId: ctx.actorId,
      action: "contest.proposal.submit",
      entityType: "contest_proposal",
      entityId: proposal.id,
      detail: { to: "submitted", members: members.map((m) => m.employee_id) },
      ip: ctx.ip,
    });
    const memberNames = members.filter((m) => m.role !== "lead").map((m) => m.name);
    for (const m of members) {
      await enqueueEmail(trx, {
        template: "contest-proposal-submitted",
        to: m.email,
        toEmployeeId: m.employee_id,
        dedupeKey: `contest-proposal-submitted:${proposal.id}:${m.employee_id}`,
        props: {
          recipientName: m.name,
          proposalTitle: proposal.title,
          roundTitle: proposal.round_title,
          leadName: lead?.name ?? "",
          memberNames,
          submittedAt: now,
          callClosesOn: proposal.call_closes_on,
          resultsOn: proposal.results_on,
          url: proposalUrl(ctx, proposal.id),
        },
      });
    }
  });
}

/** draft | submitted → withdrawn by the lead, until the call closes. Final: a withdrawn proposal stays withdrawn. */
export async function withdrawProposal(db: Executor, input: { proposalId: number }, ctx: CommandContext): Promise<void> {
  const { now, today } = clock(ctx);
  await inTransaction(db, async (trx) => {
    const row = await trx
      .with("old", (qb) => qb.selectFrom("contest_proposals").select(["id", "status"]).where("id", "=", input.proposalId).forUpdate())
      .updateTable("contest_proposals as p")
      .from(["old", "contest_rounds as r"])
      .set({ status: "withdrawn", withdrawn_at: now, updated_at: now })
      .whereRef("p.id", "=", "old.id")
      .whereRef("r.id", "=", "p.round_id")
      .where("p.lead_employee_id", "=", ctx.actorId)
      .where("old.status", "in", ["draft", "submitted"])
      .where("r.call_closes_on", ">=", today)
      .returning(["old.status as previous"])
      .executeTakeFirst();
    if (!row) await refuse(trx, input.proposalId, ctx.actorId, today, "withdraw");
    await audit(trx, {
      actorId: ctx.actorId,
      action: "contest.proposal.withdraw",
      entityType: "contest_proposal",
      entityId: input.proposalId,
      detail: { from: row!.previous, to: "withdrawn" },
      ip: ctx.ip,
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// Queries

export type ViewerRelation = "lead" | "member" | "invited" | "admin";

export interface Viewer {
  id: number;
  /** contest_admin: sees every proposal (read-only). */
  isAdmin: boolean;
}

/** The outcome as a proposer may see it: null until the round's results are published. */
export function visibleOutcome(round: { results_published_at: Date | string | null }, proposal: { outcome: ContestOutcome | null; feedback: string | null }) {
  if (!areResultsPublished(round)) return { outcome: null, feedback: null };
  return { outcome: proposal.outcome, feedback: proposal.feedback };
}

/**
 * One proposal as the viewer may see it, or null (→ 404) when they may not: the lead, members who accepted or are
 * still invited (to decide), and contest_admin. A member who declined, or was removed, no longer sees it. Outcome
 * and feedback only after results are published; who decided, who reviewed and any score are never selected.
 */
export async function getProposalForViewer(db: Executor, proposalId: number, viewer: Viewer) {
  const row = await db
    .selectFrom("contest_proposals as p")
    .innerJoin("contest_rounds as r", "r.id", "p.round_id")
    .innerJoin("employees as l", "l.id", "p.lead_employee_id")
    .innerJoin("departments as ld", "ld.id", "l.department_id")
    .leftJoin("departments as h", "h.id", "p.desired_host_department_id")
    .leftJoin("departments as hb", "hb.id", "h.parent_id")
    .select([
      "p.id",
      "p.round_id",
      "p.lead_employee_id",
      "p.title",
      "p.background",
      "p.proposal",
      "p.expected_effect",
      "p.plan",
      "p.budget_yen",
      "p.requested_share_percent",
      "p.desired_host_department_id",
      "p.status",
      "p.submitted_at",
      "p.withdrawn_at",
      "p.created_at",
      "p.updated_at",
      "p.outcome",
      "p.feedback",
      "l.name as lead_name",
      "ld.name as lead_unit",
      "h.name as desired_host_name",
      "hb.name as desired_host_bureau",
      "r.title as round_title",
      "r.fiscal_year",
      "r.call_opens_on",
      "r.call_closes_on",
      "r.review_opens_on",
      "r.review_closes_on",
      "r.results_on",
      "r.project_start_on",
      "r.results_published_at",
    ])
    .where("p.id", "=", proposalId)
    .executeTakeFirst();
  if (!row) return null;
  const members = await listProposalMembers(db, proposalId);
  const mine = members.find((m) => m.employee_id === viewer.id);
  let relation: ViewerRelation | null = null;
  if (row.lead_employee_id === viewer.id) relation = "lead";
  else if (mine?.invitation === "accepted") relation = "member";
  else if (mine?.invitation === "invited") relation = "invited";
  else if (viewer.isAdmin) relation = "admin";
  if (!relation) return null;
  const { outcome: _o, feedback: _f, ...rest } = row;
  const shown = visibleOutcome(row, row);
  return {
    proposal: {
      ...rest,
      requested_share_percent: rest.requested_share_percent === null ? null : Number(rest.requested_share_percent),
      results_published: areResultsPublished(row),
      outcome: shown.outcome,
      feedback: shown.feedback,
    },
    relation,
    // Declined invitations are the invitee's business and the lead's: other members see who takes part.
    members: members.filter((m) => m.invitation !== "declined" || relation === "lead" || relation === "admin").map(({ email: _email, ...m }) => m),
  };
}

export type ProposalView = NonNullable<Awaited<ReturnType<typeof getProposalForViewer>>>;

/** The proposals the employee leads or has accepted to join, newest round first (outcomes only once published). */
export async function listMyProposals(db: Executor, employeeId: number) {
  const rows = await db
    .selectFrom("contest_members as me")
    .innerJoin("contest_proposals as p", "p.id", "me.proposal_id")
    .innerJoin("contest_rounds as r", "r.id", "p.round_id")
    .innerJoin("employees as l", "l.id", "p.lead_employee_id")
    .select([
      "p.id",
      "p.title",
      "p.status",
      "p.submitted_at",
      "p.updated_at",
      "p.outcome",
      "p.feedback",
      "me.role",
      "l.name as lead_name",
      "r.id as round_id",
      "r.title as round_title",
      "r.fiscal_year",
      "r.call_opens_on",
      "r.call_closes_on",
      "r.results_on",
      "r.results_published_at",
      (eb) =>
        eb
          .selectFrom("contest_members as m")
          .select((e) => e.fn.countAll<number>().as("n"))
          .whereRef("m.proposal_id", "=", "p.id")
          .where("m.invitation", "=", "accepted")
          .as("accepted_count"),
    ])
    .where("me.employee_id", "=", employeeId)
    .where((eb) => eb.or([eb("me.role", "=", "lead"), eb("me.invitation", "=", "accepted")]))
    .orderBy("r.call_closes_on", "desc")
    .orderBy("p.id", "desc")
    .execute();
  return rows.map(({ outcome, feedback, results_published_at, ...r }) => ({
    ...r,
    accepted_count: Number(r.accepted_count ?? 0),
    results_published: results_published_at !== null,
    outcome: visibleOutcome({ results_published_at }, { outcome, feedback }).outcome,
  }));
}

/** Every proposal of a round for contest_admin: lead, members with their answers, status; submitted first. */
export async function listRoundProposals(db: Executor, roundId: number) {
  const rows = await db
    .selectFrom("contest_proposals as p")
    .innerJoin("employees as l", "l.id", "p.lead_employee_id")
    .innerJoin("departments as ld", "ld.id", "l.department_id")
    .leftJoin("departments as h", "h.id", "p.desired_host_department_id")
    .select(["p.id", "p.title", "p.status", "p.submitted_at", "p.updated_at", "p.outcome", "l.name as lead_name", "ld.name as lead_unit", "h.name as desired_host_name"])
    .where("p.round_id", "=", roundId)
    .orderBy(sql`CASE p.status WHEN 'submitted' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END`)
    .orderBy("p.submitted_at", "asc")
    .orderBy("p.id", "asc")
    .execute();
  if (rows.length === 0) return [];
  const members = await db
    .selectFrom("contest_members as m")
    .innerJoin("employees as e", "e.id", "m.employee_id")
    .select(["m.proposal_id", "m.employee_id", "m.invitation", "e.name"])
    .where(
      "m.proposal_id",
      "in",
      rows.map((r) => r.id),
    )
    .where("m.role", "=", "member")
    .orderBy("m.invited_at")
    .orderBy("m.employee_id")
    .execute();
  return rows.map((r) => ({ ...r, members: members.filter((m) => m.proposal_id === r.id).map(({ proposal_id: _p, ...m }) => m) }));
}
