import { sql } from "kysely";
import type { Executor } from "../../db/client.server";
import { audit } from "../audit/audit.server";
import { todayInTokyo } from "../i18n/format";
import { enqueueEmail } from "../notifications/outbox.server";
import { searchEmployees } from "../people/directory.server";
import { ContestError } from "./proposal-errors";
import { proposalUrl, refuse } from "./proposal-common.server";
import { inTransaction, type CommandContext } from "./rounds.server";

// Members of a group proposal. The lead invites colleagues (by id from the search, or by 職員番号); each invitee
// accepts or declines; the lead can remove a pending or accepted member. All of it only until the call closes, and
// never on a withdrawn proposal. Only accepted members count (conflicts, receipts, projects).
//
// A declined invitation keeps its row (so the same person is not invited again and again) but takes away access to
// the proposal: declining means "not my proposal". A removed member's row is deleted; they may be invited again.

/** Lead first, then members in the order they were invited. Emails are for notifications, not for pages. */
export async function listProposalMembers(db: Executor, proposalId: number) {
  return db
    .selectFrom("contest_members as m")
    .innerJoin("employees as e", "e.id", "m.employee_id")
    .innerJoin("departments as d", "d.id", "e.department_id")
    .select(["m.employee_id", "m.role", "m.invitation", "m.invited_at", "m.responded_at", "e.name", "e.employee_no", "e.email", "d.name as unit_name"])
    .where("m.proposal_id", "=", proposalId)
    .orderBy(sql`CASE m.role WHEN 'lead' THEN 0 ELSE 1 END`)
    .orderBy("m.invited_at")
    .orderBy("m.employee_id")
    .execute();
}

/**
 * Locks the proposal for a change of its members: touches updated_at if the actor leads it, it is a draft or
 * submitted, and the call has not closed; otherwise says why (refuse).
 */
async function lockForMemberChange(trx: Executor, proposalId: number, ctx: CommandContext, now: Date, today: string) {
  const row = await trx
    .updateTable("contest_proposals as p")
    .from("contest_rounds as r")
    .set({ updated_at: now })
    .whereRef("r.id", "=", "p.round_id")
    .where("p.id", "=", proposalId)
    .where("p.lead_employee_id", "=", ctx.actorId)
    .where("p.status", "in", ["draft", "submitted"])
    .where("r.call_closes_on", ">=", today)
    .returning(["p.id", "p.title", "r.title as round_title", "r.call_closes_on"])
    .executeTakeFirst();
  if (!row) await refuse(trx, proposalId, ctx.actorId, today, "members");
  return row!;
}

export interface InviteMemberInput {
  proposalId: number;
  /** The colleague picked in the search… */
  employeeId?: number;
  /** …or typed as a 職員番号 (used when employeeId is absent). */
  employeeNo?: string;
}

/** The lead invites a colleague; the invitee gets an email with a link to read the proposal and answer. */
export async function inviteMember(db: Executor, input: InviteMemberInput, ctx: CommandContext): Promise<{ employeeId: number }> {
  const now = ctx.now ?? new Date();
  const today = todayInTokyo(now);
  return inTransaction(db, async (trx) => {
    const proposal = await lockForMemberChange(trx, input.proposalId, ctx, now, today);
    let query = trx.selectFrom("employees as e").innerJoin("departments as d", "d.id", "e.department_id").select(["e.id", "e.name", "e.email", "e.left_on", "d.name as unit_name"]);
    if (input.employeeId !== undefined) query = query.where("e.id", "=", input.employeeId);
    else query = query.where("e.employee_no", "=", (input.employeeNo ?? "").normalize("NFKC").trim());
    const invitee = await query.executeTakeFirst();
    if (!invitee) throw new ContestError("invitee_not_found");
    if (invitee.id === ctx.actorId) throw new ContestError("self_invite");
    if (invitee.left_on !== null && invitee.left_on < today) throw new ContestError("invitee_left");

    const inserted = await trx
      .insertInto("contest_members")
      .values({ proposal_id: proposal.id, employee_id: invitee.id, role: "member", invitation: "invited", invited_at: now })
      .onConflict((oc) => oc.columns(["proposal_id", "employee_id"]).doNothing())
      .returning("employee_id")
      .executeTakeFirst();
    if (!inserted) {
      const existing = await trx.selectFrom("contest_members").select("invitation").where("proposal_id", "=", proposal.id).where("employee_id", "=", invitee.id).executeTakeFirst();
      throw new ContestError(existing?.invitation === "declined" ? "declined_before" : "already_invited");
    }

    const lead = await trx
      .selectFrom("employees as e")
      .innerJoin("departments as d", "d.id", "e.department_id")
      .select(["e.name", "d.name as unit_name"])
      .where("e.id", "=", ctx.actorId)
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actorId: ctx.actorId,
      action: "contest.member.invite",
      entityType: "contest_proposal",
      entityId: proposal.id,
      detail: { employeeId: invitee.id },
      ip: ctx.ip,
    });
    await enqueueEmail(trx, {
      template: "contest-proposal-invitation",
      to: invitee.email,
      toEmployeeId: invitee.id,
      dedupeKey: `contest-proposal-invitation:${proposal.id}:${invitee.id}:${now.getTime()}`,
      props: {
        inviteeName: invitee.name,
        leadName: lead.name,
        leadUnit: lead.unit_name,
        proposalTitle: proposal.title,
        roundTitle: proposal.round_title,
        callClosesOn: proposal.call_closes_on,
        url: proposalUrl(ctx, proposal.id),
      },
    });
    return { employeeId: invitee.id };
  });
}

