import type { Selectable } from "kysely";
import type { Executor } from "../../db/client.server";
import type { JobsTable } from "../../db/schema";

/** A job row as handlers see it (ids are numbers: db/client.server.ts parses int8 into numbers). */
export type Job = Omit<Selectable<JobsTable>, "id"> & { id: number };

/**
 * Runs one job. `db` is a transaction that also marks the job done, so whatever the handler writes (including
 * emails through enqueueEmail) commits exactly once: if the handler throws, or its claim was lost to another
 * instance, its writes roll back. Use `db.savepoint()` rather than `db.transaction()` inside a handler.
 */
export type JobHandler<Payload = Record<string, unknown>> = (db: Executor, payload: Payload, job: Job) => Promise<void>;

export interface PeriodicJob {
  name: string;
  everyMinutes: number;
  /** Minutes after the Asia/Tokyo slot boundary, e.g. 8 × 60 for a daily job at 08:00. */
  offsetMinutes: number;
  maxAttempts?: number;
}

interface Registry {
  handlers: Map<string, JobHandler<unknown>>;
  periodic: Map<string, PeriodicJob>;
}

// One registry per process: server.ts loads this module through tsx while the Remix build bundles its own copy,
// and a handler registered by either must be found by the worker (same trick as db/client.server.ts).
const REGISTRY_KEY = Symbol.for("challenge-portal.jobs.registry");
type GlobalWithRegistry = typeof globalThis & { [REGISTRY_KEY]?: Registry };

function registry(): Registry {
  const g = globalThis as GlobalWithRegistry;
  g[REGISTRY_KEY] ??= { handlers: new Map(), periodic: new Map() };
  return g[REGISTRY_KEY];
}

/** Registering a name again replaces the handler (module reloads in development register twice). */
export function registerJobHandler<Payload = Record<string, unknown>>(name: string, handler: JobHandler<Payload>): void {
  if (!name.trim()) throw new Error("A job name is required.");
  registry().handlers.set(name, handler as JobHandler<unknown>);
}

/**
 * A job that runs once per slot of `everyMinutes`, slots aligned to midnight Asia/Tokyo (plus `offsetMinutes`).
 * The worker inserts each slot's row with the unique key `name:slotStartIso`, so however many instances run,
 * a slot runs once. A slot missed while no instance was running is not caught up, except the current one.
 */
export function registerPeriodicJob(
  name: string,
  everyMinutes: number,
  handler: JobHandler<{ slotStart: string }>,
  options: { offsetMinutes?: number; maxAttempts?: number } = {},
): void {
  const offsetMinutes = options.offsetMinutes ?? 0;
  if (!Number.isInteger(everyMinutes) || everyMinutes < 1) throw new Error(`Periodic job ${name}: everyMinutes must be a positive integer.`);
  if (!Number.isInteger(offsetMinutes) || offsetMinutes < 0 || offsetMinutes >= everyMinutes) {
    throw new Error(`Periodic job ${name}: offsetMinutes must be an integer in [0, everyMinutes).`);
  }
  registerJobHandler(name, handler);
  registry().periodic.set(name, { name, everyMinutes, offsetMinutes, maxAttempts: options.maxAttempts });
}

export function jobHandler(name: string): JobHandler<unknown> | undefined {
  return registry().handlers.get(name);
}

export function registeredJobNames(): string[] {
  return [...registry().handlers.keys()];
}

export function periodicJobs(): PeriodicJob[] {
  return [...registry().periodic.values()];
}

/** For tests: forget every handler and periodic job. */
export function clearJobRegistry(): void {
  registry().handlers.clear();
  registry().periodic.clear();
}
