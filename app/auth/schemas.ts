import { z } from "zod";
import type { Translate } from "../i18n/i18n";
import "./messages";

// One schema per form, shared by the page (conform) and the action. Messages come from the catalogue.
export const MIN_PASSWORD = 10;

export const signInSchema = (t: Translate) =>
  z.object({
    identifier: z.string({ required_error: t("auth.identifier.required") }).trim().min(1, t("auth.identifier.required")).max(200),
    password: z.string({ required_error: t("auth.password.required") }).min(1, t("auth.password.required")).max(200),
    redirectTo: z.string().optional(),
  });

export const forgotSchema = (t: Translate) =>
  z.object({ identifier: z.string({ required_error: t("auth.identifier.required") }).trim().min(1, t("auth.identifier.required")).max(200) });

const newPassword = (t: Translate) =>
  z
    .string({ required_error: t("auth.password.tooShort", { min: MIN_PASSWORD }) })
    .min(MIN_PASSWORD, t("auth.password.tooShort", { min: MIN_PASSWORD }))
    .max(128, t("auth.password.tooLong"));

export const resetSchema = (t: Translate) =>
  z
    .object({ password: newPassword(t), confirm: z.string({ required_error: t("auth.password.mismatch") }) })
    .refine((v) => v.password === v.confirm, { path: ["confirm"], message: t("auth.password.mismatch") });

export const changePasswordSchema = (t: Translate) =>
  z
    .object({
      current: z.string({ required_error: t("auth.password.required") }).min(1, t("auth.password.required")),
      password: newPassword(t),
      confirm: z.string({ required_error: t("auth.password.mismatch") }),
    })
    .refine((v) => v.password === v.confirm, { path: ["confirm"], message: t("auth.password.mismatch") });
