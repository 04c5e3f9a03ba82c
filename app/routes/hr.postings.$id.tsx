import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getDb } from "../db.server";
import { notFound, requireRole } from "../auth/permissions.server";
import { clientIp } from "../context.server";
import { formatDateTime, todayInTokyo } from "../i18n/format";
import { translator, useLocale, useT } from "../i18n/i18n";
import { AboutPosting, ConditionFacts, FactList, PhaseBadge, PostingHistory, SchemeBadge, waitingLabel } from "../postings/components";
import { doneNotice, parseId } from "../postings/http.server";
import { exceedsSideJobCap, postingPhase, sideJobCapHours } from "../postings/model";
import { approvePosting, getPosting, PostingNotFoundError, PostingStateError, postingHistory, readSideJobCapPercent, returnPosting } from "../postings/postings.server";
import { returnSchema } from "../postings/schema";
import { Button } from "../ui/Button";
import { FormError, TextAreaField } from "../ui/Field";
import { textareaProps } from "../ui/conform";
import { Card, Notice, PageHeader } from "../ui/Page";
import "../postings/messages";

export const meta: MetaFunction = () => [{ title: "募集の審査 | 職員チャレンジポータル" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "hr_admin");
  const id = parseId(params.id);
  const db = getDb();
  const posting = await getPosting(db, id);
  if (!posting) notFound();
  const [history, capPercent] = await Promise.all([postingHistory(db, id), readSideJobCapPercent(db)]);
  return json({
    posting,
    phase: postingPhase(posting, todayInTokyo()),
    history,
    capPercent,
    overCap: exceedsSideJobCap(posting.scheme, posting.hours_per_month, capPercent),
    now: new Date().toISOString(),
    notice: doneNotice(new URL(request.url)),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, "hr_admin");
  const id = parseId(params.id);
  const t = translator(admin.locale);
  const db = getDb();
  const ctx = { actorId: admin.id, ip: clientIp(context) };
  const formData = await request.formData();
  const intent = formData.get("intent");
  try {
    if (intent === "approve") {
      await approvePosting(db, id, ctx);
      return redirect(`/hr/postings/${id}?done=approved`);
    }
    const submission = parseWithZod(formData, { schema: returnSchema(t) });
    if (submission.status !== "success") return json({ result: submission.reply(), message: null }, { status: 400 });
    await returnPosting(db, id, submission.value.comment, ctx);
    return redirect(`/hr/postings/${id}?done=returned`);
  } catch (error) {
    if (error instanceof PostingStateError) return json({ result: null, message: t(`postings.conflict.${error.code}`) }, { status: 409 });
    if (error instanceof PostingNotFoundError) notFound();
    throw error;
  }
}

function ReturnForm({ lastResult }: { lastResult?: SubmissionResult<string[]> | null }) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "return",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: returnSchema(t) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" className="space-y-3" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="return" />
      <div id={form.errorId}>
        <FormError errors={form.errors} />
      </div>
      <TextAreaField
        id="comment"
        label={t("postings.hr.return.comment")}
        hint={t("postings.hr.return.comment.hint")}
        errors={fields.comment.errors}
        rows={4}
        maxLength={1000}
        required
        requiredLabel={t("common.required")}
        {...textareaProps(fields.comment)}
      />
      <Button type="submit" variant="secondary" disabled={navigation.state === "submitting"}>
        {t("postings.action.return")}
      </Button>
    </Form>
  );
}

export default function HrPosting() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const { posting, phase } = data;
  const pending = posting.status === "pending_approval";
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
          <Link to="/hr/postings" className="text-sm text-brand-700 underline">
            {t("postings.hr.title")}
          </Link>
        }
      />
      {data.notice ? <Notice tone="success">{t(data.notice.key)}</Notice> : null}
      {actionData?.message ? <Notice tone="error">{actionData.message}</Notice> : null}
      {data.overCap ? <Notice tone="warning">{t("postings.hours.capWarning", { cap: data.capPercent, hours: sideJobCapHours(data.capPercent) })}</Notice> : null}
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="min-w-0 space-y-6">
          <Card title={t("postings.detail.about")}>
            <AboutPosting posting={posting} />
          </Card>
          <Card title={t("postings.detail.conditions")}>
            <ConditionFacts posting={posting} />
          </Card>
        </div>
        <aside className="space-y-6">
          <Card title={t("postings.hr.review")}>
            <FactList
              stacked
              items={[
                [t("postings.field.creator"), posting.creator_name],
                [t("postings.field.submittedAt"), posting.submitted_at ? formatDateTime(posting.submitted_at, locale) : "—"],
                ...(pending && posting.submitted_at ? [[t("postings.hr.waiting"), waitingLabel(t, posting.submitted_at, data.now)] as [string, string]] : []),
                ...(posting.approved_at ? [[t("postings.field.approvedAt"), `${formatDateTime(posting.approved_at, locale)}（${posting.approver_name ?? ""}）`] as [string, string]] : []),
              ]}
            />
            {pending ? (
              <div className="mt-4 space-y-5">
                <p className="text-sm text-slate-700">{t("postings.hr.review.lead")}</p>
                <Form method="post">
                  <input type="hidden" name="intent" value="approve" />
                  <Button type="submit" className="w-full">
                    {t("postings.action.approve")}
                  </Button>
                </Form>
                <ReturnForm lastResult={actionData?.result} />
              </div>
            ) : (
              <p className="mt-4 text-sm text-slate-700">{t("postings.hr.notPending", { status: t(`postings.phase.${phase}`) })}</p>
            )}
          </Card>
          {posting.review_comment ? (
            <Card title={t("postings.field.reviewComment")}>
              <p className="whitespace-pre-wrap text-sm">{posting.review_comment}</p>
            </Card>
          ) : null}
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
