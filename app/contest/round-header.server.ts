import type { Executor } from "../../db/client.server";

/** What every admin page of a round shows above its tab (title, fiscal year, the windows). */
export async function getRoundHeader(db: Executor, roundId: number) {
  return db
    .selectFrom("contest_rounds")
    .select(["id", "title", "fiscal_year", "call_opens_on", "call_closes_on", "review_opens_on", "review_closes_on", "results_on", "project_start_on", "results_published_at"])
    .where("id", "=", roundId)
    .executeTakeFirst();
}
