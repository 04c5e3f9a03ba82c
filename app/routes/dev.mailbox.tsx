import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useLoaderData, useOutlet } from "@remix-run/react";
import { getDb } from "../db.server";
import { formatDateTime } from "../i18n/format";
import { useLocale, useT } from "../i18n/i18n";
import { displayStatus, EmailStatusBadge } from "../notifications/EmailStatusBadge";
import { listMailbox, MAILBOX_PAGE_SIZE, requireDevMailbox } from "../notifications/mailbox.server";
import { Button } from "../ui/Button";
import { DataTable, Notice, PageHeader, td, th } from "../ui/Page";
import { Pagination } from "../ui/Pagination";
import "../notifications/messages";

export const meta: MetaFunction = () => [{ title: "開発用メールボックス | 職員チャレンジポータル" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireDevMailbox(request);
  const url = new URL(request.url);
  const page = Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1);
  const to = url.searchParams.get("to")?.trim() ?? "";
  const { entries, total } = await listMailbox(getDb(), { page, to });
  return json({ entries, total, page, pages: Math.max(1, Math.ceil(total / MAILBOX_PAGE_SIZE)), to });
}

export default function DevMailbox() {
  const t = useT();
  const outlet = useOutlet();
  return (
    <div>
      <PageHeader
        title={
          <>
            {t("mailbox.title")}
            <span className="ml-3 rounded bg-amber-200 px-2 py-0.5 align-middle text-sm font-semibold text-amber-950">{t("mailbox.badge")}</span>
          </>
        }
        lead={t("mailbox.lead")}
      />
      <Notice tone="warning">{t("mailbox.notice")}</Notice>
      {outlet ?? <MailboxList />}
    </div>
  );
}

function MailboxList() {
  const { entries, total, page, pages, to } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="mailbox-list" className="space-y-3">
      <h2 id="mailbox-list" className="text-lg font-semibold text-slate-900">
        {t("mailbox.list")}
        <span className="ml-2 text-base font-normal text-slate-600">{t("common.results", { count: total })}</span>
      </h2>
      <Form method="get" className="flex flex-wrap items-end gap-2" role="search">
        <div>
          <label htmlFor="mailbox-to" className="block text-sm font-medium text-slate-800">
            {t("mailbox.filter.to")}
          </label>
          <input id="mailbox-to" name="to" type="search" defaultValue={to} className="mt-1 w-72 rounded-md border border-slate-400 px-3 py-2 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600" />
        </div>
        <Button type="submit" variant="secondary">
          {t("mailbox.filter.submit")}
        </Button>
        {to ? (
          <Link to="/dev/mailbox" className="px-2 py-2 text-sm text-brand-700 underline">
            {t("mailbox.filter.clear")}
          </Link>
        ) : null}
      </Form>
      {entries.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-slate-700">{t(to ? "common.none" : "mailbox.empty")}</p>
      ) : (
        <DataTable caption={t("mailbox.list")}>
          <thead>
            <tr>
              <th scope="col" className={th}>{t("email.createdAt")}</th>
              <th scope="col" className={th}>{t("email.to")}</th>
              <th scope="col" className={th}>{t("email.subject")}</th>
              <th scope="col" className={th}>{t("email.template")}</th>
              <th scope="col" className={th}>{t("email.status")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td className={`${td} whitespace-nowrap`}>{formatDateTime(entry.createdAt, locale)}</td>
                <td className={`${td} break-all`}>{entry.toAddress}</td>
                <td className={td}>
                  <Link to={`/dev/mailbox/${entry.id}`} className="text-brand-700 underline hover:text-brand-900">
                    {entry.subject}
                  </Link>
                </td>
                <td className={`${td} font-mono text-xs`}>{entry.template}</td>
                <td className={td}>
                  <EmailStatusBadge status={displayStatus(entry.status, entry.attempts)} />
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <Pagination page={page} pages={pages} />
    </section>
  );
}
