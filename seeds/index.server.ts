// `npm run cli -- db seed` and the first `npm start`: the demo data, built through the domain modules.
// Each area adds its own module here (directory today; postings, contest, consultations later), all in one
// transaction, so a failed seed leaves nothing behind and `demo_seeded_at` is only set when everything landed.
import type { DB, Executor } from "../db/client.server";
import { todayInTokyo } from "../app/i18n/format";
import { seedDirectory } from "./seed-directory.server";
import { setParticipationTarget } from "../app/reports/targets.server";
import { seedConsultations } from "./seed-consultations.server";
import { seedContest } from "./seed-contest.server";
import { seedPostings } from "./seed-postings.server";
import { DEMO_SEEDED_KEY } from "./demo-status.server";

export { isDemoSeeded } from "./demo-status.server";


export interface SeedOptions {
  log?: (line: string) => void;
}

export async function seedDemo(db: DB, opts: SeedOptions = {}): Promise<{ departments: number; employees: number }> {
  const log = opts.log ?? (() => undefined);
  const started = Date.now();
  const work = async (trx: Executor) => {
    const directory = await seedDirectory(trx, { log });
    await seedPostings(trx, { today: todayInTokyo(), log });
    await seedContest(trx, { today: todayInTokyo(), log });
    await seedConsultations(trx, { today: todayInTokyo(), log });
    // The prefecture's target: 50 people in 令和8年度 (DESIGN §2).
    await setParticipationTarget(trx, { fiscalYear: 2026, target: 50 }, { actorId: null });
    await markDemoSeeded(trx, new Date());
    return { departments: directory.departments.total, employees: directory.employees.total };
  };
  const counts = db.isTransaction ? await work(db) : await db.transaction().execute(work);
  log(`デモデータの投入が完了しました（${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
  return counts;
}


/** Records when the demo data was (last) loaded: app_meta.demo_seeded_at = JSON string of the ISO time. */
async function markDemoSeeded(db: Executor, at: Date): Promise<void> {
  const value = JSON.stringify(at.toISOString());
  await db
    .insertInto("app_meta")
    .values({ key: DEMO_SEEDED_KEY, value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: at }))
    .execute();
}
