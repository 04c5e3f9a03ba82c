import type { Executor } from "../../db/client.server";
import { audit } from "../audit/audit.server";
import { DEFAULT_CAP_PERCENT, MAX_CAP_PERCENT, MIN_CAP_PERCENT } from "./cap";

export const SIDE_JOB_CAP_KEY = "side_job_cap_percent";

/** The side-job cap in percent of standard working time (settings.side_job_cap_percent; 20 when unset). */
export async function getSideJobCapPercent(db: Executor): Promise<number> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", SIDE_JOB_CAP_KEY).executeTakeFirst();
  const value = Number(row?.value);
  return Number.isFinite(value) && value >= MIN_CAP_PERCENT && value <= MAX_CAP_PERCENT ? value : DEFAULT_CAP_PERCENT;
}

export async function getSideJobCapSetting(db: Executor) {
  const row = await db
    .selectFrom("settings")
    .leftJoin("employees", "employees.id", "settings.updated_by")
    .select(["settings.value", "settings.updated_at", "employees.name as updated_by_name"])
    .where("settings.key", "=", SIDE_JOB_CAP_KEY)
    .executeTakeFirst();
  const percent = await getSideJobCapPercent(db);
  return { percent, updatedAt: row?.updated_at ?? null, updatedByName: row?.updated_by_name ?? null };
}

/** hr_admin's change of the cap, audit-logged with the old and new values. Returns the previous value. */
export async function updateSideJobCapPercent(db: Executor, input: { actorId: number; percent: number; ip?: string | null; now?: Date }): Promise<number> {
  if (!Number.isInteger(input.percent) || input.percent < MIN_CAP_PERCENT || input.percent > MAX_CAP_PERCENT) {
    throw new RangeError(`side_job_cap_percent must be an integer in [${MIN_CAP_PERCENT}, ${MAX_CAP_PERCENT}]`);
  }
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("settings").select("value").where("key", "=", SIDE_JOB_CAP_KEY).forUpdate().executeTakeFirst();
    const previous = before ? Number(before.value) : DEFAULT_CAP_PERCENT;
    await trx
      .insertInto("settings")
      .values({ key: SIDE_JOB_CAP_KEY, value: JSON.stringify(input.percent), updated_by: input.actorId, updated_at: now })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: JSON.stringify(input.percent), updated_by: input.actorId, updated_at: now }))
      .execute();
    await audit(trx, { actorId: input.actorId, action: "settings.update", entityType: "setting", entityId: SIDE_JOB_CAP_KEY, detail: { from: previous, to: input.percent }, ip: input.ip });
    return previous;
  });
}
