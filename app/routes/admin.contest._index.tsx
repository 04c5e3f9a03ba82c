import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "../http/json.server";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "../auth/permissions.server";
import { roundPhase } from "../contest/phase";
import { period, RoundPhaseBadge } from "../contest/proposal-components";
import { listRoundsForAdmin } from "../contest/rounds.server";
import { getDb } from "../db.server";
import { fiscalYearLabel, formatDate, todayInTokyo } from "../i18n/format";
import { useLocale, useT } from "../i18n/i18n";
import { DataTable, PageHeader, td, th } from "../ui/Page";
import "../contest/rounds.messages";

export const meta: MetaFunction = () => [{ title: "チャレンジコンテストの運営 | 職員チャレンジポータル" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "contest_admin");
  const today = todayInTokyo();
  const rounds = (await listRoundsForAdmin(getDb())).map((r) => ({ ...r, phase: roundPhase(r, today) }));
  // Grouped by fiscal year, newest first (the query already orders them).
  const years: { fiscalYear: number; rounds: typeof rounds }[] = [];
  for (const round of rounds) {
    const last = years[years.length - 1];
    if (last && last.fiscalYear === round.fiscal_year) last.rounds.push(round);
    else years.push({ fiscalYear: round.fiscal_year, rounds: [round] });
  }
  return json({ years, today });
}

export default function ContestAdmin() {
  const { years } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div>
      <PageHeader
        title={t("contest.rounds.admin.title")}
        lead={t("contest.rounds.admin.lead")}
        actions={
          <Link
            to="/admin/contest/rounds/new"
            className="inline-flex items-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2"
          >
            {t("contest.rounds.admin.new")}
          </Link>
        }
      />
      {years.length === 0 ? <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">{t("contest.rounds.admin.empty")}</p> : null}
      <div className="space-y-8">
        {years.map((year) => (
          <section key={year.fiscalYear} aria-labelledby={`fy-${year.fiscalYear}`}>
            <h2 id={`fy-${year.fiscalYear}`} className="mb-3 text-lg font-semibold text-slate-900">
              {fiscalYearLabel(year.fiscalYear, locale)}
              {locale === "ja" ? <span className="ml-2 text-sm font-normal text-slate-600">（{year.fiscalYear}年度）</span> : null}
            </h2>
            <DataTable caption={t("contest.rounds.admin.caption", { year: fiscalYearLabel(year.fiscalYear, locale) })}>
              <thead>
                <tr>
                  <th scope="col" className={th}>
                    {t("contest.rounds.col.title")}
                  </th>
                  <th scope="col" className={th}>
                    {t("contest.rounds.col.phase")}
                  </th>
                  <th scope="col" className={th}>
                    {t("contest.rounds.col.schedule")}
                  </th>
                  <th scope="col" className={`${th} whitespace-nowrap text-right`}>
                    {t("contest.rounds.col.submitted")}
                  </th>
                  <th scope="col" className={th}>
                    {t("contest.rounds.col.quotas")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {year.rounds.map((round) => (
                  <tr key={round.id} data-testid="round-row">
                    <td className={`${td} min-w-[14rem]`}>
                      <Link to={`/admin/contest/rounds/${round.id}`} className="font-semibold text-brand-700 underline">
                        {round.title}
                      </Link>
                    </td>
                    <td className={td}>
                      <RoundPhaseBadge phase={round.phase} />
                    </td>
                    <td className={td}>
                      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
                        <dt className="text-slate-600">{t("contest.rounds.col.call")}</dt>
                        <dd className="whitespace-nowrap">{period(locale, round.call_opens_on, round.call_closes_on)}</dd>
                        <dt className="text-slate-600">{t("contest.rounds.col.review")}</dt>
                        <dd className="whitespace-nowrap">{period(locale, round.review_opens_on, round.review_closes_on)}</dd>
                        <dt className="text-slate-600">{t("contest.rounds.col.results")}</dt>
                        <dd className="whitespace-nowrap">{formatDate(round.results_on, locale)}</dd>
                      </dl>
                    </td>
                    <td className={`${td} whitespace-nowrap text-right tabular-nums`}>
                      <span className="font-semibold">{t("contest.rounds.count", { count: round.submitted })}</span>
                      {round.drafts > 0 ? <span className="block text-xs text-slate-600">{t("contest.rounds.drafts", { count: round.drafts })}</span> : null}
                    </td>
                    <td className={td}>
                      <span className="block whitespace-nowrap">{t("contest.rounds.quotaAdoptedValue", { count: round.quota_adopted })}</span>
                      <span className="block whitespace-nowrap">{t("contest.rounds.quotaStepUpValue", { count: round.quota_step_up })}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          </section>
        ))}
      </div>
    </div>
  );
}
