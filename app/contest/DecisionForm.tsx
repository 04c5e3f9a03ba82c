import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { ContestOutcome } from "../../db/schema";
import { formatDateTime } from "../i18n/format";
import type { Translate } from "../i18n/i18n";
import type { Locale } from "../i18n/locale";
import { Button } from "../ui/Button";
import { FormError } from "../ui/Field";
import { decideSchema, FEEDBACK_MAX, OUTCOMES } from "./decision-schemas";
import { fixed, OutcomeBadge, signed } from "./RankingTable";
import "./decisions.messages";

// One proposal's decision: the outcome, the feedback the proposers will read and, when a quota is full, the
// explicit confirmation to go past it. Read-only once the results are published. The ranking page shows one card,
// for the proposal chosen in the table (?decide=<id>).

export interface DecisionCardProps {
  proposal: { id: number; title: string; leadName: string; leadUnit: string; members: number; desiredHostName: string | null; outcome: ContestOutcome | null; feedback: string | null; decidedAt: string | null; decidedByName: string | null };
  position: number;
  weightedMean: number | null;
  normalized: number | null;
  locked: boolean;
  /** Show the over-quota confirmation (a quota is full, or the last save was refused for it). */
  quotaFull: boolean;
  lastResult?: SubmissionResult<string[]> | null;
  overQuotaRefused: boolean;
  /** Move the keyboard focus to the card's heading when it appears (the proposal was just chosen in the table). */
  focusOnMount?: boolean;
  /** Where the form posts (keeps this proposal chosen when the page is shown again with an error). */
  action?: string;
  t: Translate;
  locale: Locale;
}

