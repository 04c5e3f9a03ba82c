import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { completeApplication, withdrawApplication } from "../applications/commands.server";
import { hoursText, periodText, SchemeTag, StatusBadge, StepTracker } from "../applications/components";
import { Facts, Prose } from "../ui/Facts";
import { isApplicationError } from "../applications/errors";
import { parseId } from "../applications/http.server";
import { getApplication } from "../applications/queries.server";
import { applicantActionSchema, completionSchema, REASON_MAX, REPORT_MAX } from "../applications/schemas";
import { WITHDRAWABLE_STATUSES } from "../applications/status";
import { notFound, requireUser } from "../auth/permissions.server";
import { clientIp } from "../context.server";
import { getDb } from "../db.server";
import { translator, useLocale, useT } from "../i18n/i18n";
import { formatDate, formatDateTime } from "../i18n/format";
import { Button } from "../ui/Button";
import { FormError, TextAreaField, TextField } from "../ui/Field";
import { Card, Notice, PageHeader } from "../ui/Page";
import { inputProps, textareaProps } from "../ui/conform";
import "../applications/messages";

export const meta: MetaFunction = () => [{ title: "応募の詳細 | 職員チャレンジポータル" }];

/** Only the applicant: to anyone else this page does not exist. */
async function loadOwn(request: Request, idParam: string | undefined) {
  const user = await requireUser(request);
  const id = parseId(idParam);
  const db = getDb();
  const app = await getApplication(db, id);
  if (!app || app.employee_id !== user.id) notFound();
  return { user, db, app };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, app } = await loadOwn(request, params.id);
  const participation = await db.selectFrom("participations").select(["start_on", "end_on"]).where("application_id", "=", app.id).executeTakeFirst();
  // The applicant sees everything about their own application except who at the host decided.
  const { decided_by: _decidedBy, decided_by_name: _decidedByName, ...own } = app;
  return json({ app: own, participation: participation ?? null });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, db, app } = await loadOwn(request, params.id);
  const t = translator(user.locale);
  const submission = parseWithZod(await request.formData(), { schema: applicantActionSchema(t) });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const value = submission.value;
  try {
    if (value.intent === "withdraw") {
      await withdrawApplication(db, { actorId: user.id, applicationId: app.id, reason: value.reason ?? null, ip: clientIp(context) });
      return redirect(`/me/applications/${app.id}?done=withdrawn`);
    }
    await completeApplication(db, { actorId: user.id, applicationId: app.id, report: value.report, hours: value.hours ?? null, ip: clientIp(context) });
    return redirect(`/me/applications/${app.id}?done=completed`);
  } catch (error) {
    if (!isApplicationError(error)) throw error;
    if (error.code === "not_found") notFound();
    return json({ result: submission.reply({ formErrors: [t(`applications.error.${error.code}`)] }) }, { status: error.status });
  }
}

