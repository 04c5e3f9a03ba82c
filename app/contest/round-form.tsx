import { getFormProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { fiscalYearLabel } from "../i18n/format";
import { useLocale, useT } from "../i18n/i18n";
import { Button } from "../ui/Button";
import { FormError, SelectField, TextAreaField, TextField } from "../ui/Field";
import { inputProps, selectProps, textareaProps } from "../ui/conform";
import { RubricTable, type RubricRow } from "./proposal-components";
import { DEFAULT_SCALE_MAX, DEFAULT_SCALE_MIN, MAX_CRITERIA, REVIEW_VISIBILITIES } from "./round-model";
import { roundFormSchema } from "./round-schemas";
import "./rounds.messages";

/** The form's values as strings, the way the browser holds them. */
export interface RoundFormDefaults {
  title?: string;
  fiscalYear?: string;
  guidance?: string;
  callOpensOn?: string;
  callClosesOn?: string;
  reviewOpensOn?: string;
  reviewClosesOn?: string;
  resultsOn?: string;
  projectStartOn?: string;
  quotaAdopted?: string;
  quotaStepUp?: string;
  reviewersPerProposal?: string;
  reviewVisibility?: string;
  version?: string;
  criteria?: Array<{ nameJa: string; nameEn: string; description: string; weight: string; scaleMin: string; scaleMax: string }>;
}

export interface RoundFormProps {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue: RoundFormDefaults;
  fiscalYears: number[];
  /** Reviews exist: the rubric is shown, not edited. */
  rubricLocked?: boolean;
  lockedRubric?: RubricRow[];
  submitLabel: string;
}

function Section({ title, lead, children }: { title: string; lead?: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <legend className="px-1 text-base font-semibold text-slate-900">{title}</legend>
      {lead ? <div className="mt-1 text-sm text-slate-600">{lead}</div> : null}
      <div className="mt-3 grid gap-5">{children}</div>
    </fieldset>
  );
}

function initial(field: FieldMetadata<unknown>): string | undefined {
  return typeof field.initialValue === "string" ? field.initialValue : undefined;
}

/** Create or edit a round: basics, the dates (in order), quotas and review settings, and the rubric. */
export function RoundForm({ lastResult, defaultValue, fiscalYears, rubricLocked = false, lockedRubric = [], submitLabel }: RoundFormProps) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "round",
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: roundFormSchema(t, { rubricLocked }) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const req = { required: true, requiredLabel: t("common.required") };
  const busy = navigation.state === "submitting";
  const criteria = fields.criteria.getFieldList();
  // The list's name for conform's insert / remove / reorder buttons (plain submit buttons: they work without JS).
  const criteriaName: string = fields.criteria.name;
  const hasFieldErrors = Object.entries(form.allErrors).some(([name, errors]) => name !== form.id && errors.length > 0);
  const visibility = initial(fields.reviewVisibility as FieldMetadata<unknown>) ?? "after_submit";

  return (
    <Form method="post" className="space-y-6" {...getFormProps(form)}>
      {/* The version the page was loaded at: saving over someone else's newer save is refused (409). */}
      {defaultValue.version ? <input type="hidden" name="version" value={defaultValue.version} /> : null}
      <div id={form.errorId}>
        <FormError errors={form.errors ?? (hasFieldErrors && lastResult ? [t("contest.rounds.error.form")] : null)} />
      </div>

      <Section title={t("contest.rounds.section.basics")}>
        <div className="grid gap-5 md:grid-cols-[1fr_14rem]">
          <TextField id="title" label={t("contest.rounds.field.title")} errors={fields.title.errors} maxLength={120} {...req} {...inputProps(fields.title, { type: "text" })} />
          <SelectField id="fiscalYear" label={t("contest.rounds.field.fiscalYear")} errors={fields.fiscalYear.errors} {...req} {...selectProps(fields.fiscalYear)}>
            {fiscalYears.map((fy) => (
              <option key={fy} value={fy}>
                {fiscalYearLabel(fy, locale)}
                {locale === "ja" ? `（${fy}年度）` : ""}
              </option>
            ))}
          </SelectField>
        </div>
        <TextAreaField
          id="guidance"
          label={t("contest.rounds.field.guidance")}
          hint={t("contest.rounds.field.guidance.hint")}
          errors={fields.guidance.errors}
          rows={6}
          maxLength={4000}
          {...textareaProps(fields.guidance)}
        />
      </Section>

      <Section title={t("contest.rounds.section.schedule")} lead={t("contest.rounds.section.schedule.lead")}>
        <div className="grid gap-5 md:grid-cols-2">
          <TextField id="callOpensOn" label={t("contest.rounds.field.callOpensOn")} errors={fields.callOpensOn.errors} {...req} {...inputProps(fields.callOpensOn, { type: "date" })} />
          <TextField id="callClosesOn" label={t("contest.rounds.field.callClosesOn")} errors={fields.callClosesOn.errors} {...req} {...inputProps(fields.callClosesOn, { type: "date" })} />
          <TextField id="reviewOpensOn" label={t("contest.rounds.field.reviewOpensOn")} errors={fields.reviewOpensOn.errors} {...req} {...inputProps(fields.reviewOpensOn, { type: "date" })} />
          <TextField id="reviewClosesOn" label={t("contest.rounds.field.reviewClosesOn")} errors={fields.reviewClosesOn.errors} {...req} {...inputProps(fields.reviewClosesOn, { type: "date" })} />
          <TextField
            id="resultsOn"
            label={t("contest.rounds.field.resultsOn")}
            hint={t("contest.rounds.field.resultsOn.hint")}
            errors={fields.resultsOn.errors}
            {...req}
            {...inputProps(fields.resultsOn, { type: "date" })}
          />
          <TextField id="projectStartOn" label={t("contest.rounds.field.projectStartOn")} errors={fields.projectStartOn.errors} {...req} {...inputProps(fields.projectStartOn, { type: "date" })} />
        </div>
      </Section>

      <Section title={t("contest.rounds.section.review")}>
        <div className="grid gap-5 md:grid-cols-3">
          <TextField
            id="quotaAdopted"
            label={t("contest.rounds.field.quotaAdopted")}
            hint={t("contest.rounds.field.quota.hint")}
            errors={fields.quotaAdopted.errors}
            inputMode="numeric"
            min={0}
            max={100}
            step={1}
            {...req}
            {...inputProps(fields.quotaAdopted, { type: "number" })}
          />
          <TextField
            id="quotaStepUp"
            label={t("contest.rounds.field.quotaStepUp")}
            hint={t("contest.rounds.field.quota.hint")}
            errors={fields.quotaStepUp.errors}
            inputMode="numeric"
            min={0}
            max={100}
            step={1}
            {...req}
            {...inputProps(fields.quotaStepUp, { type: "number" })}
          />
          <TextField
            id="reviewersPerProposal"
            label={t("contest.rounds.field.reviewersPerProposal")}
            hint={t("contest.rounds.field.reviewersPerProposal.hint")}
            errors={fields.reviewersPerProposal.errors}
            inputMode="numeric"
            min={1}
            max={20}
            step={1}
            {...req}
            {...inputProps(fields.reviewersPerProposal, { type: "number" })}
          />
        </div>
        <fieldset aria-describedby={fields.reviewVisibility.errors?.length ? "reviewVisibility-error" : undefined}>
          <legend className="block text-sm font-medium text-slate-800">
            {t("contest.rounds.field.reviewVisibility")}
            <span className="ml-2 rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white">{t("common.required")}</span>
          </legend>
          <div className="mt-2 space-y-2">
            {REVIEW_VISIBILITIES.map((v) => (
              <label key={v} className="flex items-start gap-2 text-sm text-slate-900">
                <input
                  type="radio"
                  name={fields.reviewVisibility.name}
                  value={v}
                  defaultChecked={visibility === v}
                  className="mt-1 h-4 w-4 border-slate-400 text-brand-700 focus:ring-2 focus:ring-brand-600"
                />
                <span>
                  <span className="font-medium">{t(`contest.rounds.visibility.${v}`)}</span>
                  <span className="block text-slate-600">{t(`contest.rounds.visibility.${v}.hint`)}</span>
                </span>
              </label>
            ))}
          </div>
          {fields.reviewVisibility.errors?.length ? (
            <p id="reviewVisibility-error" role="alert" className="mt-1 text-sm font-medium text-red-700">
              {fields.reviewVisibility.errors[0]}
            </p>
          ) : null}
        </fieldset>
      </Section>

      <Section title={t("contest.rounds.section.rubric")} lead={rubricLocked ? null : t("contest.rounds.section.rubric.lead")}>
        {rubricLocked ? (
          <>
            <p className="rounded-md border-l-4 border-amber-700 bg-amber-50 p-3 text-sm text-amber-900" role="status">
              {t("contest.rounds.rubric.locked")}
            </p>
            <RubricTable criteria={lockedRubric} caption={t("contest.rounds.section.rubric")} />
          </>
        ) : (
          <>
            {fields.criteria.errors?.length ? (
              <ul id="criteria-error" role="alert" className="space-y-0.5 text-sm font-medium text-red-700">
                {fields.criteria.errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            ) : null}
            <ol className="space-y-3">
              {criteria.map((item, index) => {
                const c = item.getFieldset();
                const prefix = `criteria-${index}`;
                return (
                  <li key={item.key} className="rounded-md border border-slate-200 bg-slate-50/60 p-4" data-testid="criterion">
                    <fieldset>
                      <legend className="text-sm font-semibold text-slate-900">{t("contest.rounds.criterion.legend", { n: index + 1 })}</legend>
                      <div className="mt-2 grid gap-4 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_5.5rem_5.5rem_5.5rem]">
                        <TextField
                          id={`${prefix}-nameJa`}
                          label={t("contest.rounds.field.criterion.nameJa")}
                          errors={c.nameJa.errors}
                          maxLength={40}
                          {...req}
                          {...inputProps(c.nameJa, { type: "text" })}
                        />
                        <TextField
                          id={`${prefix}-nameEn`}
                          label={t("contest.rounds.field.criterion.nameEn")}
                          errors={c.nameEn.errors}
                          maxLength={60}
                          lang="en"
                          {...req}
                          {...inputProps(c.nameEn, { type: "text" })}
                        />
                        <TextField
                          id={`${prefix}-weight`}
                          label={t("contest.rounds.field.criterion.weight")}
                          errors={c.weight.errors}
                          inputMode="decimal"
                          step="0.01"
                          min={0.01}
                          max={100}
                          {...req}
                          {...inputProps(c.weight, { type: "number" })}
                        />
                        <TextField
                          id={`${prefix}-scaleMin`}
                          label={t("contest.rounds.field.criterion.scaleMin")}
                          errors={c.scaleMin.errors}
                          inputMode="numeric"
                          step={1}
                          min={0}
                          max={99}
                          {...req}
                          {...inputProps(c.scaleMin, { type: "number" })}
                        />
                        <TextField
                          id={`${prefix}-scaleMax`}
                          label={t("contest.rounds.field.criterion.scaleMax")}
                          errors={c.scaleMax.errors}
                          inputMode="numeric"
                          step={1}
                          min={1}
                          max={100}
                          {...req}
                          {...inputProps(c.scaleMax, { type: "number" })}
                        />
                      </div>
                      <div className="mt-3 grid items-end gap-3 md:grid-cols-[minmax(0,1fr)_13rem]">
                        <TextAreaField
                          id={`${prefix}-description`}
                          label={t("contest.rounds.field.criterion.description")}
                          errors={c.description.errors}
                          rows={2}
                          maxLength={1000}
                          {...textareaProps(c.description)}
                        />
                        <div className="flex flex-wrap gap-2 md:justify-end">
                          {index > 0 ? (
                            <Button variant="secondary" className="px-3 py-1" {...form.reorder.getButtonProps({ name: criteriaName, from: index, to: index - 1 })}>
                              {t("contest.rounds.criterion.up")}
                              <span className="sr-only">{t("contest.rounds.criterion.which", { n: index + 1 })}</span>
                            </Button>
                          ) : null}
                          {index < criteria.length - 1 ? (
                            <Button variant="secondary" className="px-3 py-1" {...form.reorder.getButtonProps({ name: criteriaName, from: index, to: index + 1 })}>
                              {t("contest.rounds.criterion.down")}
                              <span className="sr-only">{t("contest.rounds.criterion.which", { n: index + 1 })}</span>
                            </Button>
                          ) : null}
                          {criteria.length > 1 ? (
                            <Button variant="secondary" className="px-3 py-1 text-red-800" {...form.remove.getButtonProps({ name: criteriaName, index })}>
                              {t("contest.rounds.criterion.remove")}
                              <span className="sr-only">{t("contest.rounds.criterion.which", { n: index + 1 })}</span>
                            </Button>
                          ) : null}
                        </div>
                      </div>
                    </fieldset>
                  </li>
                );
              })}
            </ol>
            {criteria.length < MAX_CRITERIA ? (
              <div>
                <Button
                  variant="secondary"
                  {...form.insert.getButtonProps<NonNullable<RoundFormDefaults["criteria"]>>({
                    name: criteriaName,
                    defaultValue: { nameJa: "", nameEn: "", description: "", weight: "1", scaleMin: String(DEFAULT_SCALE_MIN), scaleMax: String(DEFAULT_SCALE_MAX) },
                  })}
                >
                  {t("contest.rounds.criterion.add")}
                </Button>
              </div>
            ) : null}
          </>
        )}
      </Section>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={busy}>
          {submitLabel}
        </Button>
      </div>
    </Form>
  );
}
