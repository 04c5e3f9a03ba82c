import type { Executor } from "../../db/client.server";
import type { EmailAttachment, OutboxStatus } from "../../db/schema";
import { notFound, requireUser } from "../auth/permissions.server";
import { env, type Env } from "../env.server";

/**
 * The development mailbox exists only where mail goes nowhere else: demo mode without an SMTP server. A real
 * installation (no demo mode) or one with SMTP never shows it, since it would expose everyone's mail.
 */
export function devMailboxEnabled(config: Pick<Env, "demoMode" | "SMTP_URL"> = env()): boolean {
  return config.demoMode && !config.SMTP_URL;
}

/** For the mailbox loaders: 404 before anything else, so an installation with real mail does not even reveal the page. */
export async function requireDevMailbox(request: Request) {
  if (!devMailboxEnabled()) notFound();
  return requireUser(request);
}

export interface MailboxEntry {
  id: number;
  template: string;
  toAddress: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  createdAt: Date;
}

export const MAILBOX_PAGE_SIZE = 50;

/** Every outbox email, newest first, optionally only those to addresses containing `to`. */
export async function listMailbox(db: Executor, options: { page?: number; to?: string } = {}): Promise<{ entries: MailboxEntry[]; total: number }> {
  const page = Math.max(1, options.page ?? 1);
  let base = db.selectFrom("outbox_emails");
  const to = options.to?.trim();
  if (to) base = base.where("to_address", "ilike", `%${to.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const [rows, total] = await Promise.all([
    base
      .select(["id", "template", "to_address", "subject", "status", "attempts", "created_at"])
      .orderBy("id", "desc")
      .limit(MAILBOX_PAGE_SIZE)
      .offset((page - 1) * MAILBOX_PAGE_SIZE)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow(),
  ]);
  return {
    entries: rows.map((row) => ({ id: Number(row.id), template: row.template, toAddress: row.to_address, subject: row.subject, status: row.status, attempts: row.attempts, createdAt: row.created_at })),
    total: Number(total.count),
  };
}

export interface MailboxEmail extends MailboxEntry {
  html: string;
  text: string;
  attachments: { filename: string; contentType: string; bytes: number }[];
  lastError: string | null;
  dedupeKey: string | null;
  sentAt: Date | null;
}

export async function getMailboxEmail(db: Executor, id: number): Promise<MailboxEmail | null> {
  const row = await db.selectFrom("outbox_emails").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return null;
  return {
    id: Number(row.id),
    template: row.template,
    toAddress: row.to_address,
    subject: row.subject,
    status: row.status,
    createdAt: row.created_at,
    html: row.html,
    text: row.text_body,
    attachments: (row.attachments as EmailAttachment[]).map((a) => ({ filename: a.filename, contentType: a.contentType, bytes: base64Bytes(a.content) })),
    attempts: row.attempts,
    lastError: row.last_error,
    dedupeKey: row.dedupe_key,
    sentAt: row.sent_at,
  };
}

function base64Bytes(content: string): number {
  const clean = content.replace(/\s/g, "");
  return Math.floor((clean.length * 3) / 4) - (clean.endsWith("==") ? 2 : clean.endsWith("=") ? 1 : 0);
}
