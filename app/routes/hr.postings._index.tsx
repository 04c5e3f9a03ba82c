import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "../http/json.server";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "../db.server";
import { requireRole } from "../auth/permissions.server";
import { formatDate, formatDateTime, todayInTokyo } from "../i18n/format";
import { useLocale, useT } from "../i18n/i18n";
import { PhaseBadge, SchemeBadge, waitingLabel } from "../postings/components";
import { postingPhase } from "../postings/model";
import { listPostingsForReview, type ReviewTab } from "../postings/postings.server";
import { DataTable, PageHeader, td, th } from "../ui/Page";
import { Pagination } from "../ui/Pagination";
import "../postings/messages";

export const meta: MetaFunction = () => [{ title: "募集の承認 | 職員チャレンジポータル" }];

const TABS: ReviewTab[] = ["pending_approval", "published", "returned", "all"];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "hr_admin");
  const url = new URL(request.url);
  const requested = url.searchParams.get("tab") as ReviewTab | null;
  const tab = requested && TABS.includes(requested) ? requested : "pending_approval";
  const page = Math.max(1, Number(url.searchParams.get("page")) || 1);
  const today = todayInTokyo();
  const result = await listPostingsForReview(getDb(), { tab, page });
  return json({
    tab,
    now: new Date().toISOString(),
    result: { ...result, rows: result.rows.map((row) => ({ ...row, phase: postingPhase(row, today) })) },
  });
}

export default function HrPostings() {
  const { tab, now, result } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const pending = tab === "pending_approval";
  return (
    <div>
      <PageHeader title={t("postings.hr.title")} lead={t("postings.hr.lead")} />
      <nav aria-label={t("postings.hr.tab")} className="mb-4">
        <ul className="flex flex-wrap gap-2">
          {TABS.map((key) => (
            <li key={key}>
              <Link
                to={`?tab=${key}`}
                aria-current={key === tab ? "page" : undefined}
                className={`inline-block rounded-full px-3 py-1 text-sm ${key === tab ? "bg-brand-700 font-semibold text-white" : "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50"}`}
              >
                {t(`postings.hr.tab.${key}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="mb-2 text-sm text-slate-700" role="status">
        {t("common.results", { count: result.total })}
      </p>
      <DataTable caption={t(`postings.hr.tab.${tab}`)}>
        <thead>
          <tr>
            <th scope="col" className={th}>{t("postings.manage.col.title")}</th>
            <th scope="col" className={th}>{t("postings.manage.col.unit")}</th>
            <th scope="col" className={th}>{pending ? t("postings.field.submittedAt") : t("postings.manage.col.status")}</th>
            {pending ? <th scope="col" className={th}>{t("postings.hr.waiting")}</th> : null}
            <th scope="col" className={th}>{t("postings.manage.col.window")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {result.rows.length === 0 ? (
            <tr>
              <td colSpan={pending ? 5 : 4} className={`${td} text-slate-600`}>
                {pending ? t("postings.hr.none") : t("common.none")}
              </td>
            </tr>
          ) : (
            result.rows.map((row) => (
              <tr key={row.id}>
                <td className={td}>
                  <Link to={`/hr/postings/${row.id}`} className="font-medium text-brand-700 underline">
                    {row.title}
                  </Link>
                  <span className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
                    <SchemeBadge scheme={row.scheme} />
                    {row.creator_name}
                  </span>
                </td>
                <td className={td}>
                  {row.bureau_name ? <span className="block text-xs text-slate-600">{row.bureau_name}</span> : null}
                  {row.host_name}
                </td>
                <td className={`${td} whitespace-nowrap`}>{pending ? formatDateTime(row.submitted_at, locale) : <PhaseBadge phase={row.phase} />}</td>
                {pending ? <td className={`${td} whitespace-nowrap font-medium`}>{row.submitted_at ? waitingLabel(t, row.submitted_at, now) : "—"}</td> : null}
                <td className={`${td} whitespace-nowrap`}>
                  {formatDate(row.apply_from, locale)}
                  <span className="block text-slate-600">〜 {formatDate(row.apply_until, locale)}</span>
                </td>
              </tr>
            ))
          )}
        </tbody>
      </DataTable>
      <Pagination page={result.page} pages={result.pages} />
    </div>
  );
}