export function DecisionCard({ proposal, position, weightedMean, normalized, locked, quotaFull, lastResult, overQuotaRefused, focusOnMount = false, action, t, locale }: DecisionCardProps) {
  const navigation = useNavigation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) headingRef.current?.focus({ preventScroll: true });
    // Only when the card appears: a re-render of the same card must not take the focus from its fields.
  }, []);
  const formId = `decision-form-${proposal.id}`;
  const [form, fields] = useForm({
    id: formId,
    lastResult: lastResult ?? undefined,
    defaultValue: { outcome: proposal.outcome ?? "", feedback: proposal.feedback ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: decideSchema(t) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const submitting = navigation.state === "submitting" && navigation.formData?.get("proposalId") === String(proposal.id);
  const feedbackId = `feedback-${proposal.id}`;
  const outcomeErrorId = `outcome-${proposal.id}-error`;
  const feedbackErrorId = `${feedbackId}-error`;
  const selected = (fields.outcome.initialValue as string | undefined) ?? proposal.outcome ?? "";

  return (
    <section id={`decision-${proposal.id}`} aria-labelledby={`decision-${proposal.id}-title`} className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="decision-card">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-xs font-semibold text-slate-600">{t("contest.decision.position", { position })}</p>
          <h3 id={`decision-${proposal.id}-title`} ref={headingRef} tabIndex={-1} className="text-base font-semibold text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600">
            {proposal.title}
          </h3>
          <p className="mt-0.5 text-sm text-slate-700">
            {proposal.members > 0
              ? t("contest.ranking.leadWithMembers", { name: proposal.leadName, unit: proposal.leadUnit, count: proposal.members })
              : t("contest.ranking.lead", { name: proposal.leadName, unit: proposal.leadUnit })}
            {proposal.desiredHostName ? <span className="text-slate-600">　／　{t("contest.decision.desiredHost", { name: proposal.desiredHostName })}</span> : null}
          </p>
        </div>
        <div className="text-right text-sm text-slate-700">
          <p>
            {t("contest.ranking.col.weighted")} <span className="font-semibold tabular-nums">{fixed(weightedMean)}</span>
            <span className="mx-2 text-slate-300">|</span>
            {t("contest.ranking.col.normalized")} <span className="font-semibold tabular-nums">{signed(normalized)}</span>
          </p>
          <p className="mt-1">
            <OutcomeBadge outcome={proposal.outcome} t={t} />
          </p>
          {proposal.decidedAt ? (
            <p className="mt-1 text-xs text-slate-600">{t("contest.decision.decidedAt", { at: formatDateTime(proposal.decidedAt, locale), name: proposal.decidedByName ?? "—" })}</p>
          ) : null}
        </div>
      </div>

      {locked ? (
        <div className="mt-3 rounded-md bg-slate-50 p-3 text-sm">
          <p className="font-medium text-slate-800">{t("contest.decision.feedback")}</p>
          <p className="mt-1 whitespace-pre-wrap text-slate-900">{proposal.feedback ?? t("contest.decision.noFeedback")}</p>
        </div>
      ) : (
        <Form method="post" action={action} preventScrollReset className="mt-4" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="decide" />
          <input type="hidden" name="proposalId" value={proposal.id} />
          <FormError errors={form.errors} />
          <div className="mt-2 grid gap-4 md:grid-cols-[13rem_1fr]">
            <fieldset aria-describedby={fields.outcome.errors?.length ? outcomeErrorId : undefined}>
              <legend className="text-sm font-medium text-slate-800">
                {t("contest.decision.outcome")}
                <span className="ml-2 rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white">{t("common.required")}</span>
              </legend>
              <div className="mt-1 flex flex-wrap gap-2 md:flex-col">
                {OUTCOMES.map((outcome) => (
                  <label
                    key={outcome}
                    className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50 has-[:checked]:font-semibold"
                  >
                    <input type="radio" name={fields.outcome.name} value={outcome} defaultChecked={selected === outcome} className="h-4 w-4" aria-invalid={fields.outcome.errors?.length ? true : undefined} />
                    {t(`contest.decision.outcome.${outcome}`)}
                  </label>
                ))}
              </div>
              {fields.outcome.errors?.length ? (
                <p id={outcomeErrorId} role="alert" className="mt-1 text-sm font-medium text-red-700">
                  {fields.outcome.errors[0]}
                </p>
              ) : null}
            </fieldset>
            <div className="space-y-1">
              <div className="flex flex-wrap items-baseline gap-x-2">
                <label htmlFor={feedbackId} className="text-sm font-medium text-slate-800">
                  {t("contest.decision.feedback")}
                </label>
                <span id={`${feedbackId}-hint`} className="text-xs text-slate-600">
                  {t("contest.decision.feedback.hint", { max: FEEDBACK_MAX })}
                </span>
              </div>
              <textarea
                id={feedbackId}
                name={fields.feedback.name}
                defaultValue={(fields.feedback.initialValue as string | undefined) ?? proposal.feedback ?? ""}
                rows={4}
                maxLength={FEEDBACK_MAX}
                aria-invalid={fields.feedback.errors?.length ? true : undefined}
                aria-describedby={[`${feedbackId}-hint`, fields.feedback.errors?.length ? feedbackErrorId : null].filter(Boolean).join(" ")}
                className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600 aria-[invalid=true]:border-red-700"
              />
              {fields.feedback.errors?.length ? (
                <p id={feedbackErrorId} role="alert" className="text-sm font-medium text-red-700">
                  {fields.feedback.errors[0]}
                </p>
              ) : null}
            </div>
          </div>
          <div className="mt-3 flex flex-wrap items-center justify-end gap-4">
            {quotaFull || overQuotaRefused ? (
              <label className={`flex items-start gap-2 rounded-md px-2 py-1 text-sm ${overQuotaRefused ? "border border-amber-700 bg-amber-50 text-amber-900" : "text-slate-800"}`}>
                <input type="checkbox" name="confirmOverQuota" value="on" className="mt-0.5 h-4 w-4" />
                <span>
                  <span className="font-semibold">{t("contest.decision.confirmOverQuota")}</span>
                  <span className="block text-xs text-slate-700">{t("contest.decision.confirmOverQuota.hint")}</span>
                </span>
              </label>
            ) : null}
            <Button type="submit" disabled={submitting}>
              {t("contest.decision.save")}
            </Button>
          </div>
        </Form>
      )}
    </section>
  );
}
