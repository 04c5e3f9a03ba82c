import { sql } from "kysely";
import { CONFIDENTIAL_EMAIL_TEMPLATE_PREFIX } from "../consultations/confidential";
import type { Executor } from "../../db/client.server";
import type { OutboxStatus } from "../../db/schema";

export interface DeliveryCounts {
  pending: number;
  /** Of `pending`: waiting for another try after a failure. */
  retrying: number;
  sending: number;
  sent: number;
  failed: number;
  /** Due for more than STALL_MINUTES yet still waiting: the worker is probably not running. */
  overdue: number;
}

export const STALL_MINUTES = 5;

export async function deliveryCounts(db: Executor): Promise<DeliveryCounts> {
  const [byStatus, extra] = await Promise.all([
    db.selectFrom("outbox_emails").select(["status", (eb) => eb.fn.countAll<number>().as("count")]).groupBy("status").execute(),
    db
      .selectFrom("outbox_emails")
      .select([
        (eb) => eb.fn.countAll<number>().filterWhere("attempts", ">", 0).as("retrying"),
        (eb) => eb.fn.countAll<number>().filterWhere("next_attempt_at", "<", sql<Date>`now() - make_interval(mins => ${STALL_MINUTES})`).as("overdue"),
      ])
      .where("status", "=", "pending")
      .executeTakeFirstOrThrow(),
  ]);
  const count = (status: OutboxStatus) => Number(byStatus.find((row) => row.status === status)?.count ?? 0);
  return {
    pending: count("pending"),
    retrying: Number(extra.retrying),
    sending: count("sending"),
    sent: count("sent"),
    failed: count("failed"),
    overdue: Number(extra.overdue),
  };
}

/** Undelivered consultation emails, counted only (their recipients and subjects are confidential). */
export async function confidentialUndelivered(db: Executor): Promise<number> {
  const row = await db
    .selectFrom("outbox_emails")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("template", "like", `${CONFIDENTIAL_EMAIL_TEMPLATE_PREFIX}%`)
    .where((eb) => eb.or([eb("status", "=", "failed"), eb.and([eb("status", "=", "pending"), eb("attempts", ">", 0)])]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Queues every failed consultation email again, without showing them to the person who asks. */
export async function retryConfidentialEmails(db: Executor): Promise<number> {
  const rows = await db
    .updateTable("outbox_emails")
    .set({ status: "pending", attempts: 0, next_attempt_at: new Date(), last_error: null })
    .where("template", "like", `${CONFIDENTIAL_EMAIL_TEMPLATE_PREFIX}%`)
    .where("status", "=", "failed")
    .returning("id")
    .execute();
  return rows.length;
}

export interface UndeliveredEmail {
  id: number;
  template: string;
  toAddress: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
}

/** Emails that gave up ('failed') or are waiting to try again after a failure, oldest first. */
export async function listUndeliveredEmails(db: Executor, kind: "failed" | "retrying", limit = 200): Promise<UndeliveredEmail[]> {
  let query = db
    .selectFrom("outbox_emails")
    .select(["id", "template", "to_address", "subject", "status", "attempts", "max_attempts", "last_error", "next_attempt_at", "created_at"])
    .orderBy("created_at")
    .orderBy("id")
    .limit(limit);
  // "retrying" matches DeliveryCounts.retrying: queued again after at least one failed attempt.
  query = kind === "failed" ? query.where("status", "=", "failed") : query.where("status", "=", "pending").where("attempts", ">", 0);
  // Consultation emails reveal who consulted whom: HR sees only their number (confidentialUndelivered).
  query = query.where("template", "not like", `${CONFIDENTIAL_EMAIL_TEMPLATE_PREFIX}%`);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: Number(row.id),
    template: row.template,
    toAddress: row.to_address,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
  }));
}
