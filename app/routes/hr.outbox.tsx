import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { audit } from "../audit/audit.server";
import { requireRole } from "../auth/permissions.server";
import { clientIp } from "../context.server";
import { getDb } from "../db.server";
import { formatDateTime } from "../i18n/format";
import { useLocale, useT } from "../i18n/i18n";
import { confidentialUndelivered, deliveryCounts, listUndeliveredEmails, retryConfidentialEmails, STALL_MINUTES, type UndeliveredEmail } from "../notifications/delivery-status.server";
import { displayStatus, EmailStatusBadge } from "../notifications/EmailStatusBadge";
import { retryEmail } from "../notifications/outbox.server";
import { Button } from "../ui/Button";
import { DataTable, Notice, PageHeader, td, th } from "../ui/Page";
import "../notifications/messages";

export const meta: MetaFunction = () => [{ title: "メール送信状況 | 職員チャレンジポータル" }];

const LIST_LIMIT = 200;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "hr_admin");
  const db = getDb();
  const [counts, failed, retrying, confidential] = await Promise.all([
    deliveryCounts(db),
    listUndeliveredEmails(db, "failed", LIST_LIMIT),
    listUndeliveredEmails(db, "retrying", LIST_LIMIT),
    confidentialUndelivered(db),
  ]);
  return json({ counts, failed, retrying, confidential });
}

const retrySchema = z.object({ intent: z.literal("retry"), id: z.coerce.number().int().positive() });

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "hr_admin");
  const form = Object.fromEntries(await request.formData());
  if (form.intent === "retry_confidential") {
    const count = await getDb()
      .transaction()
      .execute(async (trx) => {
        const n = await retryConfidentialEmails(trx);
        await audit(trx, { actorId: user.id, action: "outbox.retry_confidential", entityType: "outbox_email", detail: { count: n }, ip: clientIp(context) });
        return n;
      });
    return json({ ok: count > 0, id: null }, { status: count > 0 ? 200 : 409 });
  }
  const parsed = retrySchema.safeParse(form);
  if (!parsed.success) return json({ ok: false as const, id: null }, { status: 400 });
  const { id } = parsed.data;
  const previous = await getDb()
    .transaction()
    .execute(async (trx) => {
      const before = await retryEmail(trx, id);
      if (before) {
        await audit(trx, { actorId: user.id, action: "outbox.retry", entityType: "outbox_email", entityId: id, detail: { previousAttempts: before.attempts, lastError: before.lastError }, ip: clientIp(context) });
      }
      return before;
    });
  return json({ ok: previous !== null, id }, { status: previous ? 200 : 409 });
}

export default function OutboxStatus() {
  const { counts, failed, retrying, confidential } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();

  const tiles = [
    { key: "pending", value: counts.pending, note: counts.retrying > 0 ? t("outbox.count.retryingOf", { count: counts.retrying }) : null },
    { key: "sending", value: counts.sending, note: null },
    { key: "sent", value: counts.sent, note: null },
    { key: "failed", value: counts.failed, note: null },
  ] as const;

  return (
    <div className="space-y-8">
      <PageHeader title={t("outbox.title")} lead={t("outbox.lead")} />

      {result ? <Notice tone={result.ok ? "success" : "warning"}>{t(result.ok ? "outbox.retried" : "outbox.retryGone")}</Notice> : null}
      {counts.overdue > 0 ? <Notice tone="warning">{t("outbox.stalled", { count: counts.overdue, minutes: STALL_MINUTES })}</Notice> : null}

      <section aria-labelledby="outbox-counts">
        <h2 id="outbox-counts" className="sr-only">
          {t("outbox.counts")}
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {tiles.map((tile) => (
            <div key={tile.key} className={`rounded-lg border bg-white p-4 shadow-sm ${tile.key === "failed" && tile.value > 0 ? "border-red-300" : "border-slate-200"}`}>
              <dt className="text-sm text-slate-700">{t(`email.status.${tile.key}`)}</dt>
              <dd className="mt-1 text-2xl font-bold tabular-nums text-slate-900">{tile.value.toLocaleString()}</dd>
              {tile.note ? <dd className="mt-1 text-xs text-amber-900">{tile.note}</dd> : null}
            </div>
          ))}
        </dl>
      </section>

      {confidential > 0 ? (
        <Notice tone="warning">
          <p>{t("outbox.confidential", { count: confidential })}</p>
          <Form method="post" className="mt-2">
            <input type="hidden" name="intent" value="retry_confidential" />
            <Button type="submit" variant="secondary">
              {t("outbox.confidential.retry")}
            </Button>
          </Form>
        </Notice>
      ) : null}

      <EmailSection id="failed" title={t("outbox.failed.title")} lead={t("outbox.failed.lead")} empty={t("outbox.failed.none")} emails={failed} total={counts.failed} withRetry />
      <EmailSection id="retrying" title={t("outbox.retrying.title")} lead={t("outbox.retrying.lead")} empty={t("outbox.retrying.none")} emails={retrying} total={counts.retrying} />
    </div>
  );
}

