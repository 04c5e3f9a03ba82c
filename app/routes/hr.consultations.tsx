import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, useLoaderData } from "@remix-run/react";
import { requireRole } from "../auth/permissions.server";
import { StatsBreakdown, StatTile, type StatRow } from "../consultations/CounselorStats";
import { getConsultationStats, listStatsFiscalYears } from "../consultations/stats.server";
import { getDb } from "../db.server";
import { fiscalYearLabel, fiscalYearOf, formatDate, todayInTokyo } from "../i18n/format";
import { useLocale, useT } from "../i18n/i18n";
import { Button } from "../ui/Button";
import { PageHeader } from "../ui/Page";
import "../consultations/counselor.messages";

export const meta: MetaFunction = () => [{ title: "キャリア相談の利用状況 | 職員チャレンジポータル" }];

// hr_admin: aggregates of the career consultation room only. The loader sends counts with small cells already
// suppressed (app/consultations/suppression.ts) — never a booking, a name, a time or a note.

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "hr_admin");
  const db = getDb();
  const years = await listStatsFiscalYears(db);
  const requested = Number(new URL(request.url).searchParams.get("fy"));
  const current = fiscalYearOf(todayInTokyo());
  const fiscalYear = years.includes(requested) ? requested : years.includes(current) ? current : years[0];
  const stats = await getConsultationStats(db, { fiscalYear });
  return json({ years, stats }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function HrConsultations() {
  const { years, stats } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const label = fiscalYearLabel(stats.fiscalYear, locale);
  const monthLabel = (key: string) => {
    const [year, month] = key.split("-").map(Number);
    return locale === "en" ? new Date(Date.UTC(year, month - 1, 1)).toLocaleString("en-GB", { month: "short", year: "numeric", timeZone: "UTC" }) : `${year}年${month}月`;
  };
  const rows = <K extends string>(cells: { key: K; count: number | null; suppressed: boolean; reason?: "small" | "secondary" }[], labelOf: (key: K) => string): StatRow[] =>
    cells.map((cell) => ({ ...cell, label: labelOf(cell.key) }));
  const common = { total: stats.totals.held, threshold: stats.threshold, t };

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <PageHeader
        title={t("hrConsult.title")}
        lead={t("hrConsult.lead")}
        actions={
          <Form method="get" className="flex items-end gap-2">
            <div>
              <label htmlFor="fy" className="block text-sm font-medium text-slate-800">
                {t("hrConsult.fiscalYear")}
              </label>
              <select id="fy" name="fy" defaultValue={stats.fiscalYear} className="mt-1 block rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600">
                {years.map((fy) => (
                  <option key={fy} value={fy}>
                    {fiscalYearLabel(fy, locale)}
                    {locale === "ja" ? `（${fy}年度）` : ""}
                  </option>
                ))}
              </select>
            </div>
            <Button type="submit" variant="secondary">
              {t("hrConsult.show")}
            </Button>
          </Form>
        }
      />

      <p className="text-sm text-slate-700">{t("hrConsult.period", { label, from: formatDate(stats.firstDay, locale), to: formatDate(stats.lastDay, locale) })}</p>

      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatTile label={t("hrConsult.total.held")} value={stats.totals.held} hint={t("hrConsult.total.heldHint")} testId="total-held" />
        <StatTile label={t("hrConsult.total.upcoming")} value={stats.totals.upcoming} hint={t("hrConsult.total.upcomingHint")} testId="total-upcoming" />
        <StatTile label={t("hrConsult.total.awaitingRecord")} value={stats.totals.awaitingRecord} hint={t("hrConsult.total.awaitingRecordHint")} testId="total-awaiting" />
        <StatTile label={t("hrConsult.total.noShow")} value={stats.totals.noShow} testId="total-no-show" />
      </div>

      <div className="rounded-md border-l-4 border-brand-600 bg-brand-50 px-4 py-3 text-sm text-brand-900" role="note">
        <p className="font-semibold">{t("hrConsult.privacy.title")}</p>
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          <li>{t("hrConsult.privacy.small", { threshold: stats.threshold })}</li>
          <li>{t("hrConsult.privacy.secondary", { threshold: stats.threshold })}</li>
          <li>{t("hrConsult.privacy.noIndividual")}</li>
        </ul>
      </div>

      <StatsBreakdown id="month" title={t("hrConsult.byMonth")} labelHeader={t("hrConsult.col.month")} rows={rows(stats.byMonth, monthLabel)} {...common} />

      <div className="grid gap-6 lg:grid-cols-2">
        <StatsBreakdown id="mode" title={t("hrConsult.byMode")} labelHeader={t("hrConsult.col.mode")} rows={rows(stats.byMode, (key) => t(`counselor.mode.${key}`))} {...common} />
        <StatsBreakdown id="age" title={t("hrConsult.byAge")} labelHeader={t("hrConsult.col.age")} rows={rows(stats.byAge, (key) => t(`hrConsult.age.${key}`))} {...common} />
        <StatsBreakdown id="topic" title={t("hrConsult.byTopic")} labelHeader={t("hrConsult.col.topic")} rows={rows(stats.byTopic, (key) => t(`counselor.topic.${key}`))} {...common} />
        <StatsBreakdown id="bureau" title={t("hrConsult.byBureau")} labelHeader={t("hrConsult.col.bureau")} rows={stats.byBureau} {...common} />
      </div>

      <section aria-labelledby="rules-title" className="rounded-lg border border-slate-200 bg-white p-5 text-sm text-slate-700 shadow-sm">
        <h2 id="rules-title" className="mb-2 text-base font-semibold text-slate-900">
          {t("hrConsult.rules.title")}
        </h2>
        <ul className="list-disc space-y-1 pl-5">
          <li>{t("hrConsult.rules.held")}</li>
          <li>{t("hrConsult.rules.bureau")}</li>
          <li>{t("hrConsult.rules.age")}</li>
        </ul>
      </section>
    </div>
  );
}
