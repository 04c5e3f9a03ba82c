import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "../http/json.server";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "../auth/permissions.server";
import { listMyInvitations } from "../contest/members.server";
import { DeadlinePill, period, ProposalStatusBadge, Prose, RubricTable } from "../contest/proposal-components";
import { listMyProposals } from "../contest/proposals.server";
import { listRoundsForProposers } from "../contest/rounds.server";
import { getDb } from "../db.server";
import { fiscalYearLabel, formatDate, formatDateTime, todayInTokyo } from "../i18n/format";
import { useLocale, useT } from "../i18n/i18n";
import { Card, DataTable, Notice, PageHeader, td, th } from "../ui/Page";
import "../contest/proposals.messages";

export const meta: MetaFunction = () => [{ title: "チャレンジコンテスト | 職員チャレンジポータル" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const today = todayInTokyo();
  const db = getDb();
  const [rounds, proposals, invitations] = await Promise.all([listRoundsForProposers(db, today), listMyProposals(db, user.id), listMyInvitations(db, user.id, today)]);
  return json({ today, rounds, proposals, pendingInvitations: invitations.pending.filter((i) => i.answerable) });
}

const linkButton =
  "inline-flex items-center justify-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2";

export default function Contest() {
  const { today, rounds, proposals, pendingInvitations } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div>
      <PageHeader title={t("contest.proposals.home.title")} lead={t("contest.proposals.home.lead")} />

      {pendingInvitations.length > 0 ? (
        <Notice tone="info">
          <p className="font-semibold">{t("contest.invitations.pendingNotice", { count: pendingInvitations.length })}</p>
          <ul className="mt-1 list-disc pl-5">
            {pendingInvitations.map((i) => (
              <li key={i.proposal_id}>{t("contest.invitations.pendingItem", { lead: i.lead_name, title: i.title })}</li>
            ))}
          </ul>
          <Link to="/contest/invitations" className="mt-2 inline-block font-semibold underline">
            {t("contest.invitations.answer")}
          </Link>
        </Notice>
      ) : null}

      <section aria-labelledby="open-heading" className="mb-10">
        <h2 id="open-heading" className="mb-3 text-xl font-semibold text-slate-900">
          {t("contest.proposals.home.open")}
        </h2>
        {rounds.open.length === 0 ? <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">{t("contest.proposals.home.noOpen")}</p> : null}
        <div className="space-y-6">
          {rounds.open.map((round) => (
            <article key={round.id} aria-labelledby={`round-${round.id}`} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="open-round">
              <div className="flex flex-wrap items-start justify-between gap-4">
                <div>
                  <p className="text-sm text-slate-600">{fiscalYearLabel(round.fiscal_year, locale)}</p>
                  <h3 id={`round-${round.id}`} className="text-lg font-bold text-slate-900">
                    {round.title}
                  </h3>
                  <p className="mt-1 text-sm text-slate-800">
                    <span className="font-medium">{t("contest.proposals.home.callWindow")}</span> {period(locale, round.call_opens_on, round.call_closes_on)}
                    <DeadlinePill today={today} closesOn={round.call_closes_on} />
                  </p>
                  <p className="mt-1 text-sm text-slate-700">
                    {t("contest.proposals.home.schedule", {
                      review: period(locale, round.review_opens_on, round.review_closes_on),
                      results: formatDate(round.results_on, locale),
                      start: formatDate(round.project_start_on, locale),
                    })}
                  </p>
                </div>
                <Link to={`/contest/proposals/new?round=${round.id}`} className={linkButton}>
                  {t("contest.proposals.home.propose")}
                </Link>
              </div>
              {round.guidance ? (
                <div className="mt-4">
                  <h4 className="mb-1 text-sm font-semibold text-slate-800">{t("contest.proposals.home.guidance")}</h4>
                  <Prose empty="">{round.guidance}</Prose>
                </div>
              ) : null}
              <div className="mt-4">
                <h4 className="mb-1 text-sm font-semibold text-slate-800">{t("contest.rubric.title")}</h4>
                <p className="mb-2 text-sm text-slate-600">{t("contest.rubric.lead")}</p>
                <RubricTable criteria={round.criteria} caption={t("contest.rubric.caption", { title: round.title })} />
              </div>
            </article>
          ))}
        </div>
        {rounds.upcoming.length > 0 ? (
          <div className="mt-6">
            <h3 className="mb-2 text-base font-semibold text-slate-900">{t("contest.proposals.home.upcoming")}</h3>
            <ul className="space-y-1 text-sm text-slate-800">
              {rounds.upcoming.map((round) => (
                <li key={round.id}>
                  <span className="font-medium">{round.title}</span>
                  <span className="ml-2 text-slate-600">
                    {t("contest.proposals.home.callWindow")} {period(locale, round.call_opens_on, round.call_closes_on)}
                  </span>
                  <Link to={`/contest/proposals/new?round=${round.id}`} className="ml-3 text-brand-700 underline">
                    {t("contest.proposals.home.prepare")}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="mine-heading" className="mb-10">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="mine-heading" className="text-xl font-semibold text-slate-900">
            {t("contest.proposals.mine.title")}
          </h2>
          <Link to="/contest/invitations" className="text-sm text-brand-700 underline">
            {t("contest.invitations.title")}
          </Link>
        </div>
        {proposals.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">{t("contest.proposals.mine.empty")}</p>
        ) : (
          <DataTable caption={t("contest.proposals.mine.title")}>
            <thead>
              <tr>
                <th scope="col" className={th}>
                  {t("contest.proposals.field.title")}
                </th>
                <th scope="col" className={th}>
                  {t("contest.proposals.col.round")}
                </th>
                <th scope="col" className={th}>
                  {t("contest.proposals.col.role")}
                </th>
                <th scope="col" className={th}>
                  {t("contest.proposals.col.status")}
                </th>
                <th scope="col" className={`${th} text-right`}>
                  {t("contest.proposals.col.people")}
                </th>
                <th scope="col" className={th}>
                  {t("contest.proposals.col.updatedAt")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {proposals.map((p) => (
                <tr key={p.id} data-testid="my-proposal-row">
                  <td className={td}>
                    <Link to={`/contest/proposals/${p.id}`} className="font-semibold text-brand-700 underline">
                      {p.title}
                    </Link>
                  </td>
                  <td className={td}>
                    {p.round_title}
                    <span className="block text-xs text-slate-600">{t("contest.proposals.mine.closes", { date: formatDate(p.call_closes_on, locale) })}</span>
                  </td>
                  <td className={`${td} whitespace-nowrap`}>{t(`contest.members.role.${p.role}`)}</td>
                  <td className={td}>
                    <ProposalStatusBadge status={p.status} outcome={p.outcome} />
                  </td>
                  <td className={`${td} text-right tabular-nums`}>{t("contest.proposals.people", { count: p.accepted_count })}</td>
                  <td className={`${td} whitespace-nowrap`}>{formatDateTime(p.updated_at, locale)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </section>

      <Card title={t("contest.proposals.home.howTitle")}>
        <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-800">
          <li>{t("contest.proposals.home.how1")}</li>
          <li>{t("contest.proposals.home.how2")}</li>
          <li>{t("contest.proposals.home.how3")}</li>
          <li>{t("contest.proposals.home.how4")}</li>
        </ol>
      </Card>
    </div>
  );
}
