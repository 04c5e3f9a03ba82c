import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "../i18n/i18n";
import { Button } from "../ui/Button";
import { DepartmentOptions } from "../ui/DepartmentOptions";
import { FormError, SelectField, TextAreaField, TextField } from "../ui/Field";
import { inputProps, selectProps, textareaProps } from "../ui/conform";
import { PROPOSAL_LIMITS, proposalFormSchema } from "./proposal-schemas";
import "./proposals.messages";

/** The form's values as strings, the way the browser holds them (for editing a saved proposal). */
export interface ProposalFormDefaults {
  title?: string;
  background?: string;
  proposal?: string;
  expectedEffect?: string;
  plan?: string;
  budgetYen?: string;
  requestedSharePercent?: string;
  desiredHostDepartmentId?: string;
}

export interface ProposalFormProps {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: ProposalFormDefaults;
  departments: { id: number; name: string; depth: number }[];
  /** Offer 「提出する」: a draft inside the call window. */
  canSubmit: boolean;
  /** The proposal is already submitted: saving keeps it submitted, so every field a submission needs stays required. */
  submitted?: boolean;
  /** Why submission is not offered (e.g. the call opens later), shown next to the buttons. */
  submitHint?: string | null;
}

function Section({ title, lead, children }: { title: string; lead?: string; children: ReactNode }) {
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <legend className="px-1 text-base font-semibold text-slate-900">{title}</legend>
      {lead ? <p className="mt-1 text-sm text-slate-600">{lead}</p> : null}
      <div className="mt-3 grid gap-5">{children}</div>
    </fieldset>
  );
}

/**
 * Create / edit a proposal. 下書き保存 (intent=save) keeps it a draft with only the title required; 提出する
 * (intent=submit) also needs background, proposal, effect, plan, budget and share. Works without JavaScript; with
 * it, fields validate as the user leaves them.
 */
export function ProposalForm({ lastResult, defaultValue, departments, canSubmit, submitted = false, submitHint }: ProposalFormProps) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "proposal",
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => {
      // A submitted proposal must stay complete: validate its saves like a submission.
      if (submitted) formData.set("intent", "submit");
      return parseWithZod(formData, { schema: proposalFormSchema(t) });
    },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const busy = navigation.state === "submitting";
  const submitRequired = canSubmit || submitted;
  const req = { required: true, requiredLabel: t("common.required") };
  // Fields a submission needs carry a badge but no `required` attribute: a draft may still be saved without them.
  const label = (key: string) =>
    submitRequired ? (
      <>
        {t(key)}
        <span className="ml-2 rounded bg-amber-700 px-1.5 py-0.5 text-xs font-semibold text-white">{t("contest.proposals.requiredToSubmit")}</span>
      </>
    ) : (
      t(key)
    );
  const hasFieldErrors = Object.entries(form.allErrors).some(([name, errors]) => name !== form.id && errors.length > 0);

  return (
    <Form method="post" className="space-y-6" {...getFormProps(form)}>
      <div id={form.errorId}>
        <FormError errors={form.errors ?? (hasFieldErrors && lastResult ? [t("contest.proposals.error.form")] : null)} />
      </div>
      <Section title={t("contest.proposals.section.about")}>
        <TextField
          id="title"
          label={t("contest.proposals.field.title")}
          hint={t("contest.proposals.field.title.hint")}
          errors={fields.title.errors}
          maxLength={PROPOSAL_LIMITS.title}
          {...req}
          {...inputProps(fields.title, { type: "text" })}
        />
        <TextAreaField
          id="background"
          label={label("contest.proposals.field.background")}
          hint={t("contest.proposals.field.background.hint", { max: PROPOSAL_LIMITS.background })}
          errors={fields.background.errors}
          rows={6}
          maxLength={PROPOSAL_LIMITS.background}
          {...textareaProps(fields.background)}
        />
        <TextAreaField
          id="proposalText"
          label={label("contest.proposals.field.proposal")}
          hint={t("contest.proposals.field.proposal.hint", { max: PROPOSAL_LIMITS.proposal })}
          errors={fields.proposal.errors}
          rows={9}
          maxLength={PROPOSAL_LIMITS.proposal}
          {...textareaProps(fields.proposal)}
        />
        <TextAreaField
          id="expectedEffect"
          label={label("contest.proposals.field.expectedEffect")}
          hint={t("contest.proposals.field.expectedEffect.hint", { max: PROPOSAL_LIMITS.expectedEffect })}
          errors={fields.expectedEffect.errors}
          rows={6}
          maxLength={PROPOSAL_LIMITS.expectedEffect}
          {...textareaProps(fields.expectedEffect)}
        />
        <TextAreaField
          id="plan"
          label={label("contest.proposals.field.plan")}
          hint={t("contest.proposals.field.plan.hint", { max: PROPOSAL_LIMITS.plan })}
          errors={fields.plan.errors}
          rows={6}
          maxLength={PROPOSAL_LIMITS.plan}
          {...textareaProps(fields.plan)}
        />
      </Section>

      <Section title={t("contest.proposals.section.resources")}>
        <div className="grid gap-5 md:grid-cols-2 md:items-end">
          <TextField
            id="budgetYen"
            label={label("contest.proposals.field.budgetYen")}
            hint={t("contest.proposals.field.budgetYen.hint")}
            errors={fields.budgetYen.errors}
            inputMode="numeric"
            autoComplete="off"
            {...inputProps(fields.budgetYen, { type: "text" })}
          />
          <TextField
            id="requestedSharePercent"
            label={label("contest.proposals.field.requestedSharePercent")}
            hint={t("contest.proposals.field.requestedSharePercent.hint")}
            errors={fields.requestedSharePercent.errors}
            inputMode="decimal"
            min={0}
            max={100}
            step="0.1"
            {...inputProps(fields.requestedSharePercent, { type: "number" })}
          />
        </div>
        <SelectField
          id="desiredHostDepartmentId"
          label={t("contest.proposals.field.desiredHost")}
          hint={t("contest.proposals.field.desiredHost.hint")}
          errors={fields.desiredHostDepartmentId.errors}
          {...selectProps(fields.desiredHostDepartmentId)}
        >
          <option value="">{t("contest.proposals.host.undecided")}</option>
          <DepartmentOptions departments={departments} />
        </SelectField>
      </Section>

      <div className="flex flex-wrap items-center gap-3">
        {submitted ? (
          <Button type="submit" name="intent" value="save" disabled={busy}>
            {t("contest.proposals.action.saveChanges")}
          </Button>
        ) : (
          <>
            <Button type="submit" name="intent" value="save" variant="secondary" disabled={busy}>
              {t("contest.proposals.action.saveDraft")}
            </Button>
            {canSubmit ? (
              <Button type="submit" name="intent" value="submit" disabled={busy}>
                {t("contest.proposals.action.saveAndSubmit")}
              </Button>
            ) : null}
          </>
        )}
        {submitHint ? <p className="text-sm text-slate-700">{submitHint}</p> : null}
      </div>
    </Form>
  );
}
