import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { acceptApplication, rejectApplication, scheduleInterview } from "../applications/commands.server";
import { hoursText, periodText, SchemeTag, StatusBadge, waitingText } from "../applications/components";
import { Facts, Prose } from "../ui/Facts";
import { isApplicationError } from "../applications/errors";
import { parseId } from "../applications/http.server";
import { applicationAccess, getApplication, sideJobCapFor } from "../applications/queries.server";
import { hostActionSchema, interviewSchema, notSelectedSchema, parseTokyoLocalDateTime, REASON_MAX } from "../applications/schemas";
import { SELECTABLE_STATUSES } from "../applications/status";
import { elapsedSince } from "../calendar.server";
import { forbidden, notFound, requireUser } from "../auth/permissions.server";
import { clientIp } from "../context.server";
import { getDb } from "../db.server";
import { translator, useLocale, useT } from "../i18n/i18n";
import { formatDateTime } from "../i18n/format";
import { Button } from "../ui/Button";
import { FormError, TextAreaField, TextField } from "../ui/Field";
import { Card, Notice, PageHeader } from "../ui/Page";
import { inputProps, textareaProps } from "../ui/conform";
import "../applications/messages";

export const meta: MetaFunction = () => [{ title: "応募の選考 | 職員チャレンジポータル" }];

/**
 * The host unit's posting managers, once the supervisor has consented, and hr_admin (read-only). To anyone else —
 * and to the host before consent — the application does not exist.
 */
async function loadForHost(request: Request, idParam: string | undefined) {
  const user = await requireUser(request);
  const id = parseId(idParam);
  const db = getDb();
  const app = await getApplication(db, id);
  if (!app) notFound();
  const access = applicationAccess(user, app);
  if (!access.host && !access.hr) notFound();
  return { user, db, app, access };
}

/** 'YYYY-MM-DDTHH:MM' in Asia/Tokyo for a datetime-local input. */
function toTokyoLocalInput(value: Date | string | null): string {
  if (!value) return "";
  const tokyo = new Date(new Date(value).getTime() + 9 * 3600_000);
  return tokyo.toISOString().slice(0, 16);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, app, access } = await loadForHost(request, params.id);
  const side = app.scheme === "side_job" && SELECTABLE_STATUSES.includes(app.status) ? await sideJobCapFor(db, { employeeId: app.employee_id, posting: app, excludeApplicationId: app.id }) : null;
  return json({
    app,
    canAct: access.host && !access.applicant,
    hrOnly: access.hr && !access.host,
    // The host learns only whether accepting fits the applicant's cap, not what their other side jobs are.
    cap: side?.cap ?? null,
    waiting: app.status === "awaiting_consent" ? elapsedSince(app.submitted_at, new Date()) : null,
    interviewDefault: toTokyoLocalInput(app.interview_at),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, db, app, access } = await loadForHost(request, params.id);
  if (!access.host) forbidden();
  const t = translator(user.locale);
  const submission = parseWithZod(await request.formData(), { schema: hostActionSchema(t) });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const value = submission.value;
  const base = { actorId: user.id, applicationId: app.id, ip: clientIp(context) };
  try {
    if (value.intent === "interview") {
      await scheduleInterview(db, { ...base, interviewAt: parseTokyoLocalDateTime(value.interviewAt)!, place: value.place, note: value.note ?? null });
    } else if (value.intent === "accept") {
      await acceptApplication(db, base);
    } else {
      await rejectApplication(db, { ...base, reason: value.reason });
    }
  } catch (error) {
    if (!isApplicationError(error)) throw error;
    if (error.code === "not_found") notFound();
    return json({ result: submission.reply({ formErrors: [t(`applications.error.${error.code}`)] }) }, { status: error.status });
  }
  return redirect(`/manage/applications/${app.id}?done=${value.intent}`);
}

