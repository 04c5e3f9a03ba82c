import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { standardMonthlyHours } from "../applications/cap";
import { consentToApplication, declineConsent } from "../applications/commands.server";
import { CapTable, hoursText, periodText, SchemeTag, StatusBadge, waitingText } from "../applications/components";
import { Facts, Prose } from "../ui/Facts";
import { isApplicationError } from "../applications/errors";
import { parseId } from "../applications/http.server";
import { getApplication, sideJobCapFor } from "../applications/queries.server";
import { consentSchema, declineSchema, REASON_MAX } from "../applications/schemas";
import { elapsedSince } from "../calendar.server";
import { notFound, requireUser } from "../auth/permissions.server";
import { clientIp } from "../context.server";
import { getDb } from "../db.server";
import { translator, useLocale, useT } from "../i18n/i18n";
import { formatDateTime } from "../i18n/format";
import { Button } from "../ui/Button";
import { FormError, TextAreaField } from "../ui/Field";
import { Card, Notice, PageHeader } from "../ui/Page";
import { textareaProps } from "../ui/conform";
import "../applications/messages";

export const meta: MetaFunction = () => [{ title: "応募への同意 | 職員チャレンジポータル" }];

/** Only the supervisor the application was addressed to; to anyone else it does not exist. */
async function loadAddressed(request: Request, idParam: string | undefined) {
  const user = await requireUser(request);
  const id = parseId(idParam);
  const db = getDb();
  const app = await getApplication(db, id);
  if (!app || app.supervisor_id !== user.id) notFound();
  return { user, db, app };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, app } = await loadAddressed(request, params.applicationId);
  const side = app.scheme === "side_job" ? await sideJobCapFor(db, { employeeId: app.employee_id, posting: app, excludeApplicationId: app.id }) : null;
  return json({
    app: {
      id: app.id,
      status: app.status,
      scheme: app.scheme,
      posting_id: app.posting_id,
      posting_title: app.posting_title,
      host_name: app.host_name,
      hours_per_month: app.hours_per_month,
      period_start: app.period_start,
      period_end: app.period_end,
      applicant_name: app.applicant_name,
      applicant_no: app.applicant_no,
      applicant_unit: app.applicant_unit,
      applicant_grade: app.applicant_grade,
      motivation: app.motivation,
      experience: app.experience,
      hours_available: app.hours_available,
      submitted_at: app.submitted_at,
      consent_decided_at: app.consent_decided_at,
      consent_comment: app.consent_comment,
    },
    waiting: elapsedSince(app.submitted_at, new Date()),
    cap: side?.cap ?? null,
    commitments: side?.commitments ?? [],
    standardHours: standardMonthlyHours(),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, db, app } = await loadAddressed(request, params.applicationId);
  const t = translator(user.locale);
  const submission = parseWithZod(await request.formData(), { schema: consentSchema(t) });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const value = submission.value;
  try {
    if (value.intent === "consent") {
      await consentToApplication(db, { actorId: user.id, applicationId: app.id, comment: value.comment ?? null, ip: clientIp(context) });
    } else {
      await declineConsent(db, { actorId: user.id, applicationId: app.id, reason: value.reason, ip: clientIp(context) });
    }
  } catch (error) {
    if (!isApplicationError(error)) throw error;
    if (error.code === "not_found") notFound();
    return json({ result: submission.reply({ formErrors: [t(`applications.error.${error.code}`)] }) }, { status: error.status });
  }
  return redirect(`/supervisor/consents/${app.id}?done=${value.intent}`);
}

export default function ConsentPage() {
  const { app, waiting, cap, commitments, standardHours } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: declineSchema(t) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const done = params.get("done");
  const pending = app.status === "awaiting_consent";
  const busy = navigation.state === "submitting";

  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader
        title={t("applications.consent.detailTitle")}
        lead={`${app.applicant_name}（${app.applicant_unit}）— ${app.posting_title}`}
        actions={
          <Link to="/supervisor/consents" className="text-sm text-brand-700 underline">
            {t("applications.backToList")}
          </Link>
        }
      />
      {done === "consent" ? <Notice tone="success">{t("applications.consent.done.consent")}</Notice> : null}
      {done === "decline" ? <Notice tone="success">{t("applications.consent.done.decline")}</Notice> : null}
      <div id={form.errorId}>
        <FormError errors={form.errors} />
      </div>
      <div className="space-y-6">
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title={t("applications.field.applicant")}>
            <Facts
              rows={[
                [t("applications.field.applicant"), `${app.applicant_name}（${app.applicant_no}）`],
                [t("applications.field.unit"), app.applicant_unit],
                [t("applications.field.grade"), app.applicant_grade],
                [t("applications.field.submittedAt"), formatDateTime(app.submitted_at, locale)],
                [t("applications.field.status"), <StatusBadge key="s" status={app.status} t={t} />],
                [t("applications.field.waiting"), pending ? waitingText(t, waiting) : null],
              ]}
            />
          </Card>
          <Card title={t("applications.detail.postingInfo")}>
            <Facts
              rows={[
                [t("applications.field.posting"), app.posting_title],
                [t("applications.field.scheme"), <SchemeTag key="s" scheme={app.scheme} t={t} />],
                [t("applications.field.host"), app.host_name],
                [t("applications.field.hours"), hoursText(t, app.hours_per_month)],
                [t("applications.field.period"), periodText(t, locale, app.period_start, app.period_end)],
              ]}
            />
          </Card>
        </div>

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

        {cap ? (
          <Card title={t("applications.consent.commitments")}>
            <p className="mb-3 text-sm text-slate-700">{t("applications.cap.lead", { percent: cap.capPercent, cap: cap.capHours, standard: standardHours })}</p>
            <CapTable t={t} locale={locale} cap={cap} commitments={commitments} />
          </Card>
        ) : null}

        {pending ? (
          <Card title={t("applications.consent.decide")}>
            <div className="grid gap-6 md:grid-cols-2">
              <Form method="post" className="space-y-3 rounded-md border border-green-200 bg-green-50/50 p-4">
                <input type="hidden" name="intent" value="consent" />
                <TextAreaField id="comment" name="comment" label={t("applications.consent.comment")} hint={t("applications.consent.comment.hint")} rows={3} maxLength={REASON_MAX} />
                <Button type="submit" disabled={busy}>
                  {t("applications.consent.consent")}
                </Button>
              </Form>
              <Form method="post" className="space-y-3 rounded-md border border-red-200 bg-red-50/40 p-4" {...getFormProps(form)}>
                <input type="hidden" name="intent" value="decline" />
                <TextAreaField
                  label={t("applications.consent.reason")}
                  hint={t("applications.consent.reason.hint")}
                  errors={fields.reason.errors}
                  required
                  requiredLabel={t("common.required")}
                  rows={3}
                  {...textareaProps(fields.reason)}
                  id="reason"
                />
                <Button type="submit" variant="danger" disabled={busy}>
                  {t("applications.consent.decline")}
                </Button>
              </Form>
            </div>
          </Card>
        ) : (
          <Notice tone="info">
            {t("applications.consent.alreadyDecided")}
            {app.consent_decided_at ? `（${formatDateTime(app.consent_decided_at, locale)}）` : ""}
            {app.consent_comment ? (
              <span className="mt-2 block whitespace-pre-wrap">
                {app.consent_comment}
              </span>
            ) : null}
          </Notice>
        )}
      </div>
    </div>
  );
}
