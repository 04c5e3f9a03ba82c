import { getFormProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "../i18n/i18n";
import { Button } from "../ui/Button";
import { FormError, SelectField, TextAreaField, TextField } from "../ui/Field";
import { inputProps, selectProps, textareaProps } from "../ui/conform";
import { EMPLOYMENT_TYPES, exceedsSideJobCap, formatShare, MAX_HOURS, MIN_HOURS, SCHEMES, SELECTION_METHODS, sideJobCapHours, WORK_STYLES } from "./model";
import { postingFormSchema } from "./schema";
import "./messages";

/** The form's values as strings, the way the browser holds them (for editing an existing posting). */
export interface PostingFormDefaults {
  scheme?: string;
  title?: string;
  hostDepartmentId?: string;
  summary?: string;
  workContent?: string;
  skills?: string;
  hoursPerMonth?: string;
  periodStart?: string;
  periodEnd?: string;
  capacity?: string;
  workStyle?: string;
  place?: string;
  maxGrade?: string;
  employmentTypes?: string[];
  selectionMethod?: string;
  contact?: string;
  applyFrom?: string;
  applyUntil?: string;
}

export interface PostingFormProps {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: PostingFormDefaults;
  units: { id: number; name: string; bureau_name: string | null }[];
  grades: { code: string }[];
  today: string;
  capPercent: number;
}

function initialString(field: FieldMetadata<unknown>): string | undefined {
  const value = field.initialValue;
  return typeof value === "string" ? value : undefined;
}

function initialList(field: FieldMetadata<unknown>): string[] {
  const value = field.initialValue;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return typeof value === "string" ? [value] : [];
}

/** A group of radio buttons or checkboxes: a fieldset with its legend, hint and error wired up. */
function ChoiceGroup({
  field,
  legend,
  hint,
  type,
  options,
  required,
  requiredLabel,
}: {
  field: FieldMetadata<unknown>;
  legend: string;
  hint?: string;
  type: "radio" | "checkbox";
  options: { value: string; label: string }[];
  required?: boolean;
  requiredLabel: string;
}) {
  const id = `${field.name}-group`;
  const chosen = type === "radio" ? [initialString(field) ?? ""] : initialList(field);
  const described = [hint ? `${id}-hint` : null, field.errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className="space-y-1" aria-describedby={described} aria-invalid={field.errors?.length ? true : undefined}>
      <legend className="block text-sm font-medium text-slate-800">
        {legend}
        {required ? <span className="ml-2 rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white">{requiredLabel}</span> : null}
      </legend>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-x-5 gap-y-2 pt-1">
        {options.map((option) => (
          <label key={option.value} className="inline-flex items-center gap-2 text-sm text-slate-900">
            <input
              type={type}
              name={field.name}
              value={option.value}
              defaultChecked={chosen.includes(option.value)}
              className="h-4 w-4 border-slate-400 text-brand-700 focus:ring-2 focus:ring-brand-600"
            />
            {option.label}
          </label>
        ))}
      </div>
      {field.errors?.length ? (
        <ul id={`${id}-error`} className="space-y-0.5 text-sm font-medium text-red-700" role="alert">
          {field.errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <legend className="px-1 text-base font-semibold text-slate-900">{title}</legend>
      <div className="mt-2 grid gap-5">{children}</div>
    </fieldset>
  );
}

/**
 * Create / edit a posting. Two submit buttons: 下書き保存 (intent=save) and 保存して承認を申請 (intent=submit,
 * which also requires a window that has not started). Works without JavaScript; with it, fields validate as
 * the user leaves them and the hours show their share of standard working time as they are typed.
 */
export function PostingForm({ lastResult, defaultValue, units, grades, today, capPercent }: PostingFormProps) {
  const t = useT();
  const navigation = useNavigation();
  const gradeCodes = grades.map((g) => g.code);
  const [form, fields] = useForm({
    id: "posting",
    lastResult,
    defaultValue: { employmentTypes: ["regular"], ...defaultValue, hostDepartmentId: defaultValue?.hostDepartmentId ?? (units.length === 1 ? String(units[0].id) : undefined) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: postingFormSchema(t, { today, grades: gradeCodes }) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const required = { required: true, requiredLabel: t("common.required") };
  const hours = Number(fields.hoursPerMonth.value);
  const hoursValid = Number.isFinite(hours) && hours >= MIN_HOURS && hours <= MAX_HOURS;
  const scheme = (fields.scheme.value ?? initialString(fields.scheme as FieldMetadata<unknown>)) === "job_challenge" ? "job_challenge" : "side_job";
  const overCap = hoursValid && exceedsSideJobCap(scheme, hours, capPercent);
  const busy = navigation.state === "submitting";
  const hasFieldErrors = Object.entries(form.allErrors).some(([name, errors]) => name !== form.id && errors.length > 0);

  return (
    <Form method="post" className="space-y-6" {...getFormProps(form)}>
      <div id={form.errorId}>
        <FormError errors={form.errors ?? (hasFieldErrors && lastResult ? [t("postings.error.form")] : null)} />
      </div>

      <Section title={t("postings.detail.about")}>
        <ChoiceGroup
          field={fields.scheme as FieldMetadata<unknown>}
          legend={t("postings.field.scheme")}
          type="radio"
          options={SCHEMES.map((s) => ({ value: s, label: t(`postings.scheme.${s}`) }))}
          {...required}
        />
        <TextField id="title" label={t("postings.field.title")} hint={t("postings.field.title.hint")} errors={fields.title.errors} maxLength={120} {...required} {...inputProps(fields.title, { type: "text" })} />
        <SelectField id="hostDepartmentId" label={t("postings.field.hostUnit")} errors={fields.hostDepartmentId.errors} {...required} {...selectProps(fields.hostDepartmentId)}>
          {units.length > 1 ? <option value="">—</option> : null}
          {units.map((unit) => (
            <option key={unit.id} value={unit.id}>
              {unit.bureau_name ? `${unit.bureau_name} ${unit.name}` : unit.name}
            </option>
          ))}
        </SelectField>
        <TextAreaField id="summary" label={t("postings.field.summary")} hint={t("postings.field.summary.hint")} errors={fields.summary.errors} rows={3} maxLength={400} {...required} {...textareaProps(fields.summary)} />
        <TextAreaField
          id="workContent"
          label={t("postings.field.workContent")}
          hint={t("postings.field.workContent.hint")}
          errors={fields.workContent.errors}
          rows={9}
          maxLength={4000}
          {...required}
          {...textareaProps(fields.workContent)}
        />
        <TextField id="skills" label={t("postings.field.skills")} hint={t("postings.field.skills.hint")} errors={fields.skills.errors} {...inputProps(fields.skills, { type: "text" })} />
      </Section>

      <Section title={t("postings.detail.conditions")}>
        <div className="grid gap-5 md:grid-cols-2">
          <div className="space-y-1">
            <TextField
              id="hoursPerMonth"
              label={`${t("postings.field.hours")}（${t("postings.field.hours.unit")}）`}
              hint={t("postings.field.hours.hint")}
              errors={fields.hoursPerMonth.errors}
              inputMode="decimal"
              step="0.1"
              min={MIN_HOURS}
              max={MAX_HOURS}
              {...required}
              {...inputProps(fields.hoursPerMonth, { type: "number" })}
            />
            <p className="text-sm text-slate-700" aria-live="polite" data-testid="hours-share">
              {hoursValid ? t("postings.hours.share", { percent: formatShare(hours) }) : null}
            </p>
            {overCap ? (
              <p className="rounded border-l-4 border-amber-600 bg-amber-50 p-2 text-sm text-amber-900" role="status">
                {t("postings.hours.capWarning", { cap: capPercent, hours: sideJobCapHours(capPercent) })}
              </p>
            ) : null}
          </div>
          <TextField
            id="capacity"
            label={t("postings.field.capacity")}
            hint={t("postings.field.capacity.hint")}
            errors={fields.capacity.errors}
            inputMode="numeric"
            min={1}
            max={100}
            step={1}
            {...required}
            {...inputProps(fields.capacity, { type: "number" })}
          />
          <TextField id="periodStart" label={t("postings.field.periodStart")} errors={fields.periodStart.errors} {...required} {...inputProps(fields.periodStart, { type: "date" })} />
          <TextField id="periodEnd" label={t("postings.field.periodEnd")} errors={fields.periodEnd.errors} {...required} {...inputProps(fields.periodEnd, { type: "date" })} />
        </div>
        <ChoiceGroup
          field={fields.workStyle as FieldMetadata<unknown>}
          legend={t("postings.field.workStyle")}
          type="radio"
          options={WORK_STYLES.map((w) => ({ value: w, label: t(`postings.workStyle.${w}`) }))}
          {...required}
        />
        <TextField id="place" label={t("postings.field.place")} hint={t("postings.field.place.hint")} errors={fields.place.errors} maxLength={200} {...inputProps(fields.place, { type: "text" })} />
      </Section>

      <Section title={t("postings.field.eligibility")}>
        <SelectField id="maxGrade" label={t("postings.field.maxGrade")} hint={t("postings.field.maxGrade.hint")} errors={fields.maxGrade.errors} {...selectProps(fields.maxGrade)}>
          <option value="">{t("postings.field.maxGrade.none")}</option>
          {grades.map((grade) => (
            <option key={grade.code} value={grade.code}>
              {grade.code}
            </option>
          ))}
        </SelectField>
        <ChoiceGroup
          field={fields.employmentTypes as FieldMetadata<unknown>}
          legend={t("postings.field.employmentTypes")}
          type="checkbox"
          options={EMPLOYMENT_TYPES.map((e) => ({ value: e, label: t(`postings.employmentType.${e}`) }))}
          {...required}
        />
        <ChoiceGroup
          field={fields.selectionMethod as FieldMetadata<unknown>}
          legend={t("postings.field.selectionMethod")}
          type="radio"
          options={SELECTION_METHODS.map((s) => ({ value: s, label: t(`postings.selection.${s}`) }))}
          {...required}
        />
        <TextField id="contact" label={t("postings.field.contact")} hint={t("postings.field.contact.hint")} errors={fields.contact.errors} maxLength={200} {...required} {...inputProps(fields.contact, { type: "text" })} />
      </Section>

      <Section title={t("postings.field.window")}>
        <div className="grid gap-5 md:grid-cols-2">
          <TextField id="applyFrom" label={t("postings.field.applyFrom")} errors={fields.applyFrom.errors} {...required} {...inputProps(fields.applyFrom, { type: "date" })} />
          <TextField
            id="applyUntil"
            label={t("postings.field.applyUntil")}
            hint={t("postings.field.applyUntil.hint")}
            errors={fields.applyUntil.errors}
            {...required}
            {...inputProps(fields.applyUntil, { type: "date" })}
          />
        </div>
      </Section>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" name="intent" value="save" variant="secondary" disabled={busy}>
          {t("postings.action.saveDraft")}
        </Button>
        <Button type="submit" name="intent" value="submit" disabled={busy}>
          {t("postings.action.saveAndSubmit")}
        </Button>
      </div>
    </Form>
  );
}
