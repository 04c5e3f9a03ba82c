import { getInputProps, getTextareaProps, getSelectProps, type FieldMetadata } from "@conform-to/react";

// conform's helpers return `key` and their own aria wiring; our Field components wire aria themselves and a
// spread `key` upsets React, so strip both.
function strip<T extends Record<string, unknown>>(props: T) {
  const { key: _key, "aria-invalid": _invalid, "aria-describedby": _described, id: _id, ...rest } = props;
  return rest;
}

export function inputProps<Schema>(field: FieldMetadata<Schema>, options: Parameters<typeof getInputProps>[1]) {
  return strip(getInputProps(field, options) as Record<string, unknown>) as Omit<ReturnType<typeof getInputProps>, "key" | "id" | "aria-invalid" | "aria-describedby">;
}

export function textareaProps<Schema>(field: FieldMetadata<Schema>) {
  return strip(getTextareaProps(field) as Record<string, unknown>) as Omit<ReturnType<typeof getTextareaProps>, "key" | "id" | "aria-invalid" | "aria-describedby">;
}

export function selectProps<Schema>(field: FieldMetadata<Schema>) {
  return strip(getSelectProps(field) as Record<string, unknown>) as Omit<ReturnType<typeof getSelectProps>, "key" | "id" | "aria-invalid" | "aria-describedby">;
}
