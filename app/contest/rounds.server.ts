import { sql } from "kysely";
import { atomically as inTransaction } from "../../db/client.server";
import type { Executor } from "../../db/client.server";
import { audit } from "../audit/audit.server";
import { ContestError, isCriterionInUse, isRoundDateViolation } from "./proposal-errors";
import { dateOrderProblems, DEFAULT_RUBRIC, sameRubric, type CriterionInput, type RoundInput } from "./round-model";

// Contest rounds: the contest_admin's commands and the queries every contest page uses. Each command runs in one
// transaction, writes the audit log in it, and turns the database's refusals (date-order CHECKs, a score still
// pointing at a criterion) into ContestErrors a page can show.

export interface CommandContext {
  actorId: number;
  ip?: string | null;
  /** The moment of the change (timestamps and "today" in Asia/Tokyo); seeds and tests pass it to create history. */
  now?: Date;
  /** Base URL for links in emails; defaults to APP_URL. */
  appUrl?: string;
}

export { inTransaction };

/** createRound's input: the form's values; the settings with a database default may be left out (seeds). */
export type CreateRoundInput = Pick<RoundInput, "fiscalYear" | "title" | "callOpensOn" | "callClosesOn" | "reviewOpensOn" | "reviewClosesOn" | "resultsOn" | "projectStartOn"> &
  Partial<Pick<RoundInput, "guidance" | "quotaAdopted" | "quotaStepUp" | "reviewersPerProposal" | "reviewVisibility" | "criteria">>;

export interface UpdateRoundInput extends Omit<RoundInput, "criteria"> {
  roundId: number;
  /** Leave out to keep the rubric as it is (the settings page does so once reviews exist). */
  criteria?: CriterionInput[];
  /** `version` of getRound when the form was loaded; a different current version means someone saved in between. */
  version?: string | null;
}

/** The round's updated_at in microseconds, as text: an exact optimistic-lock token (JS Dates keep only ms). */
const versionOf = sql<string>`((extract(epoch from contest_rounds.updated_at) * 1000000)::bigint)::text`;

function roundColumns(input: Omit<RoundInput, "criteria">) {
  return {
    fiscal_year: input.fiscalYear,
    title: input.title.trim(),
    guidance: input.guidance,
    call_opens_on: input.callOpensOn,
    call_closes_on: input.callClosesOn,
    review_opens_on: input.reviewOpensOn,
    review_closes_on: input.reviewClosesOn,
    results_on: input.resultsOn,
    project_start_on: input.projectStartOn,
    quota_adopted: input.quotaAdopted,
    quota_step_up: input.quotaStepUp,
    reviewers_per_proposal: input.reviewersPerProposal,
    review_visibility: input.reviewVisibility,
  };
}

function assertDateOrder(input: Pick<RoundInput, "callOpensOn" | "callClosesOn" | "reviewOpensOn" | "reviewClosesOn" | "resultsOn" | "projectStartOn">) {
  if (dateOrderProblems(input).length > 0) throw new ContestError("date_order");
}

async function insertCriteria(trx: Executor, roundId: number, criteria: readonly CriterionInput[]) {
  if (criteria.length === 0) return;
  await trx
    .insertInto("contest_criteria")
    .values(
      criteria.map((c, i) => ({
        round_id: roundId,
        position: i + 1,
        name_ja: c.nameJa.trim(),
        name_en: c.nameEn.trim(),
        description: c.description.trim(),
        weight: c.weight,
        scale_min: c.scaleMin,
        scale_max: c.scaleMax,
      })),
    )
    .execute();
}

/** Database refusals as ContestErrors (the checks in code come first; these are the safety net for races). */
function translateDbError(error: unknown): never {
  if (isRoundDateViolation(error)) throw new ContestError("date_order");
  if (isCriterionInUse(error)) throw new ContestError("rubric_locked");
  throw error;
}

// ---------------------------------------------------------------------------------------------------------
// Commands