type EmailRow = Omit<UndeliveredEmail, "nextAttemptAt" | "createdAt"> & { nextAttemptAt: string; createdAt: string };

function EmailSection({ id, title, lead, empty, emails, total, withRetry = false }: { id: string; title: string; lead: string; empty: string; emails: EmailRow[]; total: number; withRetry?: boolean }) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const pendingId = navigation.state !== "idle" ? navigation.formData?.get("id") : null;
  return (
    <section aria-labelledby={`outbox-${id}`}>
      <h2 id={`outbox-${id}`} className="text-lg font-semibold text-slate-900">
        {title}
        <span className="ml-2 text-base font-normal text-slate-600">{t("common.results", { count: total })}</span>
      </h2>
      <p className="mb-3 mt-1 text-sm text-slate-700">{lead}</p>
      {emails.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-slate-700">{empty}</p>
      ) : (
        <>
          {total > emails.length ? <p className="mb-2 text-sm text-slate-600">{t("outbox.limited", { count: emails.length })}</p> : null}
          <DataTable caption={title}>
            <thead>
              <tr>
                <th scope="col" className={th}>{t("email.createdAt")}</th>
                <th scope="col" className={th}>{t("email.to")}</th>
                <th scope="col" className={th}>{t("email.subject")}</th>
                <th scope="col" className={th}>{t("email.attempts")}</th>
                <th scope="col" className={th}>{t("email.lastError")}</th>
                {withRetry ? (
                  <th scope="col" className={th}>{t("common.actions")}</th>
                ) : (
                  <th scope="col" className={th}>{t("email.nextAttempt")}</th>
                )}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {emails.map((email) => (
                <tr key={email.id}>
                  <td className={`${td} whitespace-nowrap`}>{formatDateTime(email.createdAt, locale)}</td>
                  <td className={`${td} break-all`}>{email.toAddress}</td>
                  <td className={td}>
                    {email.subject}
                    <div className="mt-1">
                      <EmailStatusBadge status={displayStatus(email.status, email.attempts)} />
                    </div>
                  </td>
                  <td className={`${td} whitespace-nowrap tabular-nums`}>{t("email.attemptsOf", { attempts: email.attempts, max: email.maxAttempts })}</td>
                  <td className={`${td} max-w-xs break-words font-mono text-xs text-red-900`}>{email.lastError ?? "—"}</td>
                  {withRetry ? (
                    <td className={td}>
                      <Form method="post">
                        <input type="hidden" name="intent" value="retry" />
                        <input type="hidden" name="id" value={email.id} />
                        <Button type="submit" variant="secondary" disabled={pendingId === String(email.id)} aria-label={t("outbox.retryLabel", { to: email.toAddress, subject: email.subject })}>
                          {t("outbox.retry")}
                        </Button>
                      </Form>
                    </td>
                  ) : (
                    <td className={`${td} whitespace-nowrap`}>{formatDateTime(email.nextAttemptAt, locale)}</td>
                  )}
                </tr>
              ))}
            </tbody>
          </DataTable>
        </>
      )}
    </section>
  );
}
