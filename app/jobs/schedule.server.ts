import type { Executor } from "../../db/client.server";
import { periodicJobs, type PeriodicJob } from "./handlers.server";

export interface NewJob<Payload extends Record<string, unknown> = Record<string, unknown>> {
  name: string;
  /** Defaults to now. */
  runAt?: Date;
  payload?: Payload;
  /** A job with the same key is never scheduled twice, even after the first one has run. */
  uniqueKey?: string | null;
  maxAttempts?: number;
}

/**
 * Schedules a job in the database, so it survives restarts and runs on whichever instance claims it first.
 * Pass the transaction that makes the change the job follows up on. Returns the job id, or null when a job
 * with the same uniqueKey already exists.
 */
export async function scheduleJob<Payload extends Record<string, unknown>>(db: Executor, job: NewJob<Payload>): Promise<number | null> {
  const row = await db
    .insertInto("jobs")
    .values({
      name: job.name,
      // Serialised here: pg would send a top-level JS array as a PostgreSQL array, not JSON.
      payload: JSON.stringify(job.payload ?? {}),
      unique_key: job.uniqueKey ?? null,
      run_at: job.runAt ?? new Date(),
      ...(job.maxAttempts !== undefined ? { max_attempts: job.maxAttempts } : {}),
    })
    .onConflict((oc) => oc.column("unique_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}

const TOKYO_OFFSET_MINUTES = 9 * 60; // Japan has no daylight saving time.

/** Start of the slot containing `at`, slots counted from midnight Asia/Tokyo plus the job's offset. */
export function slotStart(job: Pick<PeriodicJob, "everyMinutes" | "offsetMinutes">, at: Date): Date {
  const tokyoMinutes = Math.floor(at.getTime() / 60_000) + TOKYO_OFFSET_MINUTES - job.offsetMinutes;
  const slot = Math.floor(tokyoMinutes / job.everyMinutes) * job.everyMinutes;
  return new Date((slot - TOKYO_OFFSET_MINUTES + job.offsetMinutes) * 60_000);
}

export function periodicUniqueKey(name: string, start: Date): string {
  return `${name}:${start.toISOString()}`;
}

/**
 * Makes sure every periodic job has a row for the current slot and the next one. Several instances calling
 * this at once still create each slot once: the unique key decides. Returns how many rows were created.
 */
export async function schedulePeriodicJobs(db: Executor, options: { now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const rows = periodicJobs().flatMap((job) => {
    const current = slotStart(job, now);
    const next = new Date(current.getTime() + job.everyMinutes * 60_000);
    return [current, next].map((start) => ({
      name: job.name,
      payload: JSON.stringify({ slotStart: start.toISOString() }),
      unique_key: periodicUniqueKey(job.name, start),
      run_at: start,
      ...(job.maxAttempts !== undefined ? { max_attempts: job.maxAttempts } : {}),
    }));
  });
  if (rows.length === 0) return 0;
  const inserted = await db.insertInto("jobs").values(rows).onConflict((oc) => oc.column("unique_key").doNothing()).returning("id").execute();
  return inserted.length;
}
