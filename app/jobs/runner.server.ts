import type { Executor } from "../../db/client.server";
import { retryDelaySeconds } from "./backoff";
import { errorMessage, sqlNow, sqlPlusSeconds } from "./clock.server";
import { jobHandler, registeredJobNames, type Job } from "./handlers.server";

/** How long a claim lasts; a job still 'running' after this is assumed lost (crashed instance) and re-run. */
export const JOB_LOCK_SECONDS = 10 * 60;

export interface JobRunResult {
  done: number;
  failed: number;
  retried: number;
}

class ClaimLost extends Error {
  constructor() {
    super("The job's claim expired and another worker took it over.");
  }
}

/**
 * Claims due jobs (FOR UPDATE SKIP LOCKED, so concurrent instances take disjoint rows), runs each handler and
 * records the outcome: done, retried later with exponential backoff, or failed after max_attempts. Only jobs
 * this process has a handler for are claimed, so an instance running older code leaves new jobs alone.
 */
export async function runDueJobs(db: Executor, options: { now?: Date; batchSize?: number; signal?: AbortSignal } = {}): Promise<JobRunResult> {
  const result: JobRunResult = { done: 0, failed: 0, retried: 0 };
  const names = registeredJobNames();
  if (names.length === 0 || options.signal?.aborted) return result;
  const now = sqlNow(options.now);

  const claimed = await db
    .updateTable("jobs")
    .set((eb) => ({ status: "running", attempts: eb("attempts", "+", 1), locked_until: sqlPlusSeconds(now, JOB_LOCK_SECONDS) }))
    .where("id", "in", (eb) =>
      eb
        .selectFrom("jobs")
        .select("id")
        .where("name", "in", names)
        .where((w) =>
          w.or([
            w.and([w("status", "=", "pending"), w("run_at", "<=", now)]),
            w.and([w("status", "=", "running"), w("locked_until", "<", now)]),
          ]),
        )
        .orderBy("run_at")
        .orderBy("id")
        .limit(options.batchSize ?? 10)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();

  const jobs: Job[] = claimed.map((row) => ({ ...row, id: Number(row.id) })).sort((a, b) => a.run_at.getTime() - b.run_at.getTime() || a.id - b.id);
  for (const [index, job] of jobs.entries()) {
    if (options.signal?.aborted) {
      await releaseJobs(db, jobs.slice(index));
      break;
    }
    const outcome = await runOne(db, job, now);
    if (outcome) result[outcome] += 1;
  }
  return result;
}

/** The outcome to count, or null when the job turned out to belong to another worker. */
async function runOne(db: Executor, job: Job, now: ReturnType<typeof sqlNow>): Promise<keyof JobRunResult | null> {
  try {
    await db.transaction().execute(async (trx) => {
      const handler = jobHandler(job.name);
      if (!handler) throw new Error(`No handler is registered for job "${job.name}".`);
      await handler(trx, job.payload, job);
      // Fenced by the attempt number: if the claim expired and another instance re-claimed the job, this
      // matches nothing and the handler's writes roll back instead of happening twice.
      const finished = await trx
        .updateTable("jobs")
        .set({ status: "done", finished_at: now, locked_until: null, last_error: null })
        .where("id", "=", job.id)
        .where("status", "=", "running")
        .where("attempts", "=", job.attempts)
        .executeTakeFirst();
      if (finished.numUpdatedRows === 0n) throw new ClaimLost();
    });
    return "done";
  } catch (error) {
    if (error instanceof ClaimLost) return null;
    const giveUp = job.attempts >= job.max_attempts;
    console.error(`[jobs] ${job.name} #${job.id} attempt ${job.attempts}/${job.max_attempts} failed:`, errorMessage(error));
    await db
      .updateTable("jobs")
      .set(
        giveUp
          ? { status: "failed", finished_at: now, locked_until: null, last_error: errorMessage(error) }
          : { status: "pending", run_at: sqlPlusSeconds(now, retryDelaySeconds(job.attempts)), locked_until: null, last_error: errorMessage(error) },
      )
      .where("id", "=", job.id)
      .where("status", "=", "running")
      .where("attempts", "=", job.attempts)
      .execute();
    return giveUp ? "failed" : "retried";
  }
}

/** Hands claimed-but-unstarted jobs back (shutdown), without counting the attempt. */
async function releaseJobs(db: Executor, jobs: Job[]): Promise<void> {
  for (const job of jobs) {
    await db
      .updateTable("jobs")
      .set((eb) => ({ status: "pending", locked_until: null, attempts: eb("attempts", "-", 1) }))
      .where("id", "=", job.id)
      .where("status", "=", "running")
      .where("attempts", "=", job.attempts)
      .execute();
  }
}
