import { sql } from "kysely";
import type { Executor } from "../../db/client.server";
import { env } from "../env.server";
import { todayInTokyo } from "../i18n/format";
import { enqueueEmail } from "../notifications/outbox.server";

// The postings area's emails. Each is written to the outbox through the transaction of the change it reports
// (the caller's `trx`), so it exists exactly when the change committed. Dedupe keys are per recipient: the
// outbox's key is unique across all emails.

interface When {
  at: Date;
  appUrl?: string;
}

const baseUrl = (appUrl?: string) => (appUrl ?? env().appUrl).replace(/\/$/, "");

async function postingFacts(db: Executor, id: number) {
  return db
    .selectFrom("postings as p")
    .innerJoin("departments as d", "d.id", "p.host_department_id")
    .select(["p.id", "p.title", "p.scheme", "p.host_department_id", "p.created_by", "p.apply_from", "p.apply_until", "d.name as host_name"])
    .where("p.id", "=", id)
    .executeTakeFirstOrThrow();
}

/** Employees still employed on `today` (left_on is the last working day). */
function active(today: string) {
  return sql<boolean>`(e.left_on IS NULL OR e.left_on >= ${today})`;
}

/** Every hr_admin is asked to review the submitted posting. */
export async function notifyPostingSubmitted(db: Executor, id: number, options: When & { submittedBy: number }): Promise<number> {
  const posting = await postingFacts(db, id);
  const today = todayInTokyo(options.at);
  const submitter = await db.selectFrom("employees").select("name").where("id", "=", options.submittedBy).executeTakeFirst();
  const recipients = await db
    .selectFrom("role_grants as g")
    .innerJoin("employees as e", "e.id", "g.employee_id")
    .select(["e.id", "e.name", "e.email"])
    .distinct()
    .where("g.role", "=", "hr_admin")
    .where(active(today))
    .orderBy("e.id")
    .execute();
  for (const r of recipients) {
    await enqueueEmail(db, {
      template: "posting-submitted",
      to: r.email,
      toEmployeeId: r.id,
      dedupeKey: `posting-submitted:${id}:${options.at.toISOString()}:${r.id}`,
      props: {
        recipientName: r.name,
        postingTitle: posting.title,
        scheme: posting.scheme,
        hostUnitName: posting.host_name,
        submittedByName: submitter?.name ?? "",
        submittedAt: options.at,
        applyFrom: posting.apply_from,
        applyUntil: posting.apply_until,
        reviewUrl: `${baseUrl(options.appUrl)}/hr/postings/${id}`,
      },
    });
  }
  return recipients.length;
}

/** The posting's creator and every posting_manager of its host unit (each once, still employed). */
async function hostRecipients(db: Executor, posting: { host_department_id: number; created_by: number }, today: string) {
  return db
    .selectFrom("employees as e")
    .select(["e.id", "e.name", "e.email"])
    .where((eb) =>
      eb.or([
        eb("e.id", "=", posting.created_by),
        eb(
          "e.id",
          "in",
          eb.selectFrom("role_grants as g").select("g.employee_id").where("g.role", "=", "posting_manager").where("g.department_id", "=", posting.host_department_id),
        ),
      ]),
    )
    .where(active(today))
    .orderBy("e.id")
    .execute();
}

export async function notifyPostingApproved(db: Executor, id: number, options: When): Promise<number> {
  const posting = await postingFacts(db, id);
  const recipients = await hostRecipients(db, posting, todayInTokyo(options.at));
  for (const r of recipients) {
    await enqueueEmail(db, {
      template: "posting-approved",
      to: r.email,
      toEmployeeId: r.id,
      dedupeKey: `posting-approved:${id}:${r.id}`,
      props: {
        recipientName: r.name,
        postingTitle: posting.title,
        hostUnitName: posting.host_name,
        approvedAt: options.at,
        applyFrom: posting.apply_from,
        applyUntil: posting.apply_until,
        postingUrl: `${baseUrl(options.appUrl)}/postings/${id}`,
      },
    });
  }
  return recipients.length;
}

export async function notifyPostingReturned(db: Executor, id: number, options: When & { comment: string }): Promise<number> {
  const posting = await postingFacts(db, id);
  const recipients = await hostRecipients(db, posting, todayInTokyo(options.at));
  for (const r of recipients) {
    await enqueueEmail(db, {
      template: "posting-returned",
      to: r.email,
      toEmployeeId: r.id,
      // A posting can be returned more than once; each return is its own email.
      dedupeKey: `posting-returned:${id}:${options.at.toISOString()}:${r.id}`,
      props: {
        recipientName: r.name,
        postingTitle: posting.title,
        hostUnitName: posting.host_name,
        comment: options.comment,
        returnedAt: options.at,
        editUrl: `${baseUrl(options.appUrl)}/manage/postings/${id}`,
      },
    });
  }
  return recipients.length;
}

/** Every applicant whose application was cancelled with the posting. Returns how many were emailed. */
export async function notifyPostingCancelled(db: Executor, id: number, applicationIds: number[], options: When & { reason: string }): Promise<number> {
  if (applicationIds.length === 0) return 0;
  const posting = await postingFacts(db, id);
  const recipients = await db
    .selectFrom("applications as a")
    .innerJoin("employees as e", "e.id", "a.employee_id")
    .select(["a.id as application_id", "e.id", "e.name", "e.email"])
    .where("a.id", "in", applicationIds)
    .where(active(todayInTokyo(options.at)))
    .orderBy("a.id")
    .execute();
  for (const r of recipients) {
    await enqueueEmail(db, {
      template: "posting-cancelled",
      to: r.email,
      toEmployeeId: r.id,
      dedupeKey: `posting-cancelled:${id}:${r.application_id}`,
      props: {
        recipientName: r.name,
        postingTitle: posting.title,
        hostUnitName: posting.host_name,
        reason: options.reason,
        cancelledAt: options.at,
        applicationUrl: `${baseUrl(options.appUrl)}/me/applications/${r.application_id}`,
      },
    });
  }
  return recipients.length;
}
