import type { Executor } from "../../db/client.server";
import { env } from "../env.server";
import { retryDelaySeconds } from "../jobs/backoff";
import { errorMessage, sqlNow, sqlPlusSeconds } from "../jobs/clock.server";
import "../jobs/manifest.server";
import { runDueJobs } from "../jobs/runner.server";
import { schedulePeriodicJobs } from "../jobs/schedule.server";
import { toOutboxRow, type OutboxRow } from "./outbox.server";
import { createTransport, type Transport } from "./transport.server";

/** How long a claim lasts. A row still 'sending' after this belongs to a worker that died and is re-sent. */
export const EMAIL_LOCK_SECONDS = 5 * 60;
/** Stop starting new sends this long before the claim runs out, so no send can outlive its claim. */
const CLAIM_SAFETY_MS = 2 * 60_000;

export interface DeliveryResult {
  sent: number;
  failed: number;
  retried: number;
}

/**
 * Claims due emails and sends them. The claim is one UPDATE over rows chosen FOR UPDATE SKIP LOCKED, so two
 * workers (two app instances) always take disjoint rows and never send the same email twice; each claim also
 * counts the attempt, so an email that crashes its worker still runs out of attempts.
 */
export async function deliverDueEmails(
  db: Executor,
  transport: Transport,
  options: { batchSize?: number; now?: Date; signal?: AbortSignal; from?: string } = {},
): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, failed: 0, retried: 0 };
  if (options.signal?.aborted) return result;
  const now = sqlNow(options.now);
  const claimedAt = Date.now();

  const claimed = await db
    .updateTable("outbox_emails")
    .set((eb) => ({ status: "sending", attempts: eb("attempts", "+", 1), locked_until: sqlPlusSeconds(now, EMAIL_LOCK_SECONDS) }))
    .where("id", "in", (eb) =>
      eb
        .selectFrom("outbox_emails")
        .select("id")
        .where((w) =>
          w.or([
            w.and([w("status", "=", "pending"), w("next_attempt_at", "<=", now)]),
            w.and([w("status", "=", "sending"), w("locked_until", "<", now)]),
          ]),
        )
        .orderBy("id")
        .limit(options.batchSize ?? 20)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();

  const emails = claimed.map(toOutboxRow).sort((a, b) => a.id - b.id);
  const from = options.from ?? env().MAIL_FROM;
  for (const [index, email] of emails.entries()) {
    // On shutdown, or when sends have been slow enough that the claim could lapse mid-send, hand the rest back.
    if (options.signal?.aborted || Date.now() - claimedAt > EMAIL_LOCK_SECONDS * 1000 - CLAIM_SAFETY_MS) {
      await releaseEmails(db, emails.slice(index));
      break;
    }
    try {
      await transport.send({
        from,
        to: email.to_address,
        subject: email.subject,
        html: email.html,
        text: email.text_body,
        attachments: email.attachments,
        messageId: messageIdFor(email, from),
      });
    } catch (error) {
      result[await recordFailure(db, email, error, now)] += 1;
      continue;
    }
    await markSent(db, email, now);
    result.sent += 1;
  }
  return result;
}

// Every update below is fenced by the attempt number the claim set: a worker whose claim lapsed and was taken
// over cannot overwrite the new owner's outcome.

async function markSent(db: Executor, email: OutboxRow, now: ReturnType<typeof sqlNow>): Promise<void> {
  await db
    .updateTable("outbox_emails")
    .set({ status: "sent", sent_at: now, locked_until: null, last_error: null })
    .where("id", "=", email.id)
    .where("status", "=", "sending")
    .where("attempts", "=", email.attempts)
    .execute();
}