/** A new round with its rubric (the default five criteria when none is given). */
export async function createRound(db: Executor, input: CreateRoundInput, ctx: CommandContext): Promise<{ id: number }> {
  const now = ctx.now ?? new Date();
  const full: RoundInput = {
    guidance: "",
    quotaAdopted: 3,
    quotaStepUp: 5,
    reviewersPerProposal: 3,
    reviewVisibility: "after_submit",
    criteria: DEFAULT_RUBRIC.map((c) => ({ ...c })),
    ...input,
  };
  assertDateOrder(full);
  try {
    return await inTransaction(db, async (trx) => {
      const row = await trx
        .insertInto("contest_rounds")
        .values({ ...roundColumns(full), created_by: ctx.actorId, created_at: now, updated_at: now })
        .returning("id")
        .executeTakeFirstOrThrow();
      await insertCriteria(trx, row.id, full.criteria);
      await audit(trx, {
        actorId: ctx.actorId,
        action: "contest.round.create",
        entityType: "contest_round",
        entityId: row.id,
        detail: { ...roundColumns(full), criteria: full.criteria.map((c) => ({ nameJa: c.nameJa, weight: c.weight, scale: `${c.scaleMin}-${c.scaleMax}` })) },
        ip: ctx.ip,
      });
      return { id: row.id };
    });
  } catch (error) {
    translateDbError(error);
  }
}

/**
 * Saves the round's settings. The rubric may change only while no review exists for any proposal of the round
 * (rubric_locked otherwise); an unchanged rubric is left alone, so its criteria keep their ids. A stale `version`
 * (someone saved in between) is refused with stale_round. Audit: the changed fields with their old and new values.
 */
