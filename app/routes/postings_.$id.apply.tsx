import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { standardMonthlyHours } from "../applications/cap";
import { submitApplication } from "../applications/commands.server";
import { CapTable, hoursText, periodText, SchemeTag } from "../applications/components";
import { Facts } from "../ui/Facts";
import { isApplicationError, type ApplicationErrorCode, type SideJobCommitment } from "../applications/errors";
import { parseId } from "../applications/http.server";
import { getApplyContext } from "../applications/queries.server";
import { applySchema, charCount, EXPERIENCE_MAX, MOTIVATION_MAX, MOTIVATION_MIN } from "../applications/schemas";
import { notFound, requireUser } from "../auth/permissions.server";
import { clientIp } from "../context.server";
import { getDb } from "../db.server";
import { translator, useLocale, useT } from "../i18n/i18n";
import { Button } from "../ui/Button";
import { FormError, TextAreaField, TextField } from "../ui/Field";
import { Card, Notice, PageHeader } from "../ui/Page";
import { inputProps, textareaProps } from "../ui/conform";
import "../applications/messages";

export const meta: MetaFunction = () => [{ title: "応募する | 職員チャレンジポータル" }];

// Postings that were never public (draft, awaiting approval, returned) do not exist for applicants.
const PUBLIC_STATUSES = ["published", "closed", "completed", "cancelled"];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const postingId = parseId(params.id);
  const context = await getApplyContext(getDb(), { postingId, employeeId: user.id });
  if (!context || !PUBLIC_STATUSES.includes(context.posting.status)) notFound();
  return json({ ...context, standardHours: standardMonthlyHours() });
}

interface Refusal {
  code: ApplicationErrorCode;
  commitments?: SideJobCommitment[];
  capHours?: number;
  capPercent?: number;
  requestedHours?: number;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const postingId = parseId(params.id);
  const t = translator(user.locale);
  const submission = parseWithZod(await request.formData(), { schema: applySchema(t) });
  if (submission.status !== "success") return json({ result: submission.reply(), refusal: null as Refusal | null }, { status: 400 });
  try {
    const { applicationId } = await submitApplication(getDb(), {
      actorId: user.id,
      postingId,
      motivation: submission.value.motivation,
      experience: submission.value.experience ?? "",
      hoursAvailable: submission.value.hoursAvailable ?? null,
      ip: clientIp(context),
    });
    return redirect(`/me/applications/${applicationId}?done=submitted`);
  } catch (error) {
    if (!isApplicationError(error)) throw error;
    if (error.code === "not_found") notFound();
    const refusal: Refusal = { code: error.code, ...error.details };
    return json({ result: submission.reply({ formErrors: [t(`applications.error.${error.code}`)] }), refusal }, { status: error.status });
  }
}

