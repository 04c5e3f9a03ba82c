import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getDb } from "../db.server";
import { forbidden, hasUnitRole, notFound, requireRole, unitsWithRole } from "../auth/permissions.server";
import { clientIp } from "../context.server";
import { formatDate, todayInTokyo } from "../i18n/format";
import { translator, useLocale, useT } from "../i18n/i18n";
import { AboutPosting, ConditionFacts, PhaseBadge, PostingHistory, SchemeBadge } from "../postings/components";
import { doneNotice, parseId } from "../postings/http.server";
import { CANCELLABLE_STATUSES, EDITABLE_STATUSES, exceedsSideJobCap, formatSkills, postingPhase, sideJobCapHours } from "../postings/model";
import { PostingForm, type PostingFormDefaults } from "../postings/PostingForm";
import {
  cancelPosting,
  closePosting,
  completePosting,
  getPosting,
  inTransaction,
  listGrades,
  listUnits,
  PostingStateError,
  postingHistory,
  readSideJobCapPercent,
  submitPosting,
  updatePosting,
} from "../postings/postings.server";
import { cancelSchema, postingFormSchema } from "../postings/schema";
import { Button } from "../ui/Button";
import { FormError, TextAreaField } from "../ui/Field";
import { textareaProps } from "../ui/conform";
import { Card, Notice, PageHeader } from "../ui/Page";
import "../postings/messages";

export const meta: MetaFunction = () => [{ title: "募集の管理 | 職員チャレンジポータル" }];

/** Signed in as a posting_manager of the posting's host unit (403 otherwise; 404 when there is no such posting). */
async function requireHost(request: Request, idParam: string | undefined) {
  const user = await requireRole(request, "posting_manager");
  const id = parseId(idParam);
  const posting = await getPosting(getDb(), id);
  if (!posting) notFound();
  if (!hasUnitRole(user, "posting_manager", posting.host_department_id)) forbidden();
  return { user, posting };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, posting } = await requireHost(request, params.id);
  const db = getDb();
  const today = todayInTokyo();
  const [units, grades, capPercent, history] = await Promise.all([
    listUnits(db, unitsWithRole(user, "posting_manager")),
    listGrades(db),
    readSideJobCapPercent(db),
    postingHistory(db, posting.id),
  ]);
  const editable = EDITABLE_STATUSES.includes(posting.status);
  const defaults: PostingFormDefaults = {
    scheme: posting.scheme,
    title: posting.title,
    hostDepartmentId: String(posting.host_department_id),
    summary: posting.summary,
    workContent: posting.work_content,
    skills: formatSkills(posting.skills),
    hoursPerMonth: String(posting.hours_per_month),
    periodStart: posting.period_start,
    periodEnd: posting.period_end,
    capacity: String(posting.capacity),
    workStyle: posting.work_style,
    place: posting.place,
    maxGrade: posting.max_grade ?? "",
    employmentTypes: posting.employment_types,
    selectionMethod: posting.selection_method,
    contact: posting.contact,
    applyFrom: posting.apply_from,
    applyUntil: posting.apply_until,
  };
  return json({
    posting,
    phase: postingPhase(posting, today),
    today,
    editable,
    can: {
      close: posting.status === "published",
      complete: posting.status === "closed" && posting.period_start <= today,
      cancel: CANCELLABLE_STATUSES.includes(posting.status),
    },
    overCap: exceedsSideJobCap(posting.scheme, posting.hours_per_month, capPercent),
    capPercent,
    units,
    grades,
    defaults,
    history,
    notice: doneNotice(new URL(request.url)),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, posting } = await requireHost(request, params.id);
  const t = translator(user.locale);
  const db = getDb();
  const ctx = { actorId: user.id, ip: clientIp(context) };
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const here = `/manage/postings/${posting.id}`;
  const conflict = (error: unknown, form: "posting" | "cancel" | "action") => {
    if (error instanceof PostingStateError) return json({ form, result: null, message: t(`postings.conflict.${error.code}`) }, { status: 409 });
    throw error;
  };

  if (intent === "save" || intent === "submit") {
    const grades = await listGrades(db);
    const submission = parseWithZod(formData, { schema: postingFormSchema(t, { today: todayInTokyo(), grades: grades.map((g) => g.code) }) });
    if (submission.status !== "success") return json({ form: "posting" as const, result: submission.reply(), message: null }, { status: 400 });
    const { value } = submission.value;
    if (!hasUnitRole(user, "posting_manager", value.hostDepartmentId)) forbidden();
    try {
      await inTransaction(db, async (trx) => {
        await updatePosting(trx, posting.id, value, ctx);
        if (intent === "submit") await submitPosting(trx, posting.id, ctx);
      });
    } catch (error) {
      if (error instanceof PostingStateError) return json({ form: "posting" as const, result: submission.reply({ formErrors: [t(`postings.conflict.${error.code}`)] }), message: null }, { status: 409 });
      throw error;
    }
    return redirect(`${here}?done=${intent === "submit" ? "submitted" : "saved"}`);
  }
  if (intent === "close" || intent === "complete") {
    try {
      if (intent === "close") await closePosting(db, posting.id, ctx);
      else await completePosting(db, posting.id, ctx);
    } catch (error) {
      return conflict(error, "action");
    }
    return redirect(`${here}?done=${intent === "close" ? "closed" : "completed"}`);
  }
  if (intent === "cancel") {
    const submission = parseWithZod(formData, { schema: cancelSchema(t) });
    if (submission.status !== "success") return json({ form: "cancel" as const, result: submission.reply(), message: null }, { status: 400 });
    try {
      const outcome = await cancelPosting(db, posting.id, submission.value.reason, ctx);
      return redirect(`${here}?done=cancelled&n=${outcome.notified}`);
    } catch (error) {
      return conflict(error, "cancel");
    }
  }
  return json({ form: "action" as const, result: null, message: t("postings.conflict.state_changed") }, { status: 400 });
}

