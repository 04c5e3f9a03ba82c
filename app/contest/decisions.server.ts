import { sql } from "kysely";
import type { Executor } from "../../db/client.server";
import type { ContestOutcome } from "../../db/schema";
import { audit } from "../audit/audit.server";
import { env } from "../env.server";
import { todayInTokyo } from "../i18n/format";
import { enqueueEmail } from "../notifications/outbox.server";
import { ContestDecisionError } from "./decision-schemas";
import { createProjectsForRound, inTransaction, projectLinks, type CommandContext } from "./projects.server";

export type { CommandContext } from "./projects.server";

// Decisions of a contest round: an outcome per proposal (正式採択 / ステップアップ枠 / 不採択) with feedback for the
// proposers, checked against the round's quotas, changeable until the results are published; then publishing,
// which locks the decisions, turns adopted and step-up proposals into projects and tells every proposer.
//
// Concurrency: every command here first locks the round row (SELECT … FOR UPDATE). Two admins deciding at once
// are serialised on it, so a quota cannot be overrun by two saves that each saw room for one more; a decision and
// a publication are serialised too, so no decision slips in after the results went out; and of two publications
// the second waits, then finds results_published_at set (409) — the UPDATE … WHERE results_published_at IS NULL
// repeats that guarantee without relying on the lock.

const optionalText = (value: string | null | undefined) => {
  const text = (value ?? "").trim();
  return text ? text : null;
};

function proposerLinks(appUrl?: string) {
  const base = (appUrl ?? env().appUrl).replace(/\/$/, "");
  return { proposal: (id: number) => `${base}/contest/proposals/${id}`, ...projectLinks(appUrl) };
}

