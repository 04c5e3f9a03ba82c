import type { Executor } from "../../db/client.server";
import { cachedReport } from "../reports/report-cache.server";

/**
 * What every admin page of a round shows above its tab (title, fiscal year, the windows). Cached under the report
 * data version (ADR 005; migration 0008 watches these columns); with `request`, the frame shares the version read
 * with its tab's loader, so a tab that is cached too (the ranking) costs the round no query at all. Deep-frozen.
 */
export async function getRoundHeader(db: Executor, roundId: number, request?: Request) {
  return cachedReport(db, `round-header:${roundId}`, (trx) => readRoundHeader(trx, roundId), { request });
}

async function readRoundHeader(db: Executor, roundId: number) {
  return db
    .selectFrom("contest_rounds")
    .select(["id", "title", "fiscal_year", "call_opens_on", "call_closes_on", "review_opens_on", "review_closes_on", "results_on", "project_start_on", "results_published_at"])
    .where("id", "=", roundId)
    .executeTakeFirst();
}
