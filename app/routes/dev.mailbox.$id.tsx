import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "../http/json.server";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { notFound } from "../auth/permissions.server";
import { getDb } from "../db.server";
import { env } from "../env.server";
import { formatDateTime } from "../i18n/format";
import { useLocale, useT } from "../i18n/i18n";
import { displayStatus, EmailStatusBadge } from "../notifications/EmailStatusBadge";
import { getMailboxEmail, requireDevMailbox } from "../notifications/mailbox.server";
import { Card } from "../ui/Page";
import "../notifications/messages";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.email.subject ?? "メール"} | 開発用メールボックス` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireDevMailbox(request);
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id < 1) notFound();
  const email = await getMailboxEmail(getDb(), id);
  if (!email) notFound();
  return json({ email, from: env().MAIL_FROM });
}

/**
 * The email's own HTML, isolated: a sandboxed frame runs no script and cannot reach the app. Links open in a
 * new tab (popups allowed, <base target>) so a reset link in a demo email can be followed.
 */
function previewDocument(html: string): string {
  const base = '<base target="_blank">';
  return /<head[^>]*>/i.test(html) ? html.replace(/<head([^>]*)>/i, `<head$1>${base}`) : `${base}${html}`;
}

export default function MailboxEmail() {
  const { email, from } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <article aria-labelledby="mailbox-subject" className="space-y-6">
      <p>
        <Link to="/dev/mailbox" className="text-sm text-brand-700 underline hover:text-brand-900">
          ← {t("mailbox.backToList")}
        </Link>
      </p>
      <Card>
        <h2 id="mailbox-subject" className="mb-4 text-xl font-semibold text-slate-900">
          {email.subject}
        </h2>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
          <Row label={t("email.from")}>{from}</Row>
          <Row label={t("email.to")}>{email.toAddress}</Row>
          <Row label={t("email.template")}>
            <span className="font-mono text-xs">{email.template}</span>
          </Row>
          <Row label={t("email.status")}>
            <EmailStatusBadge status={displayStatus(email.status, email.attempts)} />
          </Row>
          <Row label={t("email.createdAt")}>{formatDateTime(email.createdAt, locale)}</Row>
          {email.sentAt ? <Row label={t("email.sentAt")}>{formatDateTime(email.sentAt, locale)}</Row> : null}
          {email.dedupeKey ? (
            <Row label={t("email.dedupeKey")}>
              <span className="break-all font-mono text-xs">{email.dedupeKey}</span>
            </Row>
          ) : null}
          {email.lastError ? (
            <Row label={t("email.lastError")}>
              <span className="break-words font-mono text-xs text-red-900">{email.lastError}</span>
            </Row>
          ) : null}
        </dl>
      </Card>

      <section aria-labelledby="mailbox-html">
        <h3 id="mailbox-html" className="mb-2 text-lg font-semibold text-slate-900">
          {t("mailbox.html")}
        </h3>
        <iframe
          title={t("mailbox.htmlFrame")}
          srcDoc={previewDocument(email.html)}
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          referrerPolicy="no-referrer"
          className="h-[36rem] w-full rounded-lg border border-slate-300 bg-white"
        />
      </section>

      <section aria-labelledby="mailbox-text">
        <h3 id="mailbox-text" className="mb-2 text-lg font-semibold text-slate-900">
          {t("mailbox.text")}
        </h3>
        <pre className="overflow-x-auto whitespace-pre-wrap break-words rounded-lg border border-slate-300 bg-white p-4 font-sans text-sm leading-relaxed text-slate-900">{email.text}</pre>
      </section>

      <section aria-labelledby="mailbox-attachments">
        <h3 id="mailbox-attachments" className="mb-2 text-lg font-semibold text-slate-900">
          {t("mailbox.attachments")}
        </h3>
        {email.attachments.length === 0 ? (
          <p className="text-sm text-slate-700">{t("mailbox.noAttachments")}</p>
        ) : (
          <ul className="list-inside list-disc space-y-1 text-sm">
            {email.attachments.map((attachment, index) => (
              <li key={`${attachment.filename}-${index}`}>
                <span className="font-medium">{attachment.filename}</span>{" "}
                <span className="text-slate-600">
                  （{attachment.contentType}, {t("mailbox.bytes", { size: (attachment.bytes / 1024).toFixed(1) })}）
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="text-slate-900">{children}</dd>
    </>
  );
}
