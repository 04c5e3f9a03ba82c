import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "../http/json.server";
import { Link, useLoaderData } from "@remix-run/react";
import { SchemeTag, StatusBadge } from "../applications/components";
import { listMyApplications } from "../applications/queries.server";
import { requireUser } from "../auth/permissions.server";
import { getDb } from "../db.server";
import { useLocale, useT } from "../i18n/i18n";
import { formatDate, formatDateTime } from "../i18n/format";
import { DataTable, PageHeader, td, th } from "../ui/Page";
import "../applications/messages";

export const meta: MetaFunction = () => [{ title: "応募状況 | 職員チャレンジポータル" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const applications = await listMyApplications(getDb(), user.id);
  return json({ applications });
}

export default function MyApplications() {
  const { applications } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div>
      <PageHeader
        title={t("applications.mine.title")}
        lead={t("applications.mine.lead")}
        actions={
          <Link to="/postings" className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold text-slate-900 shadow-sm hover:bg-slate-50">
            {t("applications.mine.find")}
          </Link>
        }
      />
      {applications.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <p className="text-slate-700">{t("applications.mine.empty")}</p>
          <Link to="/postings" className="mt-4 inline-block rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
            {t("applications.mine.find")}
          </Link>
        </div>
      ) : (
        <DataTable caption={t("applications.mine.title")}>
          <thead>
            <tr>
              <th scope="col" className={th}>{t("applications.mine.col.posting")}</th>
              <th scope="col" className={th}>{t("applications.mine.col.submitted")}</th>
              <th scope="col" className={th}>{t("applications.mine.col.status")}</th>
              <th scope="col" className={th}>{t("applications.mine.col.note")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100" data-testid="my-applications">
            {applications.map((a) => (
              <tr key={a.id} data-application-id={a.id}>
                <td className={td}>
                  <Link to={`/me/applications/${a.id}`} className="font-semibold text-brand-700 underline hover:text-brand-900">
                    {a.posting_title}
                  </Link>
                  <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
                    <SchemeTag scheme={a.scheme} t={t} />
                    <span>{a.host_name}</span>
                    <span>
                      {formatDate(a.period_start, locale)}〜{formatDate(a.period_end, locale)}
                    </span>
                  </div>
                </td>
                <td className={`${td} whitespace-nowrap`}>{formatDate(a.submitted_at, locale)}</td>
                <td className={td}>
                  <StatusBadge status={a.status} t={t} />
                </td>
                <td className={`${td} max-w-md text-sm text-slate-700`}>
                  {a.status === "consent_declined" && a.consent_comment ? <p className="line-clamp-2">{t("applications.mine.reason", { reason: a.consent_comment })}</p> : null}
                  {a.status === "not_selected" && a.decision_reason ? <p className="line-clamp-2">{t("applications.mine.reason", { reason: a.decision_reason })}</p> : null}
                  {a.status === "interview" && a.interview_at ? <p>{t("applications.mine.interview", { at: formatDateTime(a.interview_at, locale), place: a.interview_place ?? "" })}</p> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </div>
  );
}