export default function HostApplication() {
  const { app, canAct, hrOnly, cap, waiting, interviewDefault } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const submittedIntent = navigation.formData?.get("intent");
  const lastIntent = actionData ? (actionData.result.initialValue as Record<string, unknown> | undefined)?.intent : undefined;
  const [interviewForm, interviewFields] = useForm({
    id: "interview-form",
    lastResult: lastIntent === "interview" ? actionData?.result : undefined,
    defaultValue: { interviewAt: interviewDefault, place: app.interview_place ?? "", note: app.interview_note ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: interviewSchema(t) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [rejectForm, rejectFields] = useForm({
    id: "reject-form",
    lastResult: lastIntent === "not_selected" ? actionData?.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: notSelectedSchema(t) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const done = params.get("done");
  const selectable = SELECTABLE_STATUSES.includes(app.status);
  const formErrors = actionData?.result.error?.[""] ?? null;

  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader
        title={app.applicant_name}
        lead={
          <span className="flex flex-wrap items-center gap-2">
            <span>{app.posting_title}</span>
            <SchemeTag scheme={app.scheme} t={t} />
            <StatusBadge status={app.status} t={t} />
          </span>
        }
        actions={
          <Link to={`/manage/applicants/${app.posting_id}`} className="text-sm text-brand-700 underline">
            {t("applications.host.backToApplicants")}
          </Link>
        }
      />
      {done ? <Notice tone="success">{t(`applications.host.done.${done}`)}</Notice> : null}
      {hrOnly ? <Notice tone="info">{t("applications.host.readOnly")}</Notice> : null}
      <FormError errors={formErrors} />

      <div className="mt-4 grid gap-6 lg:grid-cols-[3fr_2fr]">
        <div className="space-y-6">
          <Card title={t("applications.detail.application")}>
            <h3 className="mb-1 text-sm font-semibold text-slate-800">{t("applications.field.motivation")}</h3>
            <Prose>{app.motivation}</Prose>
            <h3 className="mb-1 mt-4 text-sm font-semibold text-slate-800">{t("applications.field.experience")}</h3>
            {app.experience ? <Prose>{app.experience}</Prose> : <p className="text-sm text-slate-600">{t("applications.field.notGiven")}</p>}
          </Card>
          {app.status === "not_selected" && app.decision_reason ? (
            <Card title={t("applications.detail.notSelectedReason")}>
              <Prose>{app.decision_reason}</Prose>
            </Card>
          ) : null}
          {app.status === "withdrawn" && app.withdraw_reason ? (
            <Card title={t("applications.detail.withdrawReason")}>
              <Prose>{app.withdraw_reason}</Prose>
            </Card>
          ) : null}
          {app.status === "completed" && app.completion_report ? (
            <Card title={t("applications.detail.report")}>
              <Prose>{app.completion_report}</Prose>
              {app.completion_hours !== null ? <p className="mt-2 text-sm">{t("applications.detail.reportHours", { hours: app.completion_hours })}</p> : null}
            </Card>
          ) : null}
        </div>
        <div className="space-y-6">
          <Card title={t("applications.field.applicant")}>
            <Facts
              rows={[
                [t("applications.field.applicant"), `${app.applicant_name}（${app.applicant_no}）`],
                [t("applications.field.unit"), app.applicant_unit],
                [t("applications.field.grade"), app.applicant_grade],
                [t("applications.field.hoursAvailable"), app.hours_available !== null ? t("applications.field.hoursAvailableValue", { hours: app.hours_available }) : t("applications.field.notGiven")],
                [t("applications.field.submittedAt"), formatDateTime(app.submitted_at, locale)],
                [t("applications.field.consentAt"), app.consent_decided_at ? formatDateTime(app.consent_decided_at, locale) : null],
                [t("applications.field.waiting"), waiting ? waitingText(t, waiting) : null],
                [t("applications.field.interviewAt"), app.interview_at ? formatDateTime(app.interview_at, locale) : null],
                [t("applications.field.interviewPlace"), app.interview_place],
                [t("applications.field.decidedAt"), app.decided_at ? `${formatDateTime(app.decided_at, locale)}${app.decided_by_name ? `（${app.decided_by_name}）` : ""}` : null],
              ]}
            />
          </Card>
          <Card title={t("applications.detail.postingInfo")}>
            <Facts
              rows={[
                [t("applications.field.hours"), hoursText(t, app.hours_per_month)],
                [t("applications.field.period"), periodText(t, locale, app.period_start, app.period_end)],
                [t("applications.field.capacity"), t("applications.field.capacityValue", { capacity: app.capacity, filled: app.filled })],
              ]}
            />
            {cap ? (
              <p className={`mt-3 rounded-md p-2 text-sm ${cap.allowed ? "bg-green-50 text-green-900" : "bg-red-50 text-red-800"}`} data-testid="host-cap">
                {t("applications.cap.title")}：{t("applications.cap.total")} {t("applications.hoursShort", { hours: cap.totalHours })} ／ {t("applications.cap.limit")}{" "}
                {t("applications.hoursShort", { hours: cap.capHours })}（{cap.allowed ? t("applications.cap.within") : t("applications.cap.over")}）
              </p>
            ) : null}
          </Card>
        </div>
      </div>

      {canAct ? (
        <section className="mt-6" aria-labelledby="actions-title">
          <h2 id="actions-title" className="mb-3 text-lg font-semibold text-slate-900">
            {t("applications.host.actions")}
          </h2>
          {selectable ? (
            <div className="grid gap-6 lg:grid-cols-3">
              <Card title={app.status === "interview" ? t("applications.host.reschedule") : t("applications.host.interview")}>
                <Form method="post" className="space-y-3" {...getFormProps(interviewForm)}>
                  <input type="hidden" name="intent" value="interview" />
                  <TextField
                    label={t("applications.host.interviewAt")}
                    hint={t("applications.host.interviewAt.hint")}
                    errors={interviewFields.interviewAt.errors}
                    required
                    requiredLabel={t("common.required")}
                    {...inputProps(interviewFields.interviewAt, { type: "datetime-local" })}
                    id="interviewAt"
                  />
                  <TextField
                    label={t("applications.host.place")}
                    hint={t("applications.host.place.hint")}
                    errors={interviewFields.place.errors}
                    required
                    requiredLabel={t("common.required")}
                    {...inputProps(interviewFields.place, { type: "text" })}
                    id="place"
                  />
                  <TextAreaField label={t("applications.host.note")} errors={interviewFields.note.errors} rows={3} {...textareaProps(interviewFields.note)} id="note" />
                  <Button type="submit" variant="secondary" disabled={navigation.state === "submitting" && submittedIntent === "interview"}>
                    {t("applications.host.interviewSubmit")}
                  </Button>
                </Form>
              </Card>
              <Card title={t("applications.host.accept")}>
                <p className="mb-4 text-sm text-slate-700">{t("applications.host.accept.lead")}</p>
                <Form method="post">
                  <input type="hidden" name="intent" value="accept" />
                  <Button type="submit" disabled={(navigation.state === "submitting" && submittedIntent === "accept") || (cap !== null && !cap.allowed)}>
                    {t("applications.host.accept")}
                  </Button>
                </Form>
              </Card>
              <Card title={t("applications.host.notSelected")}>
                <Form method="post" className="space-y-3" {...getFormProps(rejectForm)}>
                  <input type="hidden" name="intent" value="not_selected" />
                  <TextAreaField
                    label={t("applications.host.reason")}
                    hint={t("applications.host.reason.hint")}
                    errors={rejectFields.reason.errors}
                    required
                    requiredLabel={t("common.required")}
                    rows={4}
                    maxLength={REASON_MAX}
                    {...textareaProps(rejectFields.reason)}
                    id="reason"
                  />
                  <Button type="submit" variant="danger" disabled={navigation.state === "submitting" && submittedIntent === "not_selected"}>
                    {t("applications.host.notSelectedSubmit")}
                  </Button>
                </Form>
              </Card>
            </div>
          ) : (
            <p className="text-sm text-slate-700">{t("applications.host.noActions")}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
