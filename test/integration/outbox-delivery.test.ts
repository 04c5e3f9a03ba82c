import { sql } from "kysely";
import { beforeEach, describe, expect, it } from "vitest";
import { deliveryCounts, listUndeliveredEmails } from "~/notifications/delivery-status.server";
import { enqueueEmail, retryEmail } from "~/notifications/outbox.server";
import type { OutgoingMail, Transport } from "~/notifications/transport.server";
import { deliverDueEmails, EMAIL_LOCK_SECONDS, startWorker } from "~/notifications/worker.server";
import { useTestDatabase } from "../helpers/db";

const t = useTestDatabase();

const reset = (to: string) =>
  ({ template: "password-reset", to, props: { name: "山田 太郎", resetUrl: `https://portal.example.jp/reset-password/${to}`, expiresInMinutes: 60 } }) as const;

/** Records successful sends; fails the first `failures` calls. */
function recordingTransport(failures = 0): Transport & { sent: OutgoingMail[]; calls: number } {
  const transport = {
    sent: [] as OutgoingMail[],
    calls: 0,
    async send(mail: OutgoingMail) {
      transport.calls += 1;
      if (transport.calls <= failures) throw new Error(`421 4.7.0 Try again later (call ${transport.calls})`);
      transport.sent.push(mail);
    },
  };
  return transport;
}

const minutesFrom = (base: Date, minutes: number) => new Date(base.getTime() + minutes * 60_000);

async function outboxRow(to: string) {
  return t.db.selectFrom("outbox_emails").selectAll().where("to_address", "=", to).executeTakeFirstOrThrow();
}

beforeEach(async () => {
  await t.db.deleteFrom("outbox_emails").execute();
});