export async function updateRound(db: Executor, input: UpdateRoundInput, ctx: CommandContext): Promise<void> {
  const now = ctx.now ?? new Date();
  assertDateOrder(input);
  try {
    await inTransaction(db, async (trx) => {
      const before = await trx.selectFrom("contest_rounds").selectAll().select(versionOf.as("version")).where("id", "=", input.roundId).forUpdate().executeTakeFirst();
      if (!before) throw new ContestError("round_not_found");
      const columns = roundColumns(input);
      const updated = await trx
        .updateTable("contest_rounds")
        .set({ ...columns, updated_at: now })
        .where("id", "=", input.roundId)
        .$if(Boolean(input.version), (qb) => qb.where(versionOf, "=", input.version!))
        .returning("id")
        .executeTakeFirst();
      if (!updated) throw new ContestError("stale_round");

      const changes: Record<string, [unknown, unknown]> = {};
      for (const [key, value] of Object.entries(columns)) {
        const old = (before as Record<string, unknown>)[key];
        if (old !== value) changes[key] = [old, value];
      }

      let rubricChanged = false;
      let oldRubric: CriterionInput[] = [];
      if (input.criteria) {
        oldRubric = await rubricOf(trx, input.roundId);
        if (!sameRubric(oldRubric, input.criteria)) {
          if (await roundHasReviews(trx, input.roundId)) throw new ContestError("rubric_locked");
          await trx.deleteFrom("contest_criteria").where("round_id", "=", input.roundId).execute();
          await insertCriteria(trx, input.roundId, input.criteria);
          rubricChanged = true;
        }
      }
      if (Object.keys(changes).length > 0) {
        await audit(trx, { actorId: ctx.actorId, action: "contest.round.update", entityType: "contest_round", entityId: input.roundId, detail: { changes }, ip: ctx.ip });
      }
      if (rubricChanged) {
        const summary = (list: CriterionInput[]) => list.map((c) => ({ nameJa: c.nameJa, nameEn: c.nameEn, weight: Number(c.weight), scale: `${c.scaleMin}-${c.scaleMax}` }));
        await audit(trx, {
          actorId: ctx.actorId,
          action: "contest.round.rubric",
          entityType: "contest_round",
          entityId: input.roundId,
          detail: { from: summary(oldRubric), to: summary(input.criteria!) },
          ip: ctx.ip,
        });
      }
    });
  } catch (error) {
    translateDbError(error);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Queries

const ROUND_COLUMNS = [
  "id",
  "fiscal_year",
  "title",
  "guidance",
  "call_opens_on",
  "call_closes_on",
  "review_opens_on",
  "review_closes_on",
  "results_on",
  "project_start_on",
  "quota_adopted",
  "quota_step_up",
  "reviewers_per_proposal",
  "review_visibility",
  "results_published_at",
  "updated_at",
] as const;

/** The round's criteria in order, weights as numbers. */
export async function listCriteria(db: Executor, roundId: number) {
  const rows = await db
    .selectFrom("contest_criteria")
    .select(["id", "position", "name_ja", "name_en", "description", "weight", "scale_min", "scale_max"])
    .where("round_id", "=", roundId)
    .orderBy("position")
    .execute();
  return rows.map((r) => ({ ...r, weight: Number(r.weight) }));
}

export type Criterion = Awaited<ReturnType<typeof listCriteria>>[number];

async function rubricOf(db: Executor, roundId: number): Promise<CriterionInput[]> {
  return (await listCriteria(db, roundId)).map((c) => ({ nameJa: c.name_ja, nameEn: c.name_en, description: c.description, weight: c.weight, scaleMin: c.scale_min, scaleMax: c.scale_max }));
}

/** Whether any review (draft or submitted) exists for a proposal of the round: the rubric is then fixed. */
export async function roundHasReviews(db: Executor, roundId: number): Promise<boolean> {
  const row = await db.selectFrom("contest_reviews as rv").innerJoin("contest_proposals as p", "p.id", "rv.proposal_id").select("rv.id").where("p.round_id", "=", roundId).limit(1).executeTakeFirst();
  return Boolean(row);
}

/** One round with its settings, rubric, whether the rubric is locked, and the optimistic-lock version. */
export async function getRound(db: Executor, roundId: number) {
  const round = await db.selectFrom("contest_rounds").select(ROUND_COLUMNS).select(versionOf.as("version")).where("id", "=", roundId).executeTakeFirst();
  if (!round) return null;
  const [criteria, rubricLocked] = await Promise.all([listCriteria(db, roundId), roundHasReviews(db, roundId)]);
  return { ...round, criteria, rubricLocked };
}

export type RoundDetail = NonNullable<Awaited<ReturnType<typeof getRound>>>;

/** Every round, newest fiscal year first, with its proposals counted by status (contest_admin's list). */
export async function listRoundsForAdmin(db: Executor) {
  const rows = await db
    .selectFrom("contest_rounds as r")
    .leftJoin("contest_proposals as p", "p.round_id", "r.id")
    .select([
      "r.id",
      "r.fiscal_year",
      "r.title",
      "r.call_opens_on",
      "r.call_closes_on",
      "r.review_opens_on",
      "r.review_closes_on",
      "r.results_on",
      "r.project_start_on",
      "r.results_published_at",
      "r.quota_adopted",
      "r.quota_step_up",
      sql<number>`count(p.id) FILTER (WHERE p.status = 'submitted')`.as("submitted"),
      sql<number>`count(p.id) FILTER (WHERE p.status = 'draft')`.as("drafts"),
      sql<number>`count(p.id) FILTER (WHERE p.status = 'withdrawn')`.as("withdrawn"),
    ])
    .groupBy("r.id")
    .orderBy("r.fiscal_year", "desc")
    .orderBy("r.call_opens_on", "desc")
    .orderBy("r.id", "desc")
    .execute();
  return rows.map((r) => ({ ...r, submitted: Number(r.submitted), drafts: Number(r.drafts), withdrawn: Number(r.withdrawn) }));
}

/**
 * Rounds an employee can act on: those whose call is open today (with guidance and rubric), and those whose call
 * opens later (dates only), soonest first.
 */
export async function listRoundsForProposers(db: Executor, today: string) {
  const rows = await db
    .selectFrom("contest_rounds")
    .select(["id", "fiscal_year", "title", "guidance", "call_opens_on", "call_closes_on", "review_opens_on", "review_closes_on", "results_on", "project_start_on", "results_published_at"])
    .where("call_closes_on", ">=", today)
    .orderBy("call_closes_on")
    .orderBy("id")
    .execute();
  const open = rows.filter((r) => r.call_opens_on <= today);
  const upcoming = rows.filter((r) => r.call_opens_on > today).sort((a, b) => (a.call_opens_on < b.call_opens_on ? -1 : a.call_opens_on > b.call_opens_on ? 1 : a.id - b.id));
  const criteria = await Promise.all(open.map((r) => listCriteria(db, r.id)));
  return { open: open.map((r, i) => ({ ...r, criteria: criteria[i] })), upcoming };
}

/** The round a proposer works in: dates, guidance and rubric (no admin settings). */
export async function getRoundForProposers(db: Executor, roundId: number) {
  const round = await db
    .selectFrom("contest_rounds")
    .select(["id", "fiscal_year", "title", "guidance", "call_opens_on", "call_closes_on", "review_opens_on", "review_closes_on", "results_on", "project_start_on", "results_published_at"])
    .where("id", "=", roundId)
    .executeTakeFirst();
  if (!round) return null;
  return { ...round, criteria: await listCriteria(db, roundId) };
}

/** The round's audit trail (oldest first) for the settings page. */
export async function roundHistory(db: Executor, roundId: number) {
  return db
    .selectFrom("audit_log as l")
    .leftJoin("employees as e", "e.id", "l.actor_id")
    .select(["l.id", "l.action", "l.detail", "l.created_at", "e.name as actor_name"])
    .where("l.entity_type", "=", "contest_round")
    .where("l.entity_id", "=", String(roundId))
    .orderBy("l.id", "asc")
    .execute();
}