function CancelForm({ lastResult }: { lastResult?: SubmissionResult<string[]> | null }) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "cancel",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: cancelSchema(t) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <details className="rounded-md border border-red-200 bg-red-50/40 p-3" open={Boolean(lastResult)}>
      <summary className="cursor-pointer text-sm font-semibold text-red-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600">{t("postings.action.cancel")}</summary>
      <p className="mt-2 text-sm text-slate-700">{t("postings.manage.cancel.hint")}</p>
      <Form method="post" className="mt-3 space-y-3" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="cancel" />
        <div id={form.errorId}>
          <FormError errors={form.errors} />
        </div>
        <TextAreaField
          id="reason"
          label={t("postings.field.cancelReason")}
          hint={t("postings.manage.cancel.reason.hint")}
          errors={fields.reason.errors}
          rows={3}
          maxLength={1000}
          required
          requiredLabel={t("common.required")}
          {...textareaProps(fields.reason)}
        />
        <Button type="submit" variant="danger" disabled={navigation.state === "submitting"}>
          {t("postings.action.cancel")}
        </Button>
      </Form>
    </details>
  );
}

export default function ManagePosting() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const { posting, phase, can } = data;
  const postingResult = actionData?.form === "posting" ? actionData.result : undefined;
  const cancelResult = actionData?.form === "cancel" ? actionData.result : undefined;
  const actionMessage = actionData && actionData.message ? actionData.message : null;
  const anyAction = can.close || can.complete || can.cancel;
  return (
    <div>
      <PageHeader
        title={posting.title}
        lead={
          <span className="flex flex-wrap items-center gap-2">
            <PhaseBadge phase={phase} />
            <SchemeBadge scheme={posting.scheme} />
            <span>{posting.host_name}</span>
          </span>
        }
        actions={
          <div className="flex flex-wrap gap-3 text-sm">
            <Link to="/manage/postings" className="text-brand-700 underline">
              {t("postings.manage.title")}
            </Link>
            {posting.status !== "draft" ? (
              <Link to={`/manage/applicants/${posting.id}`} className="text-brand-700 underline">
                {t("postings.manage.applicants")}
              </Link>
            ) : null}
            <Link to={`/postings/${posting.id}`} className="text-brand-700 underline">
              {t("common.details")}
            </Link>
          </div>
        }
      />
      {data.notice ? <Notice tone="success">{t(data.notice.key, { count: data.notice.count })}</Notice> : null}
      {actionMessage ? <Notice tone="error">{actionMessage}</Notice> : null}
      {posting.status === "returned" && posting.review_comment ? (
        <Notice tone="warning">
          <p className="font-semibold">{t("postings.manage.returned")}</p>
          <p className="mt-1 whitespace-pre-wrap">
            {t("postings.field.reviewComment")}: {posting.review_comment}
          </p>
        </Notice>
      ) : null}
      {posting.status === "cancelled" && posting.cancel_reason ? (
        <Notice tone="warning">
          {t("postings.field.cancelReason")}: {posting.cancel_reason}
        </Notice>
      ) : null}
      {data.overCap ? <Notice tone="warning">{t("postings.hours.capWarning", { cap: data.capPercent, hours: sideJobCapHours(data.capPercent) })}</Notice> : null}

      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-6">
          {data.editable ? (
            <section aria-labelledby="edit-heading">
              <h2 id="edit-heading" className="mb-3 text-lg font-semibold">
                {t("postings.manage.edit")}
              </h2>
              <PostingForm lastResult={postingResult} defaultValue={data.defaults} units={data.units} grades={data.grades} today={data.today} capPercent={data.capPercent} />
            </section>
          ) : (
            <>
              {posting.status === "pending_approval" ? <Notice tone="info">{t("postings.manage.readonly")}</Notice> : null}
              <Card title={t("postings.detail.about")}>
                <AboutPosting posting={posting} />
              </Card>
              <Card title={t("postings.detail.conditions")}>
                <ConditionFacts posting={posting} />
              </Card>
            </>
          )}
        </div>
        <aside className="space-y-6">
          <Card title={t("postings.manage.actions")}>
            {!anyAction ? <p className="text-sm text-slate-700">{t("postings.manage.noActions")}</p> : null}
            <div className="space-y-4">
              {can.close ? (
                <Form method="post" className="space-y-2">
                  <p className="text-sm text-slate-700">{t("postings.manage.close.hint")}</p>
                  <Button type="submit" name="intent" value="close" variant="secondary">
                    {t("postings.action.close")}
                  </Button>
                </Form>
              ) : null}
              {can.complete ? (
                <Form method="post" className="space-y-2">
                  <p className="text-sm text-slate-700">{t("postings.manage.complete.hint")}</p>
                  <Button type="submit" name="intent" value="complete" variant="secondary">
                    {t("postings.action.complete")}
                  </Button>
                </Form>
              ) : null}
              {can.cancel ? <CancelForm lastResult={cancelResult} /> : null}
            </div>
          </Card>
          <Card title={t("postings.field.status")}>
            <dl className="space-y-2 text-sm">
              <div>
                <dt className="text-slate-600">{t("postings.field.window")}</dt>
                <dd>
                  {formatDate(posting.apply_from, locale)} 〜 {formatDate(posting.apply_until, locale)}
                </dd>
              </div>
              <div>
                <dt className="text-slate-600">{t("postings.manage.col.filled")}</dt>
                <dd>
                  {posting.filled} / {posting.capacity}
                </dd>
              </div>
              <div>
                <dt className="text-slate-600">{t("postings.field.creator")}</dt>
                <dd>{posting.creator_name}</dd>
              </div>
            </dl>
          </Card>
        </aside>
      </div>
      <section aria-labelledby="history-heading" className="mt-8">
        <h2 id="history-heading" className="mb-3 text-lg font-semibold">
          {t("postings.manage.history")}
        </h2>
        <PostingHistory entries={data.history} />
      </section>
    </div>
  );
}
