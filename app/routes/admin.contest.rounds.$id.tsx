import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "../http/json.server";
import { Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { notFound, requireRole } from "../auth/permissions.server";
import { getRoundHeader } from "../contest/round-header.server";
import { getDb } from "../db.server";
import { fiscalYearLabel, formatDate } from "../i18n/format";
import { useLocale, useT } from "../i18n/i18n";

// The frame of a round's admin pages: title, windows and the tabs; each tab is a child route.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "contest_admin");
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const round = await getRoundHeader(getDb(), id, request);
  if (!round) notFound();
  return json({ round });
}

const TABS = [
  { to: "", key: "contest.tabs.settings", end: true },
  { to: "assignments", key: "contest.tabs.assignments", end: false },
  { to: "ranking", key: "contest.tabs.ranking", end: false },
  { to: "projects", key: "contest.tabs.projects", end: false },
] as const;

export default function RoundFrame() {
  const { round } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div>
      <div className="mb-4 border-b border-slate-200 pb-4">
        <Link to="/admin/contest" className="text-sm text-brand-700 underline">
          {t("contest.tabs.back")}
        </Link>
        <h1 className="mt-1 text-2xl font-bold text-slate-900">
          {round.title}
          {round.title.includes(fiscalYearLabel(round.fiscal_year, "ja")) ? null : (
            <span className="ml-3 align-middle text-base font-normal text-slate-600">{fiscalYearLabel(round.fiscal_year, locale)}</span>
          )}
        </h1>
        <p className="mt-1 text-sm text-slate-700">
          {t("contest.tabs.windows", {
            call: `${formatDate(round.call_opens_on, locale)}〜${formatDate(round.call_closes_on, locale)}`,
            review: `${formatDate(round.review_opens_on, locale)}〜${formatDate(round.review_closes_on, locale)}`,
            results: formatDate(round.results_on, locale),
          })}
        </p>
        <nav aria-label={t("contest.tabs.label")} className="mt-3">
          <ul className="flex flex-wrap gap-1 border-b border-slate-200">
            {TABS.map((tab) => (
              <li key={tab.key}>
                <NavLink
                  to={tab.to}
                  end={tab.end}
                  className={({ isActive }) =>
                    `-mb-px block rounded-t-md border px-4 py-2 text-sm ${isActive ? "border-slate-200 border-b-white bg-white font-semibold text-brand-900" : "border-transparent text-brand-700 hover:bg-slate-100"}`
                  }
                >
                  {t(tab.key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <Outlet />
    </div>
  );
}
