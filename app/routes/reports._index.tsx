import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { forbidden, hasRole, requireRole, unitsWithRole } from "../auth/permissions.server";
import { getDb } from "../db.server";
import { fiscalYearLabel, formatDate, todayInTokyo } from "../i18n/format";
import { useLocale, useT, type Translate } from "../i18n/i18n";
import type { Locale } from "../i18n/locale";
import { ChartTable, CumulativeChart, monthLabel } from "../reports/Chart";
import { loadDashboardView } from "../reports/dashboard-view.server";
import { fiscalYearBounds } from "../reports/fiscal-year";
import { PrintButton, PrintStyles } from "../reports/PrintButton";
import { fmtCount, fmtRate, HistoryTable, isUnitSortKey, RateTable, Section, sortUnitRows, type SortDir } from "../reports/ReportTables";
import { Button } from "../ui/Button";
import { Notice } from "../ui/Page";
import "../reports/messages";

export const meta: MetaFunction = () => [{ title: "参加状況 | 職員チャレンジポータル" }];

// The participation dashboard (DESIGN §3, issue 6). hr_admin: the whole prefecture, with the target, the
// drill-down and the consultation counts. supervisor: the same figures for their own unit(s) and everything below
// — no target (targets are prefecture-wide), no list of names, no consultation figures. Everyone else: 403.
// All inputs are GET parameters (fy, asOf, unit, sort, dir), so the page works and prints without JavaScript.

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "hr_admin", "supervisor");
  const db = getDb();
  const url = new URL(request.url);
  const today = todayInTokyo();
  const isHr = hasRole(user, "hr_admin");

  let units: { id: number; name: string }[] = [];
  let departmentId: number | null = null;
  if (!isHr) {
    const ids = unitsWithRole(user, "supervisor");
    if (ids.length === 0) forbidden();
    units = await db.selectFrom("departments").select(["id", "name"]).where("id", "in", ids).orderBy("code").execute();
    if (units.length === 0) forbidden();
    const requested = Number(url.searchParams.get("unit"));
    departmentId = units.some((u) => u.id === requested) ? requested : units[0].id;
  }

  const view = await loadDashboardView(db, { fy: url.searchParams.get("fy"), asOf: url.searchParams.get("asOf"), departmentId, includeConsultations: isHr }, today, { request });

  const sortParam = url.searchParams.get("sort");
  const dirParam = url.searchParams.get("dir");
  const sort = { key: isUnitSortKey(sortParam) ? sortParam : "code", dir: (dirParam === "asc" || dirParam === "desc" ? dirParam : sortParam && sortParam !== "code" ? "desc" : "asc") as SortDir } as const;

  return json(
    {
      ...view,
      today,
      isHr,
      units,
      departmentId,
      unitName: units.find((u) => u.id === departmentId)?.name ?? null,
      sort,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export default function ReportsDashboard() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const { report, fiscalYear, asOf } = data;
  const label = fiscalYearLabel(fiscalYear, locale);
  const lastLabel = fiscalYearLabel(fiscalYear - 1, locale);
  const { first, last } = fiscalYearBounds(fiscalYear);
  const date = (d: string) => formatDate(d, locale);
  const query = new URLSearchParams({ fy: String(fiscalYear), asOf });
  if (data.departmentId !== null) query.set("unit", String(data.departmentId));
  const unitLevel = data.breakdowns.unitLevel;

  return (
    <div className="mx-auto max-w-6xl space-y-6 print:space-y-4" data-testid="reports-dashboard">
      <PrintStyles />
      <header className="flex flex-wrap items-end justify-between gap-4 border-b border-slate-200 pb-4 print:pb-2">
        <div>
          <h1 className="text-2xl font-bold text-slate-900 print:text-xl">{data.unitName ? t("reports.title.unit", { unit: data.unitName }) : t("reports.title")}</h1>
          <p className="mt-1 text-slate-700" data-testid="report-period">
            {t("reports.period", { label, from: date(first), to: date(last), asOf: date(asOf) })}
          </p>
        </div>
        <div className="flex flex-wrap gap-2 print:hidden">
          <PrintButton label={t("reports.print")} />
          {data.isHr ? (
            <>
              <Link to={`/reports/participants?${new URLSearchParams({ fy: String(fiscalYear), asOf })}`} className="inline-flex items-center rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold text-slate-900 shadow-sm hover:bg-slate-50">
                {t("reports.toParticipants")}
              </Link>
              <Link to="/reports/targets" className="inline-flex items-center rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold text-slate-900 shadow-sm hover:bg-slate-50">
                {t("reports.toTargets")}
              </Link>
            </>
          ) : null}
        </div>
      </header>

      <ScopeForm data={data} t={t} locale={locale} />
      {data.asOfIgnored ? <Notice tone="warning">{t("reports.asOf.ignored", { label, from: date(first), to: date(last), asOf: date(asOf) })}</Notice> : null}

      <Headline data={data} t={t} locale={locale} />

      <Section id="monthly" title={t("reports.monthly.title")} lead={t("reports.monthly.lead")}>
        <div className="space-y-4">
          <CumulativeChart rows={data.monthly} target={report.target} label={label} lastLabel={lastLabel} asOfLabel={date(asOf)} t={t} locale={locale} />
          <ChartTable rows={data.monthly} label={label} lastLabel={lastLabel} target={report.target} partialNote={partialMonthNote(data.monthly, asOf, t, locale)} t={t} locale={locale} />
        </div>
      </Section>

      <Section id="units" title={t(`reports.units.title.${unitLevel}`)} lead={t(`reports.units.lead.${unitLevel}`)}>
        <RateTable
          id="units"
          caption={t(`reports.units.title.${unitLevel}`)}
          labelHeader={t(`reports.col.${unitLevel}`)}
          rows={sortUnitRows(data.breakdowns.byUnit, data.sort).map((row) => ({
            key: String(row.departmentId),
            label: row.isScopeRoot ? t("reports.units.ownStaff", { unit: row.name }) : row.name,
            participants: row.participants,
            headcount: row.headcount,
            rate: row.rate,
          }))}
          total={data.breakdowns.totals}
          sort={data.sort}
          t={t}
        />
      </Section>

      <div className="grid gap-6 lg:grid-cols-2 print:grid-cols-2 print:gap-3">
        <Section id="grades" title={t("reports.grades.title")} lead={t("reports.grades.lead")}>
          <RateTable
            id="grades"
            caption={t("reports.grades.title")}
            labelHeader={t("reports.col.grade")}
            rows={data.breakdowns.byGrade.map((row) => ({ key: row.grade, label: locale === "en" ? row.nameEn : row.grade, participants: row.participants, headcount: row.headcount, rate: row.rate }))}
            total={data.breakdowns.totals}
            t={t}
            printBars={false}
          />
        </Section>
        <Section id="ages" title={t("reports.ages.title")} lead={t("reports.ages.lead", { year: asOf.slice(0, 4) })}>
          <RateTable
            id="ages"
            caption={t("reports.ages.title")}
            labelHeader={t("reports.col.age")}
            rows={data.breakdowns.byAgeBand.map((row) => ({ key: row.band, label: t(`reports.age.${row.band}`), participants: row.participants, headcount: row.headcount, rate: row.rate }))}
            total={data.breakdowns.totals}
            t={t}
            printBars={false}
          />
        </Section>
      </div>

      <Section id="history" title={t("reports.history.title")} lead={t("reports.history.lead")}>
        <HistoryTable rows={data.history} selected={fiscalYear} showTarget={data.isHr} t={t} locale={locale} formatDate={date} />
      </Section>

      <div className={`grid gap-6 print:gap-3 ${data.consultations ? "lg:grid-cols-2" : ""}`}>
        <ContestCard data={data} t={t} label={label} />
        {data.consultations ? <ConsultationCard consultations={data.consultations} t={t} locale={locale} label={label} asOf={date(asOf)} /> : null}
      </div>

      <Downloads query={query} isHr={data.isHr} t={t} />

      <Section id="rules" title={t("reports.rules.title")}>
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
          <li>{t("reports.rules.counting")}</li>
          <li>{t("reports.rules.contest")}</li>
          <li>{t("reports.rules.distinct")}</li>
          <li>{t("reports.rules.headcount")}</li>
          <li>{t("reports.rules.directory")}</li>
        </ul>
      </Section>
    </div>
  );
}

/** 「11月は基準日（2026年11月22日）時点の値です。」 when the as-of date is not a month end. */
function partialMonthNote(rows: { month: string; thisYear: number | null }[], asOf: string, t: Translate, locale: Locale): string | null {
  const month = asOf.slice(0, 7);
  const row = rows.find((r) => r.month === month);
  const [y, m] = month.split("-").map(Number);
  const lastDay = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  if (!row || row.thisYear === null || asOf === lastDay) return null;
  return t("reports.chart.partial", { month: monthLabel(month, locale), asOf: formatDate(asOf, locale) });
}

function ScopeForm({ data, t, locale }: { data: Data; t: Translate; locale: Locale }) {
  const { first, last } = fiscalYearBounds(data.fiscalYear);
  const control = "mt-1 block rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600";
  return (
    <Form
      // Remount on every change of scope: the controls are uncontrolled (defaultValue) and must show the new one.
      key={`${data.fiscalYear}|${data.asOf}|${data.departmentId ?? ""}`}
      method="get"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm print:hidden"
      aria-label={t("reports.scope.label")}
      data-testid="scope-form"
    >
      {data.units.length > 1 ? (
        <div>
          <label htmlFor="unit" className="block text-sm font-medium text-slate-800">
            {t("reports.scope.unit")}
          </label>
          <select id="unit" name="unit" defaultValue={data.departmentId ?? undefined} className={control}>
            {data.units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
      ) : data.departmentId !== null ? (
        <input type="hidden" name="unit" value={data.departmentId} />
      ) : null}
      <div>
        <label htmlFor="fy" className="block text-sm font-medium text-slate-800">
          {t("reports.scope.fiscalYear")}
        </label>
        <select
          id="fy"
          name="fy"
          defaultValue={data.fiscalYear}
          className={control}
          onChange={(event) => {
            // A date of the previous year does not belong to the new one: let the default apply.
            const asOf = event.currentTarget.form?.elements.namedItem("asOf");
            if (asOf instanceof HTMLInputElement) asOf.value = "";
          }}
        >
          {data.years.map((fy) => (
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
        <input id="asOf" name="asOf" type="date" defaultValue={data.asOf} className={control} aria-describedby="asOf-hint" />
      </div>
      <Button type="submit">{t("reports.scope.show")}</Button>
      <p id="asOf-hint" className="w-full text-xs text-slate-600">
        {t("reports.scope.asOfHint")}
      </p>
    </Form>
  );
}

function Headline({ data, t, locale }: { data: Data; t: Translate; locale: Locale }) {
  const { report, pace } = data;
  const target = report.target;
  const ratio = target ? report.participants / target : null;
  const percentOfTarget = ratio === null ? null : Math.floor(ratio * 100);
  return (
    <section aria-labelledby="headline-title" className="space-y-4 print:break-inside-avoid">
      <h2 id="headline-title" className="sr-only">
        {t("reports.headline.title")}
      </h2>
      <div className="grid gap-4 lg:grid-cols-3 print:grid-cols-3 print:gap-3">
        <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm lg:col-span-2 print:col-span-2 print:rounded-none print:border-slate-300 print:p-3 print:shadow-none">
          <p className="text-sm font-semibold text-slate-700">{t("reports.headline.participants")}</p>
          <p className="mt-1 flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <span className="text-5xl font-bold tabular-nums text-slate-900 print:text-4xl" data-testid="headline-participants">
              {fmtCount(report.participants)}
            </span>
            <span className="text-lg text-slate-800">{t("reports.unit.people")}</span>
            {target !== null ? (
              <span className="text-lg text-slate-700" data-testid="headline-target">
                {t("reports.headline.ofTarget", { target: fmtCount(target) })}
              </span>
            ) : null}
            <span className="ml-auto rounded-md bg-slate-100 px-2.5 py-1 text-sm text-slate-800" data-testid="headline-gross">
              {t("reports.headline.gross", { count: fmtCount(report.grossParticipants) })}
            </span>
          </p>
          {target !== null && ratio !== null ? (
            <div className="mt-4">
              <div
                role="progressbar"
                aria-label={t("reports.headline.progressLabel")}
                aria-valuemin={0}
                aria-valuemax={target}
                aria-valuenow={Math.min(report.participants, target)}
                aria-valuetext={t("reports.headline.progressText", { count: report.participants, target, percent: percentOfTarget ?? 0 })}
                className="h-4 w-full overflow-hidden rounded-full bg-slate-200 print:border print:border-slate-400"
                data-testid="target-progress"
              >
                <div className={`h-full rounded-full ${ratio >= 1 ? "bg-green-700" : "bg-brand-700"}`} style={{ width: `${Math.min(100, ratio * 100)}%` }} />
              </div>
              <p className="mt-2 flex flex-wrap justify-between gap-2 text-sm text-slate-800">
                <span className="font-semibold" data-testid="target-percent">
                  {t("reports.headline.percentOfTarget", { percent: percentOfTarget ?? 0 })}
                </span>
                {pace ? (
                  <span data-testid="target-pace" className={pace.status === "achieved" ? "font-semibold text-green-800" : "font-semibold text-brand-900"}>
                    {pace.status === "achieved"
                      ? t("reports.pace.achieved")
                      : pace.status === "lastMonth"
                        ? t("reports.pace.lastMonth", { people: pace.remainingPeople })
                        : t("reports.pace.perMonth", { months: pace.remainingMonths, perMonth: (pace.perMonth ?? 0).toFixed(1), people: pace.remainingPeople })}
                  </span>
                ) : null}
              </p>
            </div>
          ) : (
            <p className="mt-3 text-sm text-slate-700" data-testid="no-target">
              {data.departmentId !== null ? t("reports.headline.noUnitTarget") : t("reports.headline.noTarget")}
              {data.departmentId === null && data.isHr ? (
                <>
                  {" "}
                  <Link to="/reports/targets" className="font-semibold text-brand-700 underline print:hidden">
                    {t("reports.headline.setTarget")}
                  </Link>
                </>
              ) : null}
            </p>
          )}
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm print:rounded-none print:border-slate-300 print:p-3 print:shadow-none">
          <p className="text-sm font-semibold text-slate-700">{t("reports.headline.rate")}</p>
          <p className="mt-1 text-5xl font-bold tabular-nums text-slate-900 print:text-4xl" data-testid="headline-rate">
            {fmtRate(report.participationRate)}
          </p>
          <p className="mt-2 text-sm text-slate-700">{t("reports.headline.rateOf", { headcount: fmtCount(report.headcount), asOf: formatDate(report.asOf, locale) })}</p>
        </div>
      </div>

      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm print:rounded-none print:border-slate-300 print:p-3 print:shadow-none" data-testid="scheme-breakdown">
        <h3 className="text-sm font-semibold text-slate-700">{t("reports.schemes.title")}</h3>
        <dl className="mt-3 grid gap-4 sm:grid-cols-2 print:grid-cols-2">
          <div className="rounded-md border-l-4 border-brand-700 bg-brand-50 px-4 py-3">
            <dt className="text-sm font-semibold text-brand-900">{t("reports.schemes.sideJob")}</dt>
            <dd>
              <span className="text-3xl font-bold tabular-nums text-slate-900" data-testid="side-job">
                {fmtCount(report.sideJob.participants)}
              </span>{" "}
              <span className="text-slate-800">{t("reports.unit.people")}</span>
              <ul className="mt-1 space-y-0.5 text-sm text-slate-800">
                <li data-testid="via-postings">{t("reports.schemes.viaPostings", { count: fmtCount(report.sideJob.viaPostings) })}</li>
                <li data-testid="via-contest">{t("reports.schemes.viaContest", { count: fmtCount(report.sideJob.viaContest) })}</li>
              </ul>
            </dd>
          </div>
          <div className="rounded-md border-l-4 border-amber-700 bg-amber-50 px-4 py-3">
            <dt className="text-sm font-semibold text-amber-900">{t("reports.schemes.jobChallenge")}</dt>
            <dd>
              <span className="text-3xl font-bold tabular-nums text-slate-900" data-testid="job-challenge">
                {fmtCount(report.jobChallenge.participants)}
              </span>{" "}
              <span className="text-slate-800">{t("reports.unit.people")}</span>
              <p className="mt-1 text-sm text-slate-800">{t("reports.schemes.jobChallengeNote")}</p>
            </dd>
          </div>
        </dl>
        <p className="mt-3 text-xs text-slate-600">{t("reports.schemes.note")}</p>
      </div>
    </section>
  );
}

function ContestCard({ data, t, label }: { data: Data; t: Translate; label: string }) {
  const c = data.contest;
  return (
    <Section id="contest" title={t("reports.contest.title")} lead={t(data.departmentId === null ? "reports.contest.lead" : "reports.contest.leadUnit", { label })}>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 print:grid-cols-4">
        {(
          [
            ["proposals", c.proposals, "reports.unit.cases"],
            ["adopted", c.adopted, "reports.unit.cases"],
            ["stepUp", c.stepUp, "reports.unit.cases"],
            ["engaged", c.engaged, "reports.unit.people"],
          ] as const
        ).map(([key, value, unit]) => (
          <div key={key} className="rounded-md border border-slate-200 bg-slate-50 p-3">
            <dt className="text-xs font-medium text-slate-700">{t(`reports.contest.${key}`)}</dt>
            <dd className="mt-1 text-2xl font-bold tabular-nums text-slate-900" data-testid={`contest-${key}`}>
              {fmtCount(value)}
              <span className="ml-1 text-sm font-normal text-slate-700">{t(unit)}</span>
            </dd>
          </div>
        ))}
      </dl>
      {c.kpi ? (
        <p className={`mt-3 rounded-md border-l-4 px-3 py-2 text-sm ${c.kpi.met ? "border-green-700 bg-green-50 text-green-900" : "border-amber-700 bg-amber-50 text-amber-900"}`} data-testid="contest-kpi">
          <span className="font-semibold">{t("reports.contest.kpi", { min: c.kpi.min, max: c.kpi.max })}</span>
          {" — "}
          {c.kpi.met ? t("reports.contest.kpiMet", { count: c.adopted }) : t("reports.contest.kpiNotMet", { count: c.adopted })}
        </p>
      ) : null}
    </Section>
  );
}

function ConsultationCard({ consultations, t, locale, label, asOf }: { consultations: NonNullable<Data["consultations"]>; t: Translate; locale: Locale; label: string; asOf: string }) {
  const max = Math.max(1, ...consultations.byMonth.map((m) => m.count ?? 0));
  return (
    <Section id="consultations" title={t("reports.consultations.title")} lead={t("reports.consultations.lead", { label, asOf })}>
      <table className="w-full text-sm" data-testid="table-consultations">
        <caption className="sr-only">{t("reports.consultations.title")}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th scope="col" className="py-1.5 pr-3 font-semibold">
              {t("reports.col.month")}
            </th>
            <th scope="col" className="w-20 py-1.5 pr-3 text-right font-semibold">
              {t("reports.col.consultations")}
            </th>
            <th scope="col" className="w-1/2 py-1.5">
              <span className="sr-only">{t("reports.col.bar")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {consultations.byMonth.map((m) => (
            <tr key={m.key} data-testid="consultation-row" data-month={m.key}>
              <th scope="row" className="py-1 pr-3 text-left font-normal text-slate-900">
                {locale === "ja" ? `${Number(m.key.slice(0, 4))}年${monthLabel(m.key, locale)}` : `${monthLabel(m.key, locale)} ${m.key.slice(0, 4)}`}
              </th>
              <td className="py-1 pr-3 text-right tabular-nums">{m.count === null ? <span title={t("reports.consultations.suppressedHint")}>{m.reason === "small" ? t("reports.consultations.small", { threshold: consultations.threshold }) : t("reports.consultations.hidden")}</span> : m.count}</td>
              <td className="py-1" aria-hidden="true">
                {m.count ? <div className="h-2 rounded-sm bg-brand-600/80" style={{ width: `${Math.max(2, (m.count / max) * 100)}%` }} /> : null}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t-2 border-slate-300">
            <th scope="row" className="py-1.5 pr-3 text-left font-semibold">
              {t("reports.total")}
            </th>
            <td className="py-1.5 pr-3 text-right font-semibold tabular-nums" data-testid="consultations-total">
              {fmtCount(consultations.total)}
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
      <p className="mt-2 text-xs text-slate-600">{t("reports.consultations.note", { threshold: consultations.threshold })}</p>
    </Section>
  );
}

function Downloads({ query, isHr, t }: { query: URLSearchParams; isHr: boolean; t: Translate }) {
  const href = (format: "csv" | "xlsx", kind: "summary" | "participants") => {
    const params = new URLSearchParams(query);
    params.set("kind", kind);
    return `/reports/export.${format}?${params}`;
  };
  const link = "inline-flex items-center gap-1 rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm font-semibold text-brand-800 shadow-sm hover:bg-slate-50";
  const kinds = isHr ? (["summary", "participants"] as const) : (["summary"] as const);
  return (
    <Section id="downloads" title={t("reports.downloads.title")} lead={t("reports.downloads.lead")} className="print:hidden">
      <ul className="space-y-2">
        {kinds.map((kind) => (
          <li key={kind} className="flex flex-wrap items-center gap-2">
            <span className="w-48 text-sm font-medium text-slate-800">{t(`reports.downloads.${kind}`)}</span>
            <a href={href("csv", kind)} className={link} download data-testid={`download-${kind}-csv`}>
              {t("reports.downloads.csv")}
            </a>
            <a href={href("xlsx", kind)} className={link} download data-testid={`download-${kind}-xlsx`}>
              {t("reports.downloads.xlsx")}
            </a>
          </li>
        ))}
      </ul>
    </Section>
  );
}
