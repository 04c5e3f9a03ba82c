import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { User } from "lucia";
import { forbidden, notFound, requireRole } from "../auth/permissions.server";
import { declareConflict } from "../contest/conflicts.server";
import { criterionName, DeclareConflictForm, fiscalYearSuffix, ProgressBadge, Prose, ScoreSheet, WindowBadge, WindowText, weightText } from "../contest/ReviewParts";
import { isReviewError } from "../contest/review-errors";
import { declareConflictSchema, OVERALL_COMMENT_MAX, reviewFormSchema, reviewProgress, SCORE_COMMENT_MAX } from "../contest/review-schemas";
import { getReviewAccess, saveReview } from "../contest/reviews.server";
import { clientIp } from "../context.server";
import { getDb } from "../db.server";
import { formatDate, formatDateTime, todayInTokyo } from "../i18n/format";
import { translator, useLocale, useT } from "../i18n/i18n";
import { Button } from "../ui/Button";
import { FormError, TextAreaField } from "../ui/Field";
import { textareaProps } from "../ui/conform";
import { Card, Notice, PageHeader } from "../ui/Page";
import "../contest/review.messages";

export const meta: MetaFunction = () => [{ title: "提案の審査 | 職員チャレンジポータル" }];

/** Scales wider than this get a number box instead of a row of radio buttons. */
const RADIO_SCALE_LIMIT = 11;

function parseProposalId(value: string | undefined): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) notFound();
  return id;
}

