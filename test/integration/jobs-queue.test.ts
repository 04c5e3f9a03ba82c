import { beforeEach, describe, expect, it } from "vitest";
import { clearJobRegistry, registerJobHandler, registerPeriodicJob, type Job } from "~/jobs/handlers.server";
import { JOB_LOCK_SECONDS, runDueJobs } from "~/jobs/runner.server";
import { periodicUniqueKey, scheduleJob, schedulePeriodicJobs, slotStart } from "~/jobs/schedule.server";
import { enqueueEmail } from "~/notifications/outbox.server";
import { useTestDatabase } from "../helpers/db";

const t = useTestDatabase();

const minutesFrom = (base: Date, minutes: number) => new Date(base.getTime() + minutes * 60_000);
const jobRow = (id: number) => t.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

beforeEach(async () => {
  clearJobRegistry();
  await t.db.deleteFrom("jobs").execute();
  await t.db.deleteFrom("outbox_emails").execute();
});

describe("scheduled jobs", () => {
  it("runs a due job once, with its payload, and not before its time", async () => {
    const runs: { payload: unknown; job: Job }[] = [];
    registerJobHandler<{ applicationId: number }>("test.remind", async (_db, payload, job) => {
      runs.push({ payload, job });
    });
    const now = new Date();
    const runAt = minutesFrom(now, 30);
    const id = await scheduleJob(t.db, { name: "test.remind", runAt, payload: { applicationId: 7 } });
    expect(id).toEqual(expect.any(Number));

    expect(await runDueJobs(t.db, { now: minutesFrom(now, 29) })).toEqual({ done: 0, failed: 0, retried: 0 });
    expect(runs).toHaveLength(0);

    expect(await runDueJobs(t.db, { now: minutesFrom(now, 31) })).toEqual({ done: 1, failed: 0, retried: 0 });
    expect(runs).toHaveLength(1);
    expect(runs[0].payload).toEqual({ applicationId: 7 });
    expect(runs[0].job).toMatchObject({ id, name: "test.remind", attempts: 1 });

    expect(await runDueJobs(t.db, { now: minutesFrom(now, 24 * 60) })).toEqual({ done: 0, failed: 0, retried: 0 });
    expect(runs).toHaveLength(1);
    expect(await jobRow(id!)).toMatchObject({ status: "done", attempts: 1, locked_until: null, last_error: null });
  });

  it("retries a failing job with backoff, then marks it failed after max_attempts", async () => {
    let calls = 0;
    registerJobHandler("test.broken", async () => {
      calls += 1;
      throw new Error(`still broken (${calls})`);
    });
    const id = (await scheduleJob(t.db, { name: "test.broken", maxAttempts: 3 }))!;
    let now = new Date(Date.now() + 1000);

    expect(await runDueJobs(t.db, { now })).toEqual({ done: 0, failed: 0, retried: 1 });
    let row = await jobRow(id);
    expect(row).toMatchObject({ status: "pending", attempts: 1, last_error: "still broken (1)" });
    expect(row.run_at.getTime()).toBe(minutesFrom(now, 1).getTime());
    // Not yet due again.
    expect(await runDueJobs(t.db, { now: minutesFrom(now, 0.5) })).toEqual({ done: 0, failed: 0, retried: 0 });

    now = minutesFrom(now, 1);
    expect(await runDueJobs(t.db, { now })).toEqual({ done: 0, failed: 0, retried: 1 });
    row = await jobRow(id);
    expect(row.run_at.getTime()).toBe(minutesFrom(now, 2).getTime());

    now = minutesFrom(now, 2);
    expect(await runDueJobs(t.db, { now })).toEqual({ done: 0, failed: 1, retried: 0 });
    row = await jobRow(id);
    expect(row).toMatchObject({ status: "failed", attempts: 3, last_error: "still broken (3)", locked_until: null });
    expect(row.finished_at).not.toBeNull();

    expect(await runDueJobs(t.db, { now: minutesFrom(now, 24 * 60) })).toEqual({ done: 0, failed: 0, retried: 0 });
    expect(calls).toBe(3);
  });

  it("rolls back what a failing handler wrote, so a retry does not repeat it", async () => {
    let calls = 0;
    registerJobHandler("test.half-done", async (db) => {
      calls += 1;
      await enqueueEmail(db, { template: "password-reset", to: `attempt${calls}@example.jp`, props: { name: "山田", resetUrl: "https://portal.example.jp/r/x", expiresInMinutes: 60 } });
      if (calls === 1) throw new Error("failed after writing");
    });
    await scheduleJob(t.db, { name: "test.half-done" });
    const now = new Date(Date.now() + 1000);
    expect(await runDueJobs(t.db, { now })).toMatchObject({ retried: 1 });
    expect(await runDueJobs(t.db, { now: minutesFrom(now, 2) })).toMatchObject({ done: 1 });
    const emails = await t.db.selectFrom("outbox_emails").select("to_address").execute();
    expect(emails.map((e) => e.to_address)).toEqual(["attempt2@example.jp"]);
  });

  it("schedules a job with a uniqueKey once", async () => {
    registerJobHandler("test.once", async () => {});
    const first = await scheduleJob(t.db, { name: "test.once", uniqueKey: "application:1:deadline" });
    const second = await scheduleJob(t.db, { name: "test.once", uniqueKey: "application:1:deadline", payload: { other: true } });
    expect(first).toEqual(expect.any(Number));
    expect(second).toBeNull();
    // Still once after the first has run.
    await runDueJobs(t.db, { now: new Date(Date.now() + 1000) });
    expect(await scheduleJob(t.db, { name: "test.once", uniqueKey: "application:1:deadline" })).toBeNull();
    const rows = await t.db.selectFrom("jobs").select(["id", "payload"]).execute();
    expect(rows).toEqual([{ id: first, payload: {} }]);
  });

  it("leaves jobs without a handler in this process to other instances", async () => {
    const id = (await scheduleJob(t.db, { name: "test.unknown" }))!;
    registerJobHandler("test.known", async () => {});
    expect(await runDueJobs(t.db, { now: new Date(Date.now() + 1000) })).toEqual({ done: 0, failed: 0, retried: 0 });
    expect(await jobRow(id)).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("re-runs a job left 'running' by an instance that died, once its lock has passed", async () => {
    let runs = 0;
    registerJobHandler("test.orphan", async () => {
      runs += 1;
    });
    const id = (await scheduleJob(t.db, { name: "test.orphan" }))!;
    const now = new Date(Date.now() + 1000);
    await t.db.updateTable("jobs").set({ status: "running", attempts: 1, locked_until: minutesFrom(now, JOB_LOCK_SECONDS / 60) }).where("id", "=", id).execute();
    expect(await runDueJobs(t.db, { now })).toEqual({ done: 0, failed: 0, retried: 0 });
    expect(await runDueJobs(t.db, { now: minutesFrom(now, JOB_LOCK_SECONDS / 60 + 1) })).toEqual({ done: 1, failed: 0, retried: 0 });
    expect(runs).toBe(1);
    expect(await jobRow(id)).toMatchObject({ status: "done", attempts: 2 });
  });

  it("runs each job once when two instances work the queue at the same time", async () => {
    const seen: number[] = [];
    registerJobHandler<{ n: number }>("test.parallel", async (_db, payload) => {
      await new Promise((resolve) => setTimeout(resolve, 3));
      seen.push(payload.n);
    });
    for (let n = 0; n < 30; n++) await scheduleJob(t.db, { name: "test.parallel", payload: { n } });
    const now = new Date(Date.now() + 1000);
    const drain = async () => {
      for (;;) {
        const r = await runDueJobs(t.db, { now, batchSize: 4 });
        if (r.done + r.failed + r.retried === 0) return;
      }
    };
    await Promise.all([drain(), drain()]);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, n) => n));
  });
});

