import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireRole } from "../auth/permissions.server";
import { clientIp } from "../context.server";
import { getDb } from "../db.server";
import { fiscalYearLabel, fiscalYearOf, formatDateTime, todayInTokyo } from "../i18n/format";
import { translator, useLocale, useT } from "../i18n/i18n";
import { participationReport } from "../reports/participation.server";
import { fmtCount, numTh, thCls } from "../reports/ReportTables";
import { targetSchema, targetYearOptions, TARGET_MAX, TARGET_MIN } from "../reports/target-schema";
import { listTargets, setParticipationTarget } from "../reports/targets.server";
import { Button } from "../ui/Button";
import { SelectField, TextField } from "../ui/Field";
import { Notice } from "../ui/Page";
import { inputProps, selectProps } from "../ui/conform";
import "../reports/messages";

export const meta: MetaFunction = () => [{ title: "参加目標の設定 | 職員チャレンジポータル" }];

// hr_admin sets the participation target (実人数) of a fiscal year; every change is audit-logged with the previous
// value by setParticipationTarget. Targets are prefecture-wide: units have none.

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "hr_admin");
  const db = getDb();
  const today = todayInTokyo();
  const current = fiscalYearOf(today);
  const targets = await listTargets(db);
  // Progress of each year that has begun, as of today (or its last day), with the report's own numbers.
  const progress = await Promise.all(targets.map((row) => (row.fiscal_year <= current ? participationReport(db, { fiscalYear: row.fiscal_year }, today) : Promise.resolve(null))));
  const url = new URL(request.url);
  const saved = Number(url.searchParams.get("saved"));
  const savedRow = targets.find((row) => row.fiscal_year === saved) ?? null;
  return json(
    {
      current,
      yearOptions: targetYearOptions(current),
      targets: targets.map((row, i) => ({
        fiscalYear: row.fiscal_year,
        target: row.target,
        updatedAt: row.updated_at,
        participants: progress[i]?.participants ?? null,
        asOf: progress[i]?.asOf ?? null,
      })),
      saved: savedRow ? { fiscalYear: savedRow.fiscal_year, target: savedRow.target } : null,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, "hr_admin");
  const t = translator(admin.locale);
  const current = fiscalYearOf(todayInTokyo());
  const submission = parseWithZod(await request.formData(), { schema: targetSchema(t, targetYearOptions(current)) });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  await setParticipationTarget(getDb(), { fiscalYear: submission.value.fiscalYear, target: submission.value.target }, { actorId: admin.id, ip: clientIp(context) });
  return redirect(`/reports/targets?saved=${submission.value.fiscalYear}`);
}

export default function ReportTargets() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <header className="border-b border-slate-200 pb-4">
        <p className="text-sm">
          <Link to="/reports" className="font-semibold text-brand-700 underline">
            {t("reports.targets.back")}
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-bold text-slate-900">{t("reports.targets.title")}</h1>
        <p className="mt-1 text-slate-700">{t("reports.targets.lead")}</p>
      </header>

      {data.saved ? <Notice tone="success">{t("reports.targets.saved", { label: fiscalYearLabel(data.saved.fiscalYear, locale), target: fmtCount(data.saved.target) })}</Notice> : null}

      <div className="grid items-start gap-6 lg:grid-cols-[3fr_2fr]">
        <section aria-labelledby="targets-list-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="targets-list-title" className="text-lg font-semibold text-slate-900">
            {t("reports.targets.list")}
          </h2>
          {data.targets.length === 0 ? (
            <p className="mt-3 text-slate-700">{t("reports.targets.empty")}</p>
          ) : (
            <div className="mt-3 overflow-x-auto">
              <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="targets-table">
                <caption className="sr-only">{t("reports.targets.list")}</caption>
                <thead>
                  <tr>
                    <th scope="col" className={thCls}>
                      {t("reports.col.fiscalYear")}
                    </th>
                    <th scope="col" className={numTh}>
                      {t("reports.col.target")}
                    </th>
                    <th scope="col" className={numTh}>
                      {t("reports.targets.col.progress")}
                    </th>
                    <th scope="col" className={thCls}>
                      {t("reports.targets.col.updated")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {data.targets.map((row) => (
                    <tr key={row.fiscalYear} data-testid="target-row" data-fy={row.fiscalYear}>
                      <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">
                        <Link to={`/reports?fy=${row.fiscalYear}`} className="text-brand-700 underline">
                          {fiscalYearLabel(row.fiscalYear, locale)}
                        </Link>
                        {locale === "ja" ? <span className="ml-1 text-xs font-normal text-slate-600">（{row.fiscalYear}年度）</span> : null}
                      </th>
                      <td className="px-3 py-2 text-right font-semibold tabular-nums">{t("reports.people", { count: fmtCount(row.target) })}</td>
                      <td className="px-3 py-2 text-right tabular-nums text-slate-800">
                        {row.participants === null ? (
                          <span className="text-slate-600">{t("reports.targets.notStarted")}</span>
                        ) : (
                          t("reports.targets.progress", { count: fmtCount(row.participants), percent: Math.floor((row.participants / row.target) * 100) })
                        )}
                      </td>
                      <td className="px-3 py-2 text-slate-700">{formatDateTime(row.updatedAt, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        {/* Remounted after each save so the form starts afresh (conform keeps its own state otherwise). */}
        <TargetForm key={data.targets.map((row) => `${row.fiscalYear}:${row.target}:${row.updatedAt}`).join("|")} data={data} />
      </div>
    </div>
  );
}

function TargetForm({ data }: { data: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const existing = new Map(data.targets.map((row) => [row.fiscalYear, row.target]));
  const defaultYear = data.yearOptions.find((fy) => fy >= data.current && !existing.has(fy)) ?? data.current;
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { fiscalYear: String(defaultYear), target: "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: targetSchema(t, data.yearOptions) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <section aria-labelledby="target-form-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="target-form-title" className="text-lg font-semibold text-slate-900">
        {t("reports.targets.formTitle")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t("reports.targets.formLead")}</p>
      <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
        <SelectField label={t("reports.targets.fiscalYear")} errors={fields.fiscalYear.errors} required requiredLabel={t("common.required")} {...selectProps(fields.fiscalYear)} id="fiscalYear">
          {data.yearOptions.map((fy) => (
            <option key={fy} value={fy}>
              {fiscalYearLabel(fy, locale)}
              {locale === "ja" ? `（${fy}年度）` : ""}
              {existing.has(fy) ? t("reports.targets.currentValue", { target: fmtCount(existing.get(fy)!) }) : ""}
            </option>
          ))}
        </SelectField>
        <div className="max-w-xs">
          <TextField
            label={t("reports.targets.target")}
            hint={t("reports.targets.targetHint", { min: TARGET_MIN, max: fmtCount(TARGET_MAX) })}
            errors={fields.target.errors}
            required
            requiredLabel={t("common.required")}
            inputMode="numeric"
            autoComplete="off"
            {...inputProps(fields.target, { type: "text" })}
            id="target"
          />
        </div>
        <p className="text-sm text-slate-600">{t("reports.targets.auditNote")}</p>
        <Button type="submit" disabled={navigation.state === "submitting"}>
          {t("reports.targets.submit")}
        </Button>
      </Form>
    </section>
  );
}
