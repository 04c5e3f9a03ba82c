import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

// Form fields with the label, hint and error wired for assistive technology (aria-describedby / aria-invalid).

interface FieldFrame {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[] | null;
  required?: boolean;
  requiredLabel?: string;
}

function describedBy(id: string, hint?: ReactNode, errors?: string[] | null) {
  return [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

function Frame({ id, label, hint, errors, required, requiredLabel, children }: FieldFrame & { children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        {required ? <span className="ml-2 rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white">{requiredLabel ?? "必須"}</span> : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {children}
      {errors?.length ? (
        <ul id={`${id}-error`} className="space-y-0.5 text-sm font-medium text-red-700" role="alert">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

const control =
  "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600 aria-[invalid=true]:border-red-700";

export function TextField({ id, label, hint, errors, requiredLabel, ...input }: FieldFrame & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Frame id={id} label={label} hint={hint} errors={errors} required={input.required} requiredLabel={requiredLabel}>
      <input id={id} className={control} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(id, hint, errors)} {...input} />
    </Frame>
  );
}

export function TextAreaField({ id, label, hint, errors, requiredLabel, ...input }: FieldFrame & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Frame id={id} label={label} hint={hint} errors={errors} required={input.required} requiredLabel={requiredLabel}>
      <textarea id={id} className={control} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(id, hint, errors)} {...input} />
    </Frame>
  );
}

export function SelectField({ id, label, hint, errors, requiredLabel, children, ...input }: FieldFrame & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Frame id={id} label={label} hint={hint} errors={errors} required={input.required} requiredLabel={requiredLabel}>
      <select id={id} className={control} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(id, hint, errors)} {...input}>
        {children}
      </select>
    </Frame>
  );
}

export function FormError({ errors }: { errors?: string[] | null }) {
  if (!errors?.length) return null;
  return (
    <div role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-sm font-medium text-red-800">
      {errors.map((error) => (
        <p key={error}>{error}</p>
      ))}
    </div>
  );
}
