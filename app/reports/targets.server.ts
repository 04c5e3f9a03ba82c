import type { Executor } from "../../db/client.server";
import { audit } from "../audit/audit.server";

/** Sets (or replaces) the participation target of a fiscal year; audit-logged with the previous value. */
export async function setParticipationTarget(db: Executor, input: { fiscalYear: number; target: number }, ctx: { actorId: number | null; ip?: string | null }): Promise<void> {
  if (!Number.isInteger(input.target) || input.target < 1 || input.target > 100_000) throw new RangeError("target must be an integer from 1 to 100000");
  const previous = await db.selectFrom("participation_targets").select("target").where("fiscal_year", "=", input.fiscalYear).executeTakeFirst();
  await db
    .insertInto("participation_targets")
    .values({ fiscal_year: input.fiscalYear, target: input.target, updated_by: ctx.actorId })
    .onConflict((oc) => oc.column("fiscal_year").doUpdateSet({ target: input.target, updated_by: ctx.actorId, updated_at: new Date() }))
    .execute();
  await audit(db, { actorId: ctx.actorId, action: "report.target.set", entityType: "participation_target", entityId: input.fiscalYear, detail: { target: input.target, previous: previous?.target ?? null }, ip: ctx.ip });
}

export async function listTargets(db: Executor) {
  return db.selectFrom("participation_targets").select(["fiscal_year", "target", "updated_at"]).orderBy("fiscal_year", "desc").execute();
}