export default function MyApplication() {
  const { app, participation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: completionSchema(t) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const done = params.get("done");
  const intent = navigation.formData?.get("intent");
  const whatNext = t(`applications.detail.whatNext.${app.status}`, { name: app.supervisor_name ?? "", start: formatDate(app.period_start, locale) });

  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader
        title={app.posting_title}
        lead={
          <span className="flex flex-wrap items-center gap-2">
            <SchemeTag scheme={app.scheme} t={t} />
            <span>{app.host_name}</span>
            <StatusBadge status={app.status} t={t} />
          </span>
        }
        actions={
          <Link to="/me/applications" className="text-sm text-brand-700 underline">
            {t("applications.backToList")}
          </Link>
        }
      />
      {done === "submitted" ? <Notice tone="success">{t("applications.mine.submitted")}</Notice> : null}
      {done === "withdrawn" ? <Notice tone="success">{t("applications.mine.withdrawn")}</Notice> : null}
      {done === "completed" ? <Notice tone="success">{t("applications.mine.completed")}</Notice> : null}
      <div id={form.errorId}>
        <FormError errors={form.errors} />
      </div>

      <div className="space-y-6">
        <Card title={t("applications.detail.steps")}>
          <StepTracker status={app.status} t={t} />
          <p className="mt-3 text-sm text-slate-800" data-testid="what-next">
            {whatNext}
          </p>
          {app.status === "interview" && app.interview_at ? (
            <div className="mt-3 rounded-md border border-sky-300 bg-sky-50 p-3 text-sm">
              <Facts
                rows={[
                  [t("applications.field.interviewAt"), `${formatDateTime(app.interview_at, locale)}（${locale === "ja" ? "日本時間" : "Japan time"}）`],
                  [t("applications.field.interviewPlace"), app.interview_place],
                  [t("applications.field.interviewNote"), app.interview_note],
                ]}
              />
            </div>
          ) : null}
          {app.consent_comment ? (
            <div className="mt-4">
              <h3 className="mb-1 text-sm font-semibold text-slate-800">{app.status === "consent_declined" ? t("applications.detail.declineReason") : t("applications.detail.consentComment")}</h3>
              <Prose>{app.consent_comment}</Prose>
            </div>
          ) : null}
          {app.status === "not_selected" && app.decision_reason ? (
            <div className="mt-4">
              <h3 className="mb-1 text-sm font-semibold text-slate-800">{t("applications.detail.notSelectedReason")}</h3>
              <Prose>{app.decision_reason}</Prose>
            </div>
          ) : null}
          {app.status === "withdrawn" && app.withdraw_reason ? (
            <div className="mt-4">
              <h3 className="mb-1 text-sm font-semibold text-slate-800">{t("applications.detail.withdrawReason")}</h3>
              <Prose>{app.withdraw_reason}</Prose>
            </div>
          ) : null}
          {app.status === "cancelled" && app.cancel_reason ? (
            <div className="mt-4">
              <h3 className="mb-1 text-sm font-semibold text-slate-800">{t("applications.detail.cancelReason")}</h3>
              <Prose>{app.cancel_reason}</Prose>
            </div>
          ) : null}
          {app.status === "completed" && app.completion_report ? (
            <div className="mt-4">
              <h3 className="mb-1 text-sm font-semibold text-slate-800">{t("applications.detail.report")}</h3>
              <Prose>{app.completion_report}</Prose>
              {app.completion_hours !== null ? <p className="mt-1 text-sm text-slate-700">{t("applications.detail.reportHours", { hours: app.completion_hours })}</p> : null}
            </div>
          ) : null}
        </Card>

        <div className="grid gap-6 lg:grid-cols-2">
          <Card title={t("applications.detail.postingInfo")}>
            <Facts
              rows={[
                [t("applications.field.host"), app.host_name],
                [t("applications.field.hours"), hoursText(t, app.hours_per_month)],
                [t("applications.field.period"), periodText(t, locale, app.period_start, app.period_end)],
                [t("applications.field.contact"), app.contact],
                [t("applications.field.supervisor"), app.supervisor_name],
                [t("applications.field.submittedAt"), formatDateTime(app.submitted_at, locale)],
                [t("applications.field.consentAt"), app.consent_decided_at ? formatDateTime(app.consent_decided_at, locale) : null],
                [t("applications.field.decidedAt"), app.decided_at ? formatDateTime(app.decided_at, locale) : null],
                [t("applications.field.participation"), participation ? periodText(t, locale, participation.start_on, participation.end_on ?? participation.start_on) : null],
              ]}
            />
            <Link to={`/postings/${app.posting_id}`} className="mt-4 inline-block text-sm text-brand-700 underline">
              {t("applications.detail.openPosting")}
            </Link>
          </Card>
          <Card title={t("applications.detail.application")}>
            <h3 className="mb-1 text-sm font-semibold text-slate-800">{t("applications.field.motivation")}</h3>
            <Prose>{app.motivation}</Prose>
            <h3 className="mb-1 mt-4 text-sm font-semibold text-slate-800">{t("applications.field.experience")}</h3>
            {app.experience ? <Prose>{app.experience}</Prose> : <p className="text-sm text-slate-600">{t("applications.field.notGiven")}</p>}
            <p className="mt-4 text-sm">
              <span className="font-medium text-slate-600">{t("applications.field.hoursAvailable")}：</span>
              {app.hours_available !== null ? t("applications.field.hoursAvailableValue", { hours: app.hours_available }) : t("applications.field.notGiven")}
            </p>
          </Card>
        </div>

        {app.status === "participating" ? (
          <Card title={t("applications.complete.title")}>
            <p className="mb-4 text-sm text-slate-700">{t("applications.complete.lead")}</p>
            <Form method="post" className="space-y-4" {...getFormProps(form)}>
              <input type="hidden" name="intent" value="complete" />
              <TextAreaField
                label={t("applications.complete.report")}
                hint={t("applications.complete.report.hint", { max: REPORT_MAX })}
                errors={fields.report.errors}
                required
                requiredLabel={t("common.required")}
                rows={6}
                {...textareaProps(fields.report)}
                id="report"
              />
              <div className="max-w-xs">
                <TextField
                  label={t("applications.complete.hours")}
                  errors={fields.hours.errors}
                  inputMode="decimal"
                  {...inputProps(fields.hours, { type: "text" })}
                  id="hours"
                />
              </div>
              <Button type="submit" disabled={navigation.state === "submitting" && intent === "complete"}>
                {t("applications.complete.submit")}
              </Button>
            </Form>
          </Card>
        ) : null}

        {WITHDRAWABLE_STATUSES.includes(app.status) ? (
          <section className="rounded-lg border border-red-200 bg-white p-5 shadow-sm" aria-labelledby="withdraw-title">
            <h2 id="withdraw-title" className="mb-2 text-lg font-semibold text-slate-900">
              {t("applications.withdraw.title")}
            </h2>
            <p className="mb-4 text-sm text-slate-700">{app.status === "participating" ? t("applications.withdraw.leadParticipating") : t("applications.withdraw.lead")}</p>
            <Form method="post" className="space-y-4">
              <input type="hidden" name="intent" value="withdraw" />
              <TextAreaField id="withdraw-reason" name="reason" label={t("applications.withdraw.reason")} hint={t("applications.text.tooLong", { max: REASON_MAX })} rows={3} maxLength={REASON_MAX} />
              <Button type="submit" variant="danger" disabled={navigation.state === "submitting" && intent === "withdraw"}>
                {t("applications.withdraw.submit")}
              </Button>
            </Form>
          </section>
        ) : null}
      </div>
    </div>
  );
}
