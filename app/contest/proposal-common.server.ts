import type { Executor } from "../../db/client.server";
import { env } from "../env.server";
import { todayInTokyo } from "../i18n/format";
import { ContestError } from "./proposal-errors";
import { missingForSubmission } from "./proposal-schemas";
import type { CommandContext } from "./rounds.server";

// What the proposal and member commands share: the clock, links in emails, and why a conditional UPDATE matched
// nothing.

export function proposalUrl(ctx: { appUrl?: string }, proposalId: number): string {
  return `${(ctx.appUrl ?? env().appUrl).replace(/\/$/, "")}/contest/proposals/${proposalId}`;
}

export function clock(ctx: CommandContext) {
  const now = ctx.now ?? new Date();
  return { now, today: todayInTokyo(now) };
}

type Attempt = "edit" | "submit" | "withdraw" | "members";

/**
 * After a conditional UPDATE matched nothing: the reason, most useful first. Someone who is neither lead nor member
 * learns nothing (404); a member who is not the lead may not act for them (403).
 */
export async function refuse(db: Executor, proposalId: number, actorId: number, today: string, attempt: Attempt, incompleteInput = false): Promise<never> {
  const row = await db
    .selectFrom("contest_proposals as p")
    .innerJoin("contest_rounds as r", "r.id", "p.round_id")
    .select([
      "p.status",
      "p.lead_employee_id",
      "p.background",
      "p.proposal",
      "p.expected_effect",
      "p.plan",
      "p.budget_yen",
      "p.requested_share_percent",
      "r.call_opens_on",
      "r.call_closes_on",
      (eb) => eb.selectFrom("contest_members as m").select("m.invitation").whereRef("m.proposal_id", "=", "p.id").where("m.employee_id", "=", actorId).as("my_invitation"),
    ])
    .where("p.id", "=", proposalId)
    .executeTakeFirst();
  if (!row) throw new ContestError("not_found");
  if (row.lead_employee_id !== actorId) {
    throw new ContestError(row.my_invitation && row.my_invitation !== "declined" ? "forbidden" : "not_found");
  }
  if (row.status === "withdrawn") throw new ContestError("withdrawn");
  if (attempt === "submit" && row.status === "submitted") throw new ContestError("already_submitted");
  if (today > row.call_closes_on) throw new ContestError("call_closed");
  if (attempt === "submit" && today < row.call_opens_on) throw new ContestError("call_not_open");
  if (attempt === "submit") {
    const missing = missingForSubmission({
      background: row.background,
      proposal: row.proposal,
      expectedEffect: row.expected_effect,
      plan: row.plan,
      budgetYen: row.budget_yen,
      requestedSharePercent: row.requested_share_percent,
    });
    if (missing.length > 0) throw new ContestError("incomplete", { missing });
  }
  if (attempt === "edit" && incompleteInput && row.status === "submitted") throw new ContestError("incomplete");
  throw new ContestError("state_changed");
}
