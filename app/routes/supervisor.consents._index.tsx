import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "../http/json.server";
import { Link, useLoaderData } from "@remix-run/react";
import { SchemeTag, StatusBadge, waitingText } from "../applications/components";
import { listDecidedConsents, listPendingConsents } from "../applications/queries.server";
import { forbidden, hasRole, requireUser } from "../auth/permissions.server";
import { getDb } from "../db.server";
import { useLocale, useT } from "../i18n/i18n";
import { formatDate } from "../i18n/format";
import { DataTable, PageHeader, td, th } from "../ui/Page";
import "../applications/messages";

export const meta: MetaFunction = () => [{ title: "応募の同意 | 職員チャレンジポータル" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const [pending, decided] = await Promise.all([listPendingConsents(db, { supervisorId: user.id }), listDecidedConsents(db, { supervisorId: user.id, limit: 30 })]);
  // A 所属長's page; someone who no longer heads a unit still sees what was addressed to them.
  if (!hasRole(user, "supervisor") && pending.length === 0 && decided.length === 0) forbidden();
  return json({ pending, decided });
}

export default function ConsentInbox() {
  const { pending, decided } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div>
      <PageHeader title={t("applications.consents.title")} lead={t("applications.consents.lead")} />
      <section aria-labelledby="pending-title" className="mb-8">
        <h2 id="pending-title" className="mb-3 text-lg font-semibold text-slate-900">
          {t("applications.consents.pending", { count: pending.length })}
        </h2>
        {pending.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-700">{t("applications.consents.empty")}</p>
        ) : (
          <DataTable caption={t("applications.consents.pending", { count: pending.length })}>
            <thead>
              <tr>
                <th scope="col" className={th}>{t("applications.consents.col.applicant")}</th>
                <th scope="col" className={th}>{t("applications.consents.col.posting")}</th>
                <th scope="col" className={th}>{t("applications.consents.col.hours")}</th>
                <th scope="col" className={th}>{t("applications.consents.col.submitted")}</th>
                <th scope="col" className={th}>{t("applications.consents.col.waiting")}</th>
                <th scope="col" className={th}>
                  <span className="sr-only">{t("common.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100" data-testid="pending-consents">
              {pending.map((p) => (
                <tr key={p.id} data-application-id={p.id}>
                  <td className={td}>
                    <span className="font-semibold">{p.applicant_name}</span>
                    <span className="block text-xs text-slate-600">
                      {p.applicant_unit}・{p.applicant_grade}
                    </span>
                  </td>
                  <td className={td}>
                    {p.posting_title}
                    <span className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
                      <SchemeTag scheme={p.scheme} t={t} />
                      {p.host_name}
                    </span>
                  </td>
                  <td className={`${td} whitespace-nowrap`}>{t("applications.hoursShort", { hours: p.hours_per_month })}</td>
                  <td className={`${td} whitespace-nowrap`}>{formatDate(p.submitted_at, locale)}</td>
                  <td className={`${td} whitespace-nowrap`}>
                    <span className={p.waiting.businessDays >= 3 ? "font-semibold text-red-700" : "text-slate-800"} data-testid="waiting">
                      {waitingText(t, p.waiting)}
                    </span>
                  </td>
                  <td className={td}>
                    <Link
                      to={`/supervisor/consents/${p.id}`}
                      aria-label={`${t("applications.review")}: ${p.applicant_name}「${p.posting_title}」`}
                      className="inline-block whitespace-nowrap rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-800">
                      {t("applications.review")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
        <p className="mt-2 text-sm text-slate-600">{t("applications.consents.reminderNote")}</p>
      </section>

      <section aria-labelledby="decided-title">
        <h2 id="decided-title" className="mb-3 text-lg font-semibold text-slate-900">
          {t("applications.consents.decided")}
        </h2>
        {decided.length === 0 ? (
          <p className="text-sm text-slate-700">{t("applications.consents.decidedEmpty")}</p>
        ) : (
          <DataTable caption={t("applications.consents.decided")}>
            <thead>
              <tr>
                <th scope="col" className={th}>{t("applications.consents.col.applicant")}</th>
                <th scope="col" className={th}>{t("applications.consents.col.posting")}</th>
                <th scope="col" className={th}>{t("applications.consents.col.decidedAt")}</th>
                <th scope="col" className={th}>{t("applications.field.status")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100" data-testid="decided-consents">
              {decided.map((d) => (
                <tr key={d.id}>
                  <td className={td}>
                    <Link to={`/supervisor/consents/${d.id}`} className="text-brand-700 underline">
                      {d.applicant_name}
                    </Link>
                  </td>
                  <td className={td}>{d.posting_title}</td>
                  <td className={`${td} whitespace-nowrap`}>{formatDate(d.consent_decided_at, locale)}</td>
                  <td className={td}>
                    <StatusBadge status={d.status} t={t} />
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </section>
    </div>
  );
}