export default function ApplyPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const { posting, supervisor, cap, commitments, problems } = data;
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: applySchema(t) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [motivationLength, setMotivationLength] = useState(() => charCount(String(fields.motivation.initialValue ?? "").trim()));
  const canApply = problems.length === 0;

  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader
        title={t("applications.apply.title")}
        lead={posting.title}
        actions={
          <Link to={`/postings/${posting.id}`} className="text-sm text-brand-700 underline">
            {t("applications.apply.backToPosting")}
          </Link>
        }
      />
      <div className="space-y-6">
        <Card title={t("applications.apply.posting")}>
          <Facts
            rows={[
              [t("applications.field.posting"), <span key="p" className="font-semibold">{posting.title}</span>],
              [t("applications.field.scheme"), <SchemeTag key="s" scheme={posting.scheme} t={t} />],
              [t("applications.field.host"), posting.host_name],
              [t("applications.field.hours"), hoursText(t, posting.hours_per_month)],
              [t("applications.field.period"), periodText(t, locale, posting.period_start, posting.period_end)],
              [t("applications.field.window"), periodText(t, locale, posting.apply_from, posting.apply_until)],
              [t("applications.field.selection"), t(`applications.selection.${posting.selection_method}`)],
            ]}
          />
        </Card>

        {!canApply ? (
          <section aria-labelledby="cannot-apply" className="rounded-lg border border-red-300 bg-red-50 p-5">
            <h2 id="cannot-apply" className="mb-2 text-lg font-semibold text-red-900">
              {t("applications.apply.cannot")}
            </h2>
            <ul className="list-disc space-y-1 pl-5 text-sm text-red-900" data-testid="apply-problems">
              {problems.map((code) => (
                <li key={code}>
                  {t(`applications.error.${code}`)}
                  {code === "over_cap" && cap
                    ? ` ${t("applications.error.overCapDetail", { cap: cap.capHours, percent: cap.capPercent, committed: cap.committedHours, requested: cap.requestedHours, total: cap.totalHours })}`
                    : null}
                </li>
              ))}
            </ul>
            {data.liveApplicationId ? (
              <Link to={`/me/applications/${data.liveApplicationId}`} className="mt-3 inline-block text-sm font-semibold text-brand-700 underline">
                {t("applications.apply.viewExisting")}
              </Link>
            ) : null}
          </section>
        ) : null}

        {cap ? (
          <Card title={t("applications.cap.title")}>
            <p className="mb-3 text-sm text-slate-700">{t("applications.cap.lead", { percent: cap.capPercent, cap: cap.capHours, standard: data.standardHours })}</p>
            <CapTable t={t} locale={locale} cap={cap} commitments={commitments} />
          </Card>
        ) : null}

        {canApply ? (
          <Card>
            {supervisor ? (
              <div className="mb-5 rounded-md border-l-4 border-brand-600 bg-brand-50 p-4 text-sm text-brand-900" data-testid="consent-route">
                <p className="font-semibold">{t("applications.apply.route", { name: supervisor.name, title: supervisor.title })}</p>
                <p className="mt-1">{t("applications.apply.routeDetail")}</p>
                <p className="mt-1">{t("applications.apply.privacy")}</p>
              </div>
            ) : null}
            <Form method="post" className="space-y-5" {...getFormProps(form)}>
              <div id={form.errorId}>
                <FormError errors={form.errors} />
              </div>
              <div>
                <TextAreaField
                  label={t("applications.field.motivation")}
                  hint={t("applications.apply.motivation.hint", { min: MOTIVATION_MIN, max: MOTIVATION_MAX })}
                  errors={fields.motivation.errors}
                  required
                  requiredLabel={t("common.required")}
                  rows={8}
                  {...textareaProps(fields.motivation)}
                  onInput={(event) => setMotivationLength(charCount(event.currentTarget.value.trim()))}
                  id="motivation"
                />
                <p className={`mt-1 text-right text-xs ${motivationLength > 0 && (motivationLength < MOTIVATION_MIN || motivationLength > MOTIVATION_MAX) ? "text-red-700" : "text-slate-600"}`} aria-live="polite">
                  {t("applications.apply.counter", { count: motivationLength })} / {MOTIVATION_MAX}
                </p>
              </div>
              <TextAreaField
                label={`${t("applications.field.experience")}（${t("common.optional")}）`}
                hint={t("applications.apply.experience.hint", { max: EXPERIENCE_MAX })}
                errors={fields.experience.errors}
                rows={5}
                {...textareaProps(fields.experience)}
                id="experience"
              />
              <div className="max-w-md">
                <TextField
                  label={`${t("applications.field.hoursAvailable")}（${t("common.optional")}）`}
                  hint={t("applications.apply.hours.hint", { hours: posting.hours_per_month })}
                  errors={fields.hoursAvailable.errors}
                  inputMode="decimal"
                  {...inputProps(fields.hoursAvailable, { type: "text" })}
                  id="hoursAvailable"
                />
              </div>
              <p className="text-sm text-slate-700">{t("applications.apply.next")}</p>
              <Button type="submit" disabled={navigation.state === "submitting"}>
                {navigation.state === "submitting" ? t("applications.apply.submitting") : t("applications.apply.submit")}
              </Button>
            </Form>
          </Card>
        ) : null}
      </div>
    </div>
  );
}
