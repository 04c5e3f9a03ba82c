import { sql, type Selectable } from "kysely";
import type { Executor } from "../../db/client.server";
import type { EmailAttachment, OutboxEmailsTable } from "../../db/schema";
import type { Locale } from "../i18n/locale";
import { renderEmail } from "../../emails/render.server";
import type { TemplateName, TemplateProps } from "../../emails/registry";

export type { EmailAttachment } from "../../db/schema";
export type { TemplateName, TemplateProps } from "../../emails/registry";

/** An outbox row (ids are numbers: db/client.server.ts parses int8 into numbers). */
export type OutboxRow = Omit<Selectable<OutboxEmailsTable>, "id"> & { id: number };

export interface EmailMessage<K extends TemplateName> {
  template: K;
  to: string;
  toEmployeeId?: number | null;
  props: TemplateProps<K>;
  /** Same key, one email: a repeated notification (a retried request, two instances) is dropped silently. */
  dedupeKey?: string;
  attachments?: EmailAttachment[];
  /** Defaults to the recipient employee's chosen language, else Japanese. */
  locale?: Locale;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * Writes the email to the outbox through `db`, which should be the transaction making the change the email
 * reports: the email then exists exactly when the change committed. Rendering happens now, so the row is
 * self-contained and later template edits never alter what was sent.
 */
export async function enqueueEmail<K extends TemplateName>(db: Executor, message: EmailMessage<K>): Promise<void> {
  const to = message.to.trim();
  if (!EMAIL.test(to)) throw new Error(`enqueueEmail(${message.template}): "${message.to}" is not an email address.`);
  const locale = message.locale ?? (await recipientLocale(db, message.toEmployeeId)) ?? "ja";
  const rendered = await renderEmail(message.template, message.props, locale);
  await db
    .insertInto("outbox_emails")
    .values({
      template: message.template,
      to_address: to,
      to_employee_id: message.toEmployeeId ?? null,
      subject: rendered.subject,
      html: rendered.html,
      text_body: rendered.text,
      // Serialised here: pg would send a JS array as a PostgreSQL array, not JSON.
      attachments: JSON.stringify(message.attachments ?? []),
      dedupe_key: message.dedupeKey ?? null,
    })
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .execute();
}

async function recipientLocale(db: Executor, employeeId: number | null | undefined): Promise<Locale | undefined> {
  if (employeeId == null) return undefined;
  const row = await db.selectFrom("employees").select("locale").where("id", "=", employeeId).executeTakeFirst();
  return row?.locale;
}

/**
 * HR's 再送: a failed email goes back to the queue now, with its attempt count reset so it gets the full
 * retry schedule again (the cause — a wrong address, an SMTP outage — has usually just been fixed; keeping
 * the count at max_attempts would allow exactly one more try). Returns the previous state for the audit log,
 * or null when the email is not (or no longer) failed, e.g. a second click.
 */
export async function retryEmail(db: Executor, id: number): Promise<{ attempts: number; lastError: string | null } | null> {
  // One statement, so it works on the pool or inside the caller's transaction (with the audit entry).
  const { rows } = await sql<{ attempts: number; last_error: string | null }>`
    UPDATE outbox_emails AS o
       SET status = 'pending', attempts = 0, next_attempt_at = now(), locked_until = NULL, last_error = NULL
      FROM (SELECT id, attempts, last_error FROM outbox_emails WHERE id = ${id} AND status = 'failed' FOR UPDATE) AS previous
     WHERE o.id = previous.id
    RETURNING previous.attempts, previous.last_error`.execute(db);
  const previous = rows[0];
  return previous ? { attempts: previous.attempts, lastError: previous.last_error } : null;
}

export function toOutboxRow(row: Selectable<OutboxEmailsTable>): OutboxRow {
  return { ...row, id: Number(row.id) };
}