async function lockRound(trx: Executor, roundId: number) {
  return trx
    .selectFrom("contest_rounds")
    .select(["id", "title", "fiscal_year", "results_on", "project_start_on", "quota_adopted", "quota_step_up", "results_published_at"])
    .where("id", "=", roundId)
    .forUpdate()
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------------------------
// Decide

export interface DecideOutcomeInput {
  proposalId: number;
  outcome: ContestOutcome;
  feedback?: string | null;
  /** The admin ticked 「枠を超えることを確認しました」: save even past the quota (and log the override). */
  confirmOverQuota?: boolean;
}

export interface DecideOutcomeResult {
  previous: { outcome: ContestOutcome | null; feedback: string | null };
  overQuota: { outcome: ContestOutcome; quota: number; count: number } | null;
}

/**
 * Saves one proposal's outcome and feedback. Refused (409) after publication, for a proposal that is not submitted,
 * and when it takes 正式採択 past quota_adopted or ステップアップ枠 past quota_step_up unless `confirmOverQuota`.
 * Audit: contest.proposal.decide with old → new (and contest.proposal.quota_override when confirmed past a quota).
 * No email: proposers hear nothing until publication.
 */
export async function decideOutcome(db: Executor, input: DecideOutcomeInput, ctx: CommandContext): Promise<DecideOutcomeResult> {
  const now = ctx.now ?? new Date();
  const feedback = optionalText(input.feedback);
  return inTransaction(db, async (trx) => {
    const found = await trx.selectFrom("contest_proposals").select(["round_id"]).where("id", "=", input.proposalId).executeTakeFirst();
    if (!found) throw new ContestDecisionError("not_found");
    const round = await lockRound(trx, found.round_id);
    if (!round) throw new ContestDecisionError("not_found");
    if (round.results_published_at !== null) throw new ContestDecisionError("published");
    const proposal = await trx
      .selectFrom("contest_proposals")
      .select(["id", "status", "outcome", "feedback", "title"])
      .where("id", "=", input.proposalId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (proposal.status !== "submitted") throw new ContestDecisionError("not_submitted");

    let overQuota: DecideOutcomeResult["overQuota"] = null;
    if (input.outcome === "adopted" || input.outcome === "step_up") {
      const quota = input.outcome === "adopted" ? round.quota_adopted : round.quota_step_up;
      const others = await trx
        .selectFrom("contest_proposals")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("round_id", "=", round.id)
        .where("status", "=", "submitted")
        .where("outcome", "=", input.outcome)
        .where("id", "<>", proposal.id)
        .executeTakeFirstOrThrow();
      const count = Number(others.n) + 1;
      if (count > quota) {
        if (!input.confirmOverQuota) throw new ContestDecisionError("over_quota", { outcome: input.outcome, quota, count });
        overQuota = { outcome: input.outcome, quota, count };
      }
    }

    const updated = await trx
      .updateTable("contest_proposals")
      .set({ outcome: input.outcome, feedback, decided_by: ctx.actorId, decided_at: now, updated_at: now })
      .where("id", "=", proposal.id)
      .where("status", "=", "submitted")
      .returning("id")
      .executeTakeFirst();
    if (!updated) throw new ContestDecisionError("not_submitted");

    const previous = { outcome: proposal.outcome, feedback: proposal.feedback };
    await audit(trx, {
      actorId: ctx.actorId,
      action: "contest.proposal.decide",
      entityType: "contest_proposal",
      entityId: proposal.id,
      detail: { roundId: round.id, from: previous, to: { outcome: input.outcome, feedback }, overQuota },
      ip: ctx.ip,
    });
    if (overQuota) {
      await audit(trx, {
        actorId: ctx.actorId,
        action: "contest.proposal.quota_override",
        entityType: "contest_proposal",
        entityId: proposal.id,
        detail: { roundId: round.id, ...overQuota, confirmation: "枠を超えることを確認しました" },
        ip: ctx.ip,
      });
    }
    return { previous, overQuota };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Publish

export interface PublishResultsResult {
  publishedAt: Date;
  decided: Record<ContestOutcome, number>;
  projects: { id: number; proposalId: number }[];
  members: number;
  records: number;
  emails: number;
}

/**
 * Publishes a round's results, in one transaction: refused before results_on (Asia/Tokyo), when any submitted
 * proposal has no outcome, and when already published (409, also for the loser of two simultaneous clicks). Sets
 * results_published_at — which locks the decisions and makes the outcomes visible to proposers — creates the
 * projects of adopted and step-up proposals with their members and participation records, and emails every
 * proposer (lead + accepted members) their outcome and feedback. Emails name no reviewer and carry no score.
 */
export async function publishResults(db: Executor, input: { roundId: number }, ctx: CommandContext): Promise<PublishResultsResult> {
  const now = ctx.now ?? new Date();
  const today = todayInTokyo(now);
  const links = proposerLinks(ctx.appUrl);
  return inTransaction(db, async (trx) => {
    const round = await lockRound(trx, input.roundId);
    if (!round) throw new ContestDecisionError("not_found");
    if (round.results_published_at !== null) throw new ContestDecisionError("already_published");
    if (today < round.results_on) throw new ContestDecisionError("too_early", { resultsOn: round.results_on });

    const tally = await trx
      .selectFrom("contest_proposals")
      .select(["outcome", (eb) => eb.fn.countAll<number>().as("n")])
      .where("round_id", "=", round.id)
      .where("status", "=", "submitted")
      .groupBy("outcome")
      .execute();
    const decided: Record<ContestOutcome, number> = { adopted: 0, step_up: 0, not_adopted: 0 };
    let undecided = 0;
    for (const row of tally) {
      if (row.outcome === null) undecided += Number(row.n);
      else decided[row.outcome] = Number(row.n);
    }
    if (undecided > 0) throw new ContestDecisionError("undecided", { undecided });

    const published = await trx
      .updateTable("contest_rounds")
      .set({ results_published_at: now, updated_at: now })
      .where("id", "=", round.id)
      .where("results_published_at", "is", null)
      .returning("id")
      .executeTakeFirst();
    if (!published) throw new ContestDecisionError("already_published");

    const created = await createProjectsForRound(trx, { roundId: round.id, startOn: round.project_start_on, actorId: ctx.actorId, now });

    // What each proposer is told: their proposal's outcome, the feedback and, for a project, its host and dates.
    const proposals = await trx
      .selectFrom("contest_proposals as p")
      .leftJoin("contest_projects as pr", "pr.proposal_id", "p.id")
      .leftJoin("departments as d", "d.id", "pr.host_department_id")
      .select(["p.id", "p.title", "p.outcome", "p.feedback", "pr.id as project_id", "pr.start_on", "pr.end_on", "d.name as host_name"])
      .where("p.round_id", "=", round.id)
      .where("p.status", "=", "submitted")
      .orderBy("p.id")
      .execute();
    const recipients = await trx
      .selectFrom("contest_proposals as p")
      .innerJoin("employees as e", "e.id", "p.lead_employee_id")
      .select(["p.id as proposal_id", "e.id", "e.name", "e.email"])
      .where("p.round_id", "=", round.id)
      .where("p.status", "=", "submitted")
      .where((eb) => eb.or([eb("e.left_on", "is", null), eb("e.left_on", ">=", today)]))
      .union(
        trx
          .selectFrom("contest_proposals as p")
          .innerJoin("contest_members as m", "m.proposal_id", "p.id")
          .innerJoin("employees as e", "e.id", "m.employee_id")
          .select(["p.id as proposal_id", "e.id", "e.name", "e.email"])
          .where("p.round_id", "=", round.id)
          .where("p.status", "=", "submitted")
          .where((eb) => eb.or([eb("m.role", "=", "lead"), eb("m.invitation", "=", "accepted")]))
          .where((eb) => eb.or([eb("e.left_on", "is", null), eb("e.left_on", ">=", today)])),
      )
      .orderBy("proposal_id")
      .orderBy("id")
      .execute();

    let emails = 0;
    for (const proposal of proposals) {
      for (const person of recipients.filter((r) => r.proposal_id === proposal.id)) {
        await enqueueEmail(trx, {
          template: "contest-decision-result",
          to: person.email,
          toEmployeeId: person.id,
          dedupeKey: `contest-decision-result:${proposal.id}:${person.id}`,
          props: {
            recipientName: person.name,
            roundTitle: round.title,
            fiscalYear: round.fiscal_year,
            proposalTitle: proposal.title,
            outcome: proposal.outcome!,
            feedback: proposal.feedback,
            project:
              proposal.project_id !== null
                ? { hostName: proposal.host_name ?? "", startOn: proposal.start_on!, endOn: proposal.end_on, url: links.project(proposal.project_id) }
                : null,
            url: links.proposal(proposal.id),
          },
        });
        emails += 1;
      }
    }

    await audit(trx, {
      actorId: ctx.actorId,
      action: "contest.round.publish_results",
      entityType: "contest_round",
      entityId: round.id,
      detail: { decided, projects: created.projects.map((p) => p.id), members: created.members, records: created.records, emails },
      ip: ctx.ip,
    });
    for (const project of created.projects) {
      await audit(trx, {
        actorId: ctx.actorId,
        action: "contest.project.create",
        entityType: "contest_project",
        entityId: project.id,
        detail: { roundId: round.id, proposalId: project.proposalId, hostDepartmentId: project.hostDepartmentId, startOn: project.startOn, endOn: project.endOn },
        ip: ctx.ip,
      });
    }
    return {
      publishedAt: now,
      decided,
      projects: created.projects.map((p) => ({ id: p.id, proposalId: p.proposalId })),
      members: created.members,
      records: created.records,
      emails,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// For the proposers' pages (owned elsewhere): the outcome exists for them only once the results are published.

/**
 * A proposal's outcome and feedback as its proposers may see it: null until the round's results are published.
 * Never includes reviewers, scores or who decided.
 */
export async function publishedOutcome(db: Executor, proposalId: number) {
  const row = await db
    .selectFrom("contest_proposals as p")
    .innerJoin("contest_rounds as r", "r.id", "p.round_id")
    .leftJoin("contest_projects as pr", "pr.proposal_id", "p.id")
    .select(["p.outcome", "p.feedback", "r.results_published_at", "pr.id as project_id"])
    .where("p.id", "=", proposalId)
    .where("r.results_published_at", "is not", null)
    .where("p.outcome", "is not", null)
    .executeTakeFirst();
  if (!row || row.outcome === null || row.results_published_at === null) return null;
  return { outcome: row.outcome, feedback: row.feedback, publishedAt: row.results_published_at, projectId: row.project_id };
}

/** Quota use of a round (decided outcomes of submitted proposals), for the ranking tab. */
export async function outcomeCounts(db: Executor, roundId: number) {
  const rows = await db
    .selectFrom("contest_proposals")
    .select(["outcome", sql<number>`count(*)::int`.as("n")])
    .where("round_id", "=", roundId)
    .where("status", "=", "submitted")
    .groupBy("outcome")
    .execute();
  const counts = { adopted: 0, step_up: 0, not_adopted: 0, undecided: 0 };
  for (const r of rows) counts[r.outcome ?? "undecided"] = r.n;
  return counts;
}
