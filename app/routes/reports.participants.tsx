import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "../auth/permissions.server";
import { getDb } from "../db.server";
import { fiscalYearLabel, fiscalYearOf, formatDate, todayInTokyo } from "../i18n/format";
import { useLocale, useT } from "../i18n/i18n";
import { listReportYears, resolveAsOf } from "../reports/dashboard.server";
import { fiscalYearBounds } from "../reports/fiscal-year";
import { listCountingParticipants } from "../reports/participants.server";
import { PrintButton, PrintStyles } from "../reports/PrintButton";
import { fmtCount, numTh, thCls } from "../reports/ReportTables";
import { Button } from "../ui/Button";
import { Notice } from "../ui/Page";
import "../reports/messages";

export const meta: MetaFunction = () => [{ title: "参加者一覧 | 職員チャレンジポータル" }];

// The drill-down behind the dashboard's 実人数: every counted participation record with the person's name — so
// hr_admin only (a 所属長 gets 403; they see their unit's figures on /reports). The full list, sorted by unit and
// name: a year has a few hundred records at most.

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "hr_admin");
  const db = getDb();
  const url = new URL(request.url);
  const today = todayInTokyo();
  const years = await listReportYears(db, today);
  const requestedFy = Number(url.searchParams.get("fy"));
  const fiscalYear = years.includes(requestedFy) ? requestedFy : fiscalYearOf(today);
  const { asOf, ignored } = resolveAsOf(url.searchParams.get("asOf"), fiscalYear, today);
  const rows = await listCountingParticipants(db, { fiscalYear, asOf }, today);
  return json({ years, fiscalYear, asOf, asOfIgnored: ignored, rows, people: new Set(rows.map((r) => r.employeeId)).size }, { headers: { "Cache-Control": "private, no-store" } });
}

const CATEGORY_TONE = {
  side_job_posting: "bg-brand-50 text-brand-900 ring-brand-700/30",
  side_job_contest: "bg-sky-50 text-sky-900 ring-sky-700/30",
  job_challenge: "bg-amber-50 text-amber-900 ring-amber-700/30",
} as const;

export default function ReportParticipants() {
  const { years, fiscalYear, asOf, asOfIgnored, rows, people } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const label = fiscalYearLabel(fiscalYear, locale);
  const { first, last } = fiscalYearBounds(fiscalYear);
  const date = (d: string) => formatDate(d, locale);
  const back = new URLSearchParams({ fy: String(fiscalYear), asOf });
  const control = "mt-1 block rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600";

  return (
    <div className="mx-auto max-w-6xl space-y-5">
      <PrintStyles />
      <header className="flex flex-wrap items-end justify-between gap-4 border-b border-slate-200 pb-4">
        <div>
          <p className="text-sm print:hidden">
            <Link to={`/reports?${back}`} className="font-semibold text-brand-700 underline">
              {t("reports.participants.back")}
            </Link>
          </p>
          <h1 className="mt-1 text-2xl font-bold text-slate-900">{t("reports.participants.title")}</h1>
          <p className="mt-1 text-slate-700">{t("reports.participants.lead", { label, asOf: date(asOf) })}</p>
        </div>
        <div className="flex gap-2 print:hidden">
          <PrintButton label={t("reports.print")} />
        </div>
      </header>

      <Form key={`${fiscalYear}|${asOf}`} method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm print:hidden">
        <div>
          <label htmlFor="fy" className="block text-sm font-medium text-slate-800">
            {t("reports.scope.fiscalYear")}
          </label>
          <select
            id="fy"
            name="fy"
            defaultValue={fiscalYear}
            className={control}
            onChange={(event) => {
              const input = event.currentTarget.form?.elements.namedItem("asOf");
              if (input instanceof HTMLInputElement) input.value = "";
            }}
          >
            {years.map((fy) => (
              <option key={fy} value={fy}>
                {fiscalYearLabel(fy, locale)}
                {locale === "ja" ? `（${fy}年度）` : ""}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="asOf" className="block text-sm font-medium text-slate-800">
            {t("reports.scope.asOf")}
          </label>
          <input id="asOf" name="asOf" type="date" defaultValue={asOf} className={control} />
        </div>
        <Button type="submit">{t("reports.scope.show")}</Button>
      </Form>
      {asOfIgnored ? <Notice tone="warning">{t("reports.asOf.ignored", { label, from: date(first), to: date(last), asOf: date(asOf) })}</Notice> : null}

      <p className="text-sm text-slate-800" data-testid="participants-summary" role="status">
        {t("reports.participants.summary", { people: fmtCount(people), records: fmtCount(rows.length) })}
      </p>

      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-700">{t("reports.participants.empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white print:overflow-visible print:border-slate-300">
          <table className="min-w-full divide-y divide-slate-200 text-sm print:text-xs" data-testid="participants-table">
            <caption className="sr-only">{t("reports.participants.caption", { label, asOf: date(asOf) })}</caption>
            <thead>
              <tr>
                <th scope="col" className={thCls}>
                  {t("reports.participants.col.unit")}
                </th>
                <th scope="col" className={thCls}>
                  {t("reports.participants.col.name")}
                </th>
                <th scope="col" className={numTh}>
                  {t("reports.participants.col.employeeNo")}
                </th>
                <th scope="col" className={thCls}>
                  {t("reports.participants.col.category")}
                </th>
                <th scope="col" className={thCls}>
                  {t("reports.participants.col.title")}
                </th>
                <th scope="col" className={thCls}>
                  {t("reports.participants.col.period")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r, i) => (
                <tr key={`${r.employeeId}-${r.category}-${r.startOn}-${i}`} data-testid="participant-row" className="print:break-inside-avoid">
                  <td className="px-3 py-2 align-top">
                    <span className="block text-slate-900">{r.departmentName}</span>
                    <span className="block text-xs text-slate-600">{r.bureauName}</span>
                  </td>
                  <th scope="row" className="px-3 py-2 text-left align-top font-medium text-slate-900">
                    {r.name}
                    <span className="block text-xs font-normal text-slate-600">{r.nameKana}</span>
                    {r.leftOn ? <span className="mt-0.5 inline-block rounded bg-slate-100 px-1.5 text-xs font-normal text-slate-700">{t("reports.participants.left", { date: date(r.leftOn) })}</span> : null}
                  </th>
                  <td className="px-3 py-2 text-right align-top tabular-nums">{r.employeeNo}</td>
                  <td className="px-3 py-2 align-top">
                    <span className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${CATEGORY_TONE[r.category]}`}>{t(`reports.category.${r.category}`)}</span>
                  </td>
                  <td className="px-3 py-2 align-top">
                    <span className="block text-slate-900">{r.title}</span>
                    <span className="block text-xs text-slate-600">{t("reports.participants.host", { unit: r.hostDepartmentName })}</span>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 align-top text-slate-800">{r.endOn ? t("reports.participants.period", { from: date(r.startOn), to: date(r.endOn) }) : t("reports.participants.periodOpen", { from: date(r.startOn) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="text-xs text-slate-600">{t("reports.participants.note")}</p>
    </div>
  );
}