/** A reviewer assigned to the proposal without a conflict of interest; 403 when conflicted, 404 otherwise. */
async function loadAccess(user: User, idParam: string | undefined) {
  const proposalId = parseProposalId(idParam);
  const access = await getReviewAccess(getDb(), { proposalId, reviewerId: user.id, today: todayInTokyo() });
  if (access.kind === "conflicted") forbidden();
  if (access.kind === "not_found") notFound();
  return access;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "reviewer");
  const access = await loadAccess(user, params.proposalId);
  return json({ ...access, today: todayInTokyo() });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "reviewer");
  const access = await loadAccess(user, params.proposalId);
  const t = translator(user.locale);
  const db = getDb();
  const ctx = { actorId: user.id, ip: clientIp(context) };
  const formData = await request.formData();

  if (formData.get("intent") === "declare") {
    const submission = parseWithZod(formData, { schema: declareConflictSchema(t) });
    if (submission.status !== "success") return json({ form: "declare" as const, result: submission.reply() }, { status: 400 });
    try {
      await declareConflict(db, { proposalId: access.proposal.id, reason: submission.value.reason }, ctx);
    } catch (error) {
      if (!isReviewError(error)) throw error;
      return json({ form: "declare" as const, result: submission.reply({ formErrors: [t(`contest.review.error.${error.code}`)] }) }, { status: error.status });
    }
    return redirect("/review?done=declared");
  }

  const submission = parseWithZod(formData, { schema: reviewFormSchema(t, access.criteria) });
  if (submission.status !== "success") return json({ form: "review" as const, result: submission.reply() }, { status: 400 });
  const value = submission.value;
  try {
    await saveReview(
      db,
      {
        proposalId: access.proposal.id,
        scores: (value.scores ?? []).flatMap((s) => (s.score === undefined ? [] : [{ criterionId: s.criterionId, score: s.score, comment: s.comment ?? "" }])),
        overallComment: value.overallComment ?? "",
        submit: value.intent === "submit",
      },
      ctx,
    );
  } catch (error) {
    if (!isReviewError(error)) throw error;
    if (error.code === "not_found") notFound();
    if (error.code === "conflicted") forbidden();
    return json({ form: "review" as const, result: submission.reply({ formErrors: [t(`contest.review.error.${error.code}`)] }) }, { status: error.status });
  }
  return redirect(`/review/proposals/${access.proposal.id}?done=${value.intent === "submit" ? "submitted" : "saved"}`);
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function ReviewForm({ data }: { data: LoaderData }) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const { criteria, mine } = data;
  const submitted = mine?.status === "submitted";
  const [form, fields] = useForm({
    id: "review",
    lastResult: actionData?.form === "review" ? actionData.result : undefined,
    defaultValue: {
      overallComment: mine?.overallComment ?? "",
      scores: criteria.map((c) => {
        const s = mine?.scores.find((x) => x.criterionId === c.id);
        return { criterionId: String(c.id), score: s ? String(s.score) : "", comment: s?.comment ?? "" };
      }),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reviewFormSchema(t, criteria) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const list = fields.scores.getFieldList();
  const busy = navigation.state === "submitting";

  return (
    <Form method="post" className="space-y-6" {...getFormProps(form)}>
      <div id={form.errorId}>
        <FormError errors={form.errors} />
      </div>
      {criteria.map((c, index) => {
        const item = list[index]?.getFieldset();
        if (!item) return null;
        const values = Array.from({ length: c.scale_max - c.scale_min + 1 }, (_, i) => c.scale_min + i);
        const errorId = `score-${c.id}-error`;
        const commentId = `score-${c.id}-comment`;
        return (
          <fieldset key={c.id} className={`rounded-md border p-4 ${item.score.errors?.length ? "border-red-300 bg-red-50/30" : "border-slate-200"}`} aria-describedby={item.score.errors?.length ? errorId : undefined} data-criterion-id={c.id}>
            <legend className="px-1 text-base font-semibold text-slate-900">
              {c.position}. {criterionName(c, locale)}
              <span className="ml-2 text-xs font-normal text-slate-600">{t("contest.review.weight", { weight: weightText(c.weight) })}</span>
            </legend>
            {c.description ? <p className="mb-3 whitespace-pre-wrap text-sm text-slate-700">{c.description}</p> : null}
            <input type="hidden" name={item.criterionId.name} value={c.id} />
            {values.length <= RADIO_SCALE_LIMIT ? (
              <div className="flex flex-wrap items-center gap-2">
                <span className="mr-1 text-xs text-slate-600">{t("contest.review.scale.low", { value: c.scale_min })}</span>
                {values.map((v) => (
                  <label key={`${item.score.key ?? ""}-${v}`} className="relative">
                    <input
                      type="radio"
                      name={item.score.name}
                      value={v}
                      defaultChecked={item.score.initialValue === String(v)}
                      className="peer sr-only"
                      aria-label={t("contest.review.scale.option", { criterion: criterionName(c, locale), value: v })}
                    />
                    <span
                      aria-hidden="true"
                      className="flex h-11 w-11 cursor-pointer items-center justify-center rounded-md border border-slate-400 bg-white text-base font-semibold text-slate-900 hover:bg-brand-50 peer-checked:border-brand-700 peer-checked:bg-brand-700 peer-checked:text-white peer-focus-visible:ring-2 peer-focus-visible:ring-brand-600 peer-focus-visible:ring-offset-2"
                    >
                      {v}
                    </span>
                  </label>
                ))}
                <span className="ml-1 text-xs text-slate-600">{t("contest.review.scale.high", { value: c.scale_max })}</span>
              </div>
            ) : (
              <div className="max-w-[10rem]">
                <label htmlFor={`score-${c.id}`} className="block text-sm font-medium text-slate-800">
                  {t("contest.review.scale.number", { min: c.scale_min, max: c.scale_max })}
                </label>
                <input
                  id={`score-${c.id}`}
                  type="number"
                  name={item.score.name}
                  min={c.scale_min}
                  max={c.scale_max}
                  step={1}
                  defaultValue={item.score.initialValue as string | undefined}
                  key={item.score.key}
                  className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2"
                />
              </div>
            )}
            {item.score.errors?.length ? (
              <p id={errorId} role="alert" className="mt-2 text-sm font-medium text-red-700">
                {item.score.errors.join(" ")}
              </p>
            ) : null}
            <div className="mt-3">
              <TextAreaField
                label={t("contest.review.criterionComment")}
                errors={item.comment.errors}
                rows={2}
                maxLength={SCORE_COMMENT_MAX}
                {...textareaProps(item.comment)}
                id={commentId}
              />
            </div>
          </fieldset>
        );
      })}
      <TextAreaField
        label={t("contest.review.overall")}
        hint={t("contest.review.overall.hint")}
        errors={fields.overallComment.errors}
        rows={5}
        maxLength={OVERALL_COMMENT_MAX}
        {...textareaProps(fields.overallComment)}
        id="overall-comment"
      />
      <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
        {!submitted ? (
          <Button type="submit" name="intent" value="save" variant="secondary" disabled={busy}>
            {t("contest.review.action.save")}
          </Button>
        ) : null}
        <Button type="submit" name="intent" value="submit" disabled={busy}>
          {submitted ? t("contest.review.action.resubmit") : t("contest.review.action.submit")}
        </Button>
        <p className="text-sm text-slate-600">{submitted ? t("contest.review.form.submittedHint") : t("contest.review.form.hint")}</p>
      </div>
    </Form>
  );
}

export default function ReviewPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const { round, proposal, team, criteria, mine, others, window, today } = data;
  const progress = reviewProgress(mine?.status);
  const done = params.get("done");
  const lead = team.find((m) => m.role === "lead");
  const members = team.filter((m) => m.role === "member");
  const yen = new Intl.NumberFormat(locale === "ja" ? "ja-JP" : "en-GB");

  const facts: Array<[string, string]> = [
    [t("contest.review.field.lead"), lead ? t("contest.review.personUnit", { name: lead.name, unit: lead.unit }) : "—"],
    [
      t("contest.review.field.members"),
      members.length ? members.map((m) => t("contest.review.personUnit", { name: m.name, unit: m.unit })).join(t("contest.review.listSeparator")) : t("contest.review.field.individual"),
    ],
    [t("contest.review.field.host"), proposal.desired_host_name ?? t("contest.review.field.notGiven")],
    [t("contest.review.field.budget"), proposal.budget_yen !== null ? t("contest.review.field.yen", { amount: yen.format(proposal.budget_yen) }) : t("contest.review.field.notGiven")],
    [t("contest.review.field.share"), proposal.requested_share_percent !== null ? `${Number(proposal.requested_share_percent)}%` : t("contest.review.field.notGiven")],
    [t("contest.review.field.submittedAt"), proposal.submitted_at ? formatDate(proposal.submitted_at, locale) : "—"],
  ];
  const sections: Array<[string, string]> = [
    [t("contest.review.section.background"), proposal.background],
    [t("contest.review.section.proposal"), proposal.proposal],
    [t("contest.review.section.effect"), proposal.expected_effect],
    [t("contest.review.section.plan"), proposal.plan],
  ];

  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader
        title={proposal.title}
        lead={fiscalYearSuffix(round.title, round.fiscal_year, locale) ? t("contest.review.roundWithYear", { title: round.title, year: fiscalYearSuffix(round.title, round.fiscal_year, locale)! }) : round.title}
        actions={
          <Link to="/review" className="text-sm text-brand-700 underline">
            {t("contest.review.back")}
          </Link>
        }
      />
      {done === "saved" ? <Notice tone="success">{t("contest.review.done.saved")}</Notice> : null}
      {done === "submitted" ? <Notice tone="success">{t("contest.review.done.submitted")}</Notice> : null}

      <div className="mb-6 flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-800">
        <span className="flex items-center gap-2">
          {t("contest.review.labelled", { label: t("contest.review.col.status") })}
          <ProgressBadge progress={progress} t={t} />
        </span>
        <span className="flex items-center gap-2">
          <WindowBadge window={window} t={t} />
          <WindowText opensOn={round.review_opens_on} closesOn={round.review_closes_on} today={today} t={t} locale={locale} />
        </span>
        {mine?.submittedAt ? <span className="text-slate-600">{t("contest.review.submittedAt", { at: formatDateTime(mine.submittedAt, locale) })}</span> : null}
      </div>

      <div className="space-y-6">
        <Card title={t("contest.review.card.proposal")}>
          <dl className="mb-5 grid grid-cols-[minmax(7rem,auto)_1fr] gap-x-5 gap-y-2 text-sm">
            {facts.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="whitespace-nowrap font-medium text-slate-600">{label}</dt>
                <dd className="text-slate-900">{value}</dd>
              </div>
            ))}
          </dl>
          <div className="space-y-4">
            {sections.map(([label, text]) => (
              <section key={label}>
                <h3 className="mb-1 text-sm font-semibold text-slate-800">{label}</h3>
                {text ? <Prose>{text}</Prose> : <p className="text-sm text-slate-600">{t("contest.review.field.notGiven")}</p>}
              </section>
            ))}
          </div>
        </Card>

        <Card title={t("contest.review.card.review")}>
          {window === "open" ? (
            <>
              <p className="mb-4 text-sm text-slate-700">{t("contest.review.form.lead")}</p>
              <ReviewForm data={data} />
            </>
          ) : (
            <>
              <Notice tone={window === "closed" ? "info" : "warning"}>
                {window === "closed" ? t("contest.review.locked.closed") : t("contest.review.locked.before", { date: formatDate(round.review_opens_on, locale) })}
              </Notice>
              {mine ? (
                <ScoreSheet criteria={criteria} scores={mine.scores} overallComment={mine.overallComment} t={t} locale={locale} />
              ) : window === "closed" ? (
                <p className="text-sm text-slate-700">{t("contest.review.locked.none")}</p>
              ) : (
                <ul className="list-disc space-y-1 pl-5 text-sm text-slate-800">
                  {criteria.map((c) => (
                    <li key={c.id}>
                      {t("contest.review.rubricItem", { name: criterionName(c, locale), weight: weightText(c.weight), min: c.scale_min, max: c.scale_max })}
                      {c.description ? <span className="block text-slate-600">{c.description}</span> : null}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </Card>

        <Card title={t("contest.review.card.others")}>
          {others.visibility === "hidden_by_round" ? (
            <p className="text-sm text-slate-700">{t("contest.review.others.hidden")}</p>
          ) : others.visibility === "after_own_submission" ? (
            <p className="text-sm text-slate-700">{t("contest.review.others.afterSubmit")}</p>
          ) : others.reviews.length === 0 ? (
            <p className="text-sm text-slate-700">{t("contest.review.others.none")}</p>
          ) : (
            <div className="space-y-5" data-testid="other-reviews">
              <p className="text-sm text-slate-600">{t("contest.review.others.lead", { me: t("contest.review.pseudonym", { letter: mine?.letter ?? "" }) })}</p>
              {others.reviews.map((r) => (
                <section key={r.letter} aria-labelledby={`other-${r.letter}`} className="rounded-md border border-slate-200 p-4">
                  <h3 id={`other-${r.letter}`} className="mb-3 font-semibold text-slate-900">
                    {t("contest.review.pseudonym", { letter: r.letter })}
                  </h3>
                  <ScoreSheet criteria={criteria} scores={r.scores} overallComment={r.overallComment} t={t} locale={locale} />
                </section>
              ))}
            </div>
          )}
        </Card>

        {progress !== "submitted" ? (
          <DeclareConflictForm proposalId={proposal.id} t={t} lastResult={actionData?.form === "declare" ? actionData.result : undefined} />
        ) : null}
      </div>
    </div>
  );
}