export type InvitationResponse = "accepted" | "declined";

/** The invitee accepts or declines, while the proposal is live and its call open. Only an open invitation. */
export async function respondToInvitation(db: Executor, input: { proposalId: number; response: InvitationResponse }, ctx: CommandContext): Promise<void> {
  const now = ctx.now ?? new Date();
  const today = todayInTokyo(now);
  await inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable("contest_members as m")
      .set({ invitation: input.response, responded_at: now })
      .where("m.proposal_id", "=", input.proposalId)
      .where("m.employee_id", "=", ctx.actorId)
      .where("m.role", "=", "member")
      .where("m.invitation", "=", "invited")
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("contest_proposals as p")
            .innerJoin("contest_rounds as r", "r.id", "p.round_id")
            .select("p.id")
            .whereRef("p.id", "=", "m.proposal_id")
            .where("p.status", "in", ["draft", "submitted"])
            .where("r.call_closes_on", ">=", today),
        ),
      )
      .returning("m.employee_id")
      .executeTakeFirst();
    if (!row) {
      const state = await trx
        .selectFrom("contest_members as m")
        .innerJoin("contest_proposals as p", "p.id", "m.proposal_id")
        .innerJoin("contest_rounds as r", "r.id", "p.round_id")
        .select(["m.invitation", "m.role", "p.status", "r.call_closes_on"])
        .where("m.proposal_id", "=", input.proposalId)
        .where("m.employee_id", "=", ctx.actorId)
        .executeTakeFirst();
      if (!state || state.role !== "member") throw new ContestError("not_found");
      if (state.invitation !== "invited") throw new ContestError("invitation_not_found");
      if (state.status === "withdrawn") throw new ContestError("withdrawn");
      if (today > state.call_closes_on) throw new ContestError("call_closed");
      throw new ContestError("state_changed");
    }
    await audit(trx, {
      actorId: ctx.actorId,
      action: input.response === "accepted" ? "contest.member.accept" : "contest.member.decline",
      entityType: "contest_proposal",
      entityId: input.proposalId,
      detail: { employeeId: ctx.actorId, invitation: input.response },
      ip: ctx.ip,
    });
  });
}

/** The lead removes a pending or accepted member (not the lead, not a declined invitation) until the call closes. */
export async function removeMember(db: Executor, input: { proposalId: number; employeeId: number }, ctx: CommandContext): Promise<void> {
  const now = ctx.now ?? new Date();
  const today = todayInTokyo(now);
  await inTransaction(db, async (trx) => {
    await lockForMemberChange(trx, input.proposalId, ctx, now, today);
    const removed = await trx
      .deleteFrom("contest_members")
      .where("proposal_id", "=", input.proposalId)
      .where("employee_id", "=", input.employeeId)
      .where("role", "=", "member")
      .where("invitation", "in", ["invited", "accepted"])
      .returning(["employee_id", "invitation"])
      .executeTakeFirst();
    if (!removed) throw new ContestError("member_not_found");
    await audit(trx, {
      actorId: ctx.actorId,
      action: "contest.member.remove",
      entityType: "contest_proposal",
      entityId: input.proposalId,
      detail: { employeeId: removed.employee_id, invitation: removed.invitation },
      ip: ctx.ip,
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// Queries

/**
 * The employee's invitations: pending ones of live proposals (answerable while the call is open), and the ones they
 * answered, newest first. Withdrawn proposals drop out.
 */
export async function listMyInvitations(db: Executor, employeeId: number, today: string) {
  const rows = await db
    .selectFrom("contest_members as m")
    .innerJoin("contest_proposals as p", "p.id", "m.proposal_id")
    .innerJoin("contest_rounds as r", "r.id", "p.round_id")
    .innerJoin("employees as l", "l.id", "p.lead_employee_id")
    .innerJoin("departments as ld", "ld.id", "l.department_id")
    .select([
      "p.id as proposal_id",
      "p.title",
      "p.status",
      "m.invitation",
      "m.invited_at",
      "m.responded_at",
      "l.name as lead_name",
      "ld.name as lead_unit",
      "r.title as round_title",
      "r.call_closes_on",
    ])
    .where("m.employee_id", "=", employeeId)
    .where("m.role", "=", "member")
    .where("p.status", "<>", "withdrawn")
    .orderBy("m.invited_at", "desc")
    .orderBy("p.id", "desc")
    .execute();
  const pending = rows.filter((r) => r.invitation === "invited").map((r) => ({ ...r, answerable: today <= r.call_closes_on }));
  const answered = rows.filter((r) => r.invitation !== "invited");
  return { pending, answered };
}

/**
 * Candidates for the lead's invite search (first 10, with the total): name, 職員番号 and unit (no email), and whether
 * already on the proposal.
 */
export async function searchInvitees(db: Executor, proposalId: number, q: string) {
  if (!q.trim()) return { rows: [], total: 0 };
  const found = await searchEmployees(db, { q, pageSize: 10 });
  const ids = found.rows.map((r) => r.id);
  const existing = ids.length
    ? await db.selectFrom("contest_members").select(["employee_id", "role", "invitation"]).where("proposal_id", "=", proposalId).where("employee_id", "in", ids).execute()
    : [];
  const rows = found.rows.map((r) => {
    const member = existing.find((m) => m.employee_id === r.id);
    return {
      id: r.id,
      employee_no: r.employee_no,
      name: r.name,
      name_kana: r.name_kana,
      unit_name: r.department_name,
      bureau_name: r.parent_name,
      member: member ? (member.role === "lead" ? ("lead" as const) : member.invitation) : null,
    };
  });
  return { rows, total: found.total };
}