async function recordFailure(db: Executor, email: OutboxRow, error: unknown, now: ReturnType<typeof sqlNow>): Promise<"failed" | "retried"> {
  const giveUp = email.attempts >= email.max_attempts;
  const lastError = errorMessage(error);
  console.error(`[mail] #${email.id} (${email.template}) attempt ${email.attempts}/${email.max_attempts} failed: ${lastError}`);
  await db
    .updateTable("outbox_emails")
    .set(
      giveUp
        ? { status: "failed", locked_until: null, last_error: lastError }
        : { status: "pending", next_attempt_at: sqlPlusSeconds(now, retryDelaySeconds(email.attempts)), locked_until: null, last_error: lastError },
    )
    .where("id", "=", email.id)
    .where("status", "=", "sending")
    .where("attempts", "=", email.attempts)
    .execute();
  return giveUp ? "failed" : "retried";
}

/** Claimed but never tried: back to the queue, the attempt not counted. */
async function releaseEmails(db: Executor, emails: OutboxRow[]): Promise<void> {
  for (const email of emails) {
    await db
      .updateTable("outbox_emails")
      .set((eb) => ({ status: "pending", locked_until: null, attempts: eb("attempts", "-", 1) }))
      .where("id", "=", email.id)
      .where("status", "=", "sending")
      .where("attempts", "=", email.attempts)
      .execute();
  }
}

function messageIdFor(email: OutboxRow, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? "portal.invalid";
  return `<outbox-${email.id}.${email.created_at.getTime()}@${domain}>`;
}

export interface Worker {
  stop(): Promise<void>;
}

const JOB_BATCH_SIZE = 10;

/** How long stop() waits for an in-flight send or job before letting shutdown continue. */
const STOP_GRACE_MS = 3_000;

/**
 * Polls for due emails and jobs every `intervalMs` (immediately again while a batch came back full). Every
 * instance may run one: the claims keep them from doing the same work twice. stop() waits for the current
 * tick to finish — unsent emails of its batch are handed back — for at most a few seconds.
 */
export function startWorker(db: Executor, options: { intervalMs?: number; transport?: Transport; batchSize?: number } = {}): Worker {
  const intervalMs = options.intervalMs ?? 2000;
  const batchSize = options.batchSize ?? 20;
  const transport = options.transport ?? createTransport();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let lastPeriodicMinute = -1;
  let lastLogged = "";

  const tick = async (): Promise<boolean> => {
    let busy = false;
    const problems: string[] = [];
    const minute = Math.floor(Date.now() / 60_000);
    if (minute !== lastPeriodicMinute) {
      try {
        await schedulePeriodicJobs(db);
        lastPeriodicMinute = minute;
      } catch (error) {
        problems.push(`scheduling periodic jobs: ${errorMessage(error)}`);
      }
    }
    try {
      const mail = await deliverDueEmails(db, transport, { batchSize, signal: controller.signal });
      busy ||= mail.sent + mail.failed + mail.retried >= batchSize;
    } catch (error) {
      problems.push(`delivering emails: ${errorMessage(error)}`);
    }
    try {
      const jobs = await runDueJobs(db, { batchSize: JOB_BATCH_SIZE, signal: controller.signal });
      busy ||= jobs.done + jobs.failed + jobs.retried >= JOB_BATCH_SIZE;
    } catch (error) {
      problems.push(`running jobs: ${errorMessage(error)}`);
    }
    // An unreachable database fails every tick: log a problem when it starts or changes, not every two seconds.
    const summary = problems.join("; ");
    if (summary && summary !== lastLogged) console.error(`[worker] ${summary}`);
    lastLogged = summary;
    return busy;
  };

  const loop = () => {
    if (controller.signal.aborted) return;
    inFlight = tick().then((busy) => {
      inFlight = undefined;
      if (controller.signal.aborted) return;
      timer = setTimeout(loop, busy ? 0 : intervalMs);
      // Never keep the process alive on its own account.
      timer.unref();
    });
  };
  timer = setTimeout(loop, 0);
  timer.unref();

  return {
    async stop() {
      controller.abort();
      clearTimeout(timer);
      if (!inFlight) return;
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([inFlight, new Promise<void>((resolve) => (grace = setTimeout(resolve, STOP_GRACE_MS)))]);
      clearTimeout(grace);
    },
  };
}
