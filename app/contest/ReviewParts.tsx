import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import type { Translate } from "../i18n/i18n";
import { fiscalYearLabel, formatDate } from "../i18n/format";
import type { Locale } from "../i18n/locale";
import { Button } from "../ui/Button";
import { FormError, TextAreaField } from "../ui/Field";
import { textareaProps } from "../ui/conform";
import { CONFLICT_REASON_MAX, declareConflictSchema, type ReviewProgress, type ReviewWindowState } from "./review-schemas";
import "./review.messages";

// Presentation pieces of the review pages (reviewer and admin). No data access here.

const pill = "inline-flex items-center whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset";

const progressTone: Record<ReviewProgress, string> = {
  not_started: "bg-amber-100 text-amber-900 ring-amber-300",
  draft: "bg-sky-100 text-sky-900 ring-sky-300",
  submitted: "bg-green-100 text-green-900 ring-green-300",
};

export function ProgressBadge({ progress, t }: { progress: ReviewProgress; t: Translate }) {
  return (
    <span data-testid="review-progress" data-progress={progress} className={`${pill} ${progressTone[progress]}`}>
      {t(`contest.review.progress.${progress}`)}
    </span>
  );
}

const windowTone: Record<ReviewWindowState, string> = {
  before: "bg-slate-100 text-slate-700 ring-slate-300",
  open: "bg-brand-50 text-brand-900 ring-brand-600/40",
  closed: "bg-slate-200 text-slate-700 ring-slate-400",
};

export function WindowBadge({ window, t }: { window: ReviewWindowState; t: Translate }) {
  return <span className={`${pill} ${windowTone[window]}`}>{t(`contest.review.window.${window}`)}</span>;
}

/** "6月1日〜7月31日" with the days left while the window is open. */
export function WindowText({ opensOn, closesOn, today, t, locale }: { opensOn: string; closesOn: string; today: string; t: Translate; locale: Locale }) {
  const daysLeft = Math.round((Date.parse(`${closesOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  const range = t("contest.review.window.range", { from: formatDate(opensOn, locale), to: formatDate(closesOn, locale) });
  let extra = "";
  if (today >= opensOn && daysLeft > 0) extra = t("contest.review.window.daysLeft", { days: daysLeft });
  else if (daysLeft === 0) extra = t("contest.review.window.lastDay");
  return (
    <span>
      {range}
      {extra ? <span className="ml-2 font-semibold text-amber-800">{extra}</span> : null}
    </span>
  );
}

/** The fiscal-year label to show after a round's title, or null when the title already says it (令和8年度 …). */
export function fiscalYearSuffix(title: string, fiscalYear: number, locale: Locale): string | null {
  const label = fiscalYearLabel(fiscalYear, locale);
  return title.includes(label) ? null : label;
}

export function criterionName(c: { name_ja: string; name_en: string }, locale: Locale): string {
  return locale === "en" ? c.name_en : c.name_ja;
}

export function weightText(weight: string | number): string {
  const n = Number(weight);
  return Number.isInteger(n) ? n.toFixed(1) : String(n);
}

/** A score out of the criterion's scale, e.g. "4 / 5". */
export function ScoreValue({ score, max }: { score: number | null | undefined; max: number }) {
  if (score === null || score === undefined) return <span className="text-slate-500">—</span>;
  return (
    <span className="whitespace-nowrap">
      <span className="text-base font-bold text-slate-900">{score}</span>
      <span className="text-xs text-slate-600"> / {max}</span>
    </span>
  );
}

export interface ScoreSheetCriterion {
  id: number;
  name_ja: string;
  name_en: string;
  scale_max: number;
}

/** A review's scores and comments (read-only): the reviewer's own after the window, others', the admin's view. */
export function ScoreSheet({
  criteria,
  scores,
  overallComment,
  t,
  locale,
}: {
  criteria: ScoreSheetCriterion[];
  scores: Array<{ criterionId: number; score: number; comment: string }>;
  overallComment: string;
  t: Translate;
  locale: Locale;
}) {
  return (
    <div className="space-y-3">
      <dl className="divide-y divide-slate-100 rounded-md border border-slate-200">
        {criteria.map((c) => {
          const s = scores.find((x) => x.criterionId === c.id);
          return (
            <div key={c.id} className="grid gap-1 px-3 py-2 sm:grid-cols-[12rem_5rem_1fr] sm:gap-3">
              <dt className="text-sm font-medium text-slate-700">{criterionName(c, locale)}</dt>
              <dd>
                <ScoreValue score={s?.score} max={c.scale_max} />
              </dd>
              <dd className="whitespace-pre-wrap break-words text-sm text-slate-800">{s?.comment || ""}</dd>
            </div>
          );
        })}
      </dl>
      <div>
        <h4 className="text-sm font-semibold text-slate-700">{t("contest.review.overall")}</h4>
        {overallComment ? (
          <p className="mt-1 whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 text-sm leading-7 text-slate-900">{overallComment}</p>
        ) : (
          <p className="mt-1 text-sm text-slate-600">{t("contest.review.overall.none")}</p>
        )}
      </div>
    </div>
  );
}

/** Text written by a person (the proposal's sections), with its line breaks. */
export function Prose({ children }: { children: ReactNode }) {
  return <div className="whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 text-sm leading-7 text-slate-900">{children}</div>;
}

/**
 * A reviewer's conflict declaration (reason required): on the list under each proposal and on the proposal page.
 * Declaring removes the assignment and any draft.
 */
export function DeclareConflictForm({
  proposalId,
  lastResult,
  t,
  open,
  compact = false,
}: {
  proposalId: number;
  lastResult?: SubmissionResult<string[]> | null;
  t: Translate;
  open?: boolean;
  compact?: boolean;
}) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: `declare-${proposalId}`,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: declareConflictSchema(t) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <details className={compact ? "mt-2 text-sm" : "rounded-md border border-amber-300 bg-amber-50/60 p-4"} open={open || Boolean(lastResult)}>
      <summary className="cursor-pointer text-sm font-semibold text-amber-900 underline-offset-2 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600">
        {t("contest.review.declare.open")}
      </summary>
      <Form method="post" className={`space-y-3 ${compact ? "mt-2 rounded-md border border-amber-300 bg-amber-50/60 p-3" : "mt-3"}`} {...getFormProps(form)}>
        <p className="text-sm text-slate-700">{t("contest.review.declare.hint")}</p>
        <input type="hidden" name="intent" value="declare" />
        <input type="hidden" name="proposalId" value={proposalId} />
        <div id={form.errorId}>
          <FormError errors={form.errors} />
        </div>
        <TextAreaField
          label={t("contest.review.declare.reason")}
          hint={t("contest.review.declare.reason.hint")}
          errors={fields.reason.errors}
          rows={2}
          maxLength={CONFLICT_REASON_MAX}
          required
          requiredLabel={t("common.required")}
          {...textareaProps(fields.reason)}
          id={`declare-reason-${proposalId}`}
        />
        <Button type="submit" variant="secondary" disabled={navigation.state === "submitting"}>
          {t("contest.review.declare.submit")}
        </Button>
      </Form>
    </details>
  );
}