describe("periodic jobs", () => {
  it("aligns slots to Asia/Tokyo midnight plus the offset", () => {
    // 2026-11-21 10:17 JST
    const at = new Date("2026-11-21T01:17:00Z");
    expect(slotStart({ everyMinutes: 15, offsetMinutes: 0 }, at).toISOString()).toBe("2026-11-21T01:15:00.000Z");
    expect(slotStart({ everyMinutes: 24 * 60, offsetMinutes: 0 }, at).toISOString()).toBe("2026-11-20T15:00:00.000Z"); // 00:00 JST
    expect(slotStart({ everyMinutes: 24 * 60, offsetMinutes: 8 * 60 }, at).toISOString()).toBe("2026-11-20T23:00:00.000Z"); // 08:00 JST today
    expect(slotStart({ everyMinutes: 24 * 60, offsetMinutes: 11 * 60 }, at).toISOString()).toBe("2026-11-20T02:00:00.000Z"); // 11:00 JST yesterday
  });

  it("creates each slot once even when several ticks race, and runs it once", async () => {
    const slots: string[] = [];
    registerPeriodicJob("test.digest", 60, async (_db, payload) => {
      slots.push(payload.slotStart);
    });
    const now = new Date("2026-11-21T01:17:00Z");
    const created = await Promise.all(Array.from({ length: 6 }, () => schedulePeriodicJobs(t.db, { now })));
    // Current slot and the next one, created by exactly one of the racing ticks.
    expect(created.reduce((a, b) => a + b, 0)).toBe(2);
    const rows = await t.db.selectFrom("jobs").select(["unique_key", "run_at", "status"]).orderBy("run_at").execute();
    expect(rows.map((r) => r.unique_key)).toEqual([
      periodicUniqueKey("test.digest", new Date("2026-11-21T01:00:00Z")),
      periodicUniqueKey("test.digest", new Date("2026-11-21T02:00:00Z")),
    ]);
    expect(rows[0].unique_key).toBe("test.digest:2026-11-21T01:00:00.000Z");

    // Two instances tick at the same moment: the slot runs once.
    await Promise.all([runDueJobs(t.db, { now }), runDueJobs(t.db, { now })]);
    expect(slots).toEqual(["2026-11-21T01:00:00.000Z"]);

    // Later in the same slot: nothing new.
    expect(await schedulePeriodicJobs(t.db, { now: minutesFrom(now, 30) })).toBe(0);
    await runDueJobs(t.db, { now: minutesFrom(now, 30) });
    expect(slots).toHaveLength(1);

    // The next slot arrives: it runs, and the one after is scheduled.
    const next = new Date("2026-11-21T02:00:30Z");
    expect(await Promise.all([schedulePeriodicJobs(t.db, { now: next }), schedulePeriodicJobs(t.db, { now: next })])).toSatisfy((n: number[]) => n[0] + n[1] === 1);
    await Promise.all([runDueJobs(t.db, { now: next }), runDueJobs(t.db, { now: next })]);
    expect(slots).toEqual(["2026-11-21T01:00:00.000Z", "2026-11-21T02:00:00.000Z"]);
  });

  it("rejects an offset outside the period", () => {
    expect(() => registerPeriodicJob("test.bad", 60, async () => {}, { offsetMinutes: 60 })).toThrow(/offsetMinutes/);
    expect(() => registerPeriodicJob("test.bad", 0, async () => {})).toThrow(/everyMinutes/);
  });
});