describe("enqueueEmail", () => {
  it("writes nothing when the caller's transaction rolls back", async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await enqueueEmail(trx, reset("rollback@example.jp"));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const rows = await t.db.selectFrom("outbox_emails").select("id").execute();
    expect(rows).toHaveLength(0);
  });

  it("stores a self-contained, rendered email when the transaction commits", async () => {
    await t.db.transaction().execute((trx) => enqueueEmail(trx, { ...reset("commit@example.jp"), attachments: [{ filename: "案内.pdf", contentType: "application/pdf", content: "JVBERi0=" }] }));
    const row = await outboxRow("commit@example.jp");
    expect(row).toMatchObject({ template: "password-reset", status: "pending", attempts: 0, subject: "【職員チャレンジポータル】パスワード再設定のご案内" });
    expect(row.html).toContain("山田 太郎 様");
    expect(row.text_body).toContain("https://portal.example.jp/reset-password/commit@example.jp");
    expect(row.attachments).toEqual([{ filename: "案内.pdf", contentType: "application/pdf", content: "JVBERi0=" }]);
  });

  it("drops a second email with the same dedupeKey", async () => {
    await enqueueEmail(t.db, { ...reset("dedupe@example.jp"), dedupeKey: "reset:1" });
    await enqueueEmail(t.db, { ...reset("dedupe@example.jp"), dedupeKey: "reset:1" });
    const rows = await t.db.selectFrom("outbox_emails").select("id").where("to_address", "=", "dedupe@example.jp").execute();
    expect(rows).toHaveLength(1);
  });

  it("writes in the recipient's chosen language unless told otherwise", async () => {
    const dep = await t.db.insertInto("departments").values({ code: "OBX", name: "人事課" }).returning("id").executeTakeFirstOrThrow();
    const employee = await t.db
      .insertInto("employees")
      .values({ employee_no: "OBX1", name: "Alex Smith", name_kana: "アレックス", email: "alex@example.jp", department_id: dep.id, grade: "主事", birth_year: 1990, hired_on: "2020-04-01", locale: "en" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await enqueueEmail(t.db, { ...reset("alex@example.jp"), toEmployeeId: employee.id });
    expect((await outboxRow("alex@example.jp")).subject).toBe("[Staff Challenge Portal] Resetting your password");
    await enqueueEmail(t.db, { ...reset("alex-ja@example.jp"), toEmployeeId: employee.id, locale: "ja" });
    expect((await outboxRow("alex-ja@example.jp")).subject).toContain("【職員チャレンジポータル】");
  });

  it("refuses something that is not an address", async () => {
    await expect(enqueueEmail(t.db, reset("not-an-address"))).rejects.toThrow(/not an email address/);
  });
});

describe("deliverDueEmails", () => {
  it("retries a failing transport with backoff and delivers the email exactly once after recovery", async () => {
    await enqueueEmail(t.db, reset("flaky@example.jp"));
    const transport = recordingTransport(2);
    const start = new Date(Date.now() + 1000);

    expect(await deliverDueEmails(t.db, transport, { now: start })).toEqual({ sent: 0, failed: 0, retried: 1 });
    let row = await outboxRow("flaky@example.jp");
    expect(row).toMatchObject({ status: "pending", attempts: 1, locked_until: null });
    expect(row.last_error).toContain("Try again later");
    expect(row.next_attempt_at.getTime()).toBe(minutesFrom(start, 1).getTime());

    // Not due yet: nothing happens.
    expect(await deliverDueEmails(t.db, transport, { now: minutesFrom(start, 0.5) })).toEqual({ sent: 0, failed: 0, retried: 0 });

    const second = minutesFrom(start, 1);
    expect(await deliverDueEmails(t.db, transport, { now: second })).toEqual({ sent: 0, failed: 0, retried: 1 });
    row = await outboxRow("flaky@example.jp");
    expect(row).toMatchObject({ status: "pending", attempts: 2 });
    expect(row.next_attempt_at.getTime()).toBe(minutesFrom(second, 2).getTime());

    const third = minutesFrom(second, 2);
    expect(await deliverDueEmails(t.db, transport, { now: third })).toEqual({ sent: 1, failed: 0, retried: 0 });
    row = await outboxRow("flaky@example.jp");
    expect(row).toMatchObject({ status: "sent", attempts: 3, last_error: null, locked_until: null });
    expect(row.sent_at?.getTime()).toBe(third.getTime());

    // Later ticks send nothing more.
    for (const later of [10, 60, 24 * 60]) {
      expect(await deliverDueEmails(t.db, transport, { now: minutesFrom(third, later) })).toEqual({ sent: 0, failed: 0, retried: 0 });
    }
    expect(transport.calls).toBe(3);
    expect(transport.sent).toHaveLength(1);
    expect(transport.sent[0]).toMatchObject({ to: "flaky@example.jp", subject: "【職員チャレンジポータル】パスワード再設定のご案内" });
    expect(transport.sent[0].text).toContain("https://portal.example.jp/reset-password/flaky@example.jp");
    expect(transport.sent[0].html).toContain("<html");
  });

  it("marks an email failed after max_attempts and keeps it visible to HR; 再送 queues it again", async () => {
    await enqueueEmail(t.db, reset("bounce@example.jp"));
    await t.db.updateTable("outbox_emails").set({ max_attempts: 3 }).where("to_address", "=", "bounce@example.jp").execute();
    const transport = recordingTransport(Number.POSITIVE_INFINITY);
    let now = new Date(Date.now() + 1000);
    const outcomes = [];
    for (let i = 0; i < 3; i++) {
      outcomes.push(await deliverDueEmails(t.db, transport, { now }));
      now = minutesFrom(now, 6 * 60);
    }
    expect(outcomes.map((o) => (o.failed ? "failed" : o.retried ? "retried" : "none"))).toEqual(["retried", "retried", "failed"]);
    const row = await outboxRow("bounce@example.jp");
    expect(row).toMatchObject({ status: "failed", attempts: 3, locked_until: null });
    expect(row.last_error).toContain("421");
    // Failed for good: later ticks leave it alone.
    expect(await deliverDueEmails(t.db, transport, { now: minutesFrom(now, 24 * 60) })).toEqual({ sent: 0, failed: 0, retried: 0 });

    const counts = await deliveryCounts(t.db);
    expect(counts).toMatchObject({ failed: 1, pending: 0, sent: 0 });
    const failed = await listUndeliveredEmails(t.db, "failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ id: Number(row.id), toAddress: "bounce@example.jp", attempts: 3, maxAttempts: 3 });

    expect(await retryEmail(t.db, Number(row.id))).toMatchObject({ attempts: 3, lastError: expect.stringContaining("421") });
    // A second click finds nothing to do.
    expect(await retryEmail(t.db, Number(row.id))).toBeNull();
    const requeued = await outboxRow("bounce@example.jp");
    expect(requeued).toMatchObject({ status: "pending", attempts: 0, last_error: null });
    const recovered = recordingTransport();
    expect(await deliverDueEmails(t.db, recovered, { now: new Date(Date.now() + 1000) })).toMatchObject({ sent: 1 });
    expect(recovered.sent).toHaveLength(1);
  });

  it("lists an email waiting for another try as retrying", async () => {
    await enqueueEmail(t.db, reset("later@example.jp"));
    await deliverDueEmails(t.db, recordingTransport(1), { now: new Date(Date.now() + 1000) });
    expect(await deliveryCounts(t.db)).toMatchObject({ pending: 1, retrying: 1, failed: 0 });
    const retrying = await listUndeliveredEmails(t.db, "retrying");
    expect(retrying.map((e) => e.toAddress)).toEqual(["later@example.jp"]);
  });

  it("sends each of 50 emails exactly once with two workers running at the same time", async () => {
    const addresses = Array.from({ length: 50 }, (_, i) => `bulk${i}@example.jp`);
    await t.db.transaction().execute(async (trx) => {
      for (const to of addresses) await enqueueEmail(trx, reset(to));
    });
    // A slow transport widens the window in which the workers overlap.
    const seen: string[] = [];
    const slow: Transport = {
      async send(mail) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        seen.push(mail.to);
      },
    };
    const now = new Date(Date.now() + 1000);
    const drain = async () => {
      let total = 0;
      for (;;) {
        const result = await deliverDueEmails(t.db, slow, { now, batchSize: 7 });
        if (result.sent + result.failed + result.retried === 0) return total;
        total += result.sent;
      }
    };
    const [a, b] = await Promise.all([drain(), drain()]);
    expect(a + b).toBe(50);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(seen).toHaveLength(50);
    expect(new Set(seen)).toEqual(new Set(addresses));
    const statuses = await t.db.selectFrom("outbox_emails").select(["status", "attempts"]).execute();
    expect(statuses.every((row) => row.status === "sent" && row.attempts === 1)).toBe(true);
  });

  it("reclaims an email left 'sending' by a worker that died, once its lock has passed", async () => {
    await enqueueEmail(t.db, reset("stale@example.jp"));
    const now = new Date(Date.now() + 1000);
    // A worker claimed it and vanished: status 'sending', one attempt counted, lock running.
    await t.db
      .updateTable("outbox_emails")
      .set({ status: "sending", attempts: 1, locked_until: minutesFrom(now, EMAIL_LOCK_SECONDS / 60) })
      .where("to_address", "=", "stale@example.jp")
      .execute();
    const transport = recordingTransport();
    // While the lock holds, nobody else touches it.
    expect(await deliverDueEmails(t.db, transport, { now })).toEqual({ sent: 0, failed: 0, retried: 0 });
    // After it lapses, the next worker takes it over.
    expect(await deliverDueEmails(t.db, transport, { now: minutesFrom(now, EMAIL_LOCK_SECONDS / 60 + 1) })).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(await outboxRow("stale@example.jp")).toMatchObject({ status: "sent", attempts: 2 });
    expect(transport.sent).toHaveLength(1);
  });

  it("does not let a worker whose claim lapsed overwrite the new owner's outcome", async () => {
    await enqueueEmail(t.db, reset("fenced@example.jp"));
    const now = new Date(Date.now() + 1000);
    const late = minutesFrom(now, EMAIL_LOCK_SECONDS / 60 + 1);
    let takeover: Promise<unknown> | undefined;
    const takeoverTransport = recordingTransport();
    // The first worker stalls inside send; meanwhile the lock lapses and a second worker sends and succeeds.
    const stalled: Transport = {
      async send() {
        takeover = deliverDueEmails(t.db, takeoverTransport, { now: late });
        await takeover;
        throw new Error("connection reset");
      },
    };
    const first = await deliverDueEmails(t.db, stalled, { now });
    expect(first.retried).toBe(1); // counted by the stalled worker, but its update matched nothing
    expect(takeoverTransport.sent).toHaveLength(1);
    expect(await outboxRow("fenced@example.jp")).toMatchObject({ status: "sent", attempts: 2, last_error: null });
  });

  it("claims nothing once aborted", async () => {
    await enqueueEmail(t.db, reset("abort@example.jp"));
    const controller = new AbortController();
    controller.abort();
    expect(await deliverDueEmails(t.db, recordingTransport(), { now: new Date(Date.now() + 1000), signal: controller.signal })).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(await outboxRow("abort@example.jp")).toMatchObject({ status: "pending", attempts: 0 });
  });
});

describe("startWorker", () => {
  it("delivers in the background and stops promptly", async () => {
    const transport = recordingTransport();
    const worker = startWorker(t.db, { intervalMs: 50, transport });
    try {
      await enqueueEmail(t.db, reset("background@example.jp"));
      const deadline = Date.now() + 10_000;
      while (transport.sent.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(transport.sent.map((m) => m.to)).toEqual(["background@example.jp"]);
    } finally {
      const stopping = Date.now();
      await worker.stop();
      // Shutdown must not wait for the next poll or hang (server stop has a few seconds in all).
      expect(Date.now() - stopping).toBeLessThan(3000);
    }
    expect((await outboxRow("background@example.jp")).status).toBe("sent");
    // Nothing runs after stop().
    await enqueueEmail(t.db, reset("after-stop@example.jp"));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(transport.sent).toHaveLength(1);
    await sql`SELECT 1`.execute(t.db);
  });
});
