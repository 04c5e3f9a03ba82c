import type { EmailTemplate } from "./define";
import passwordReset from "./password-reset";
import { postingEmails } from "./postings/index";
import { applicationEmails } from "./applications/index";
import { contestEmails } from "./contest/index";
import { consultationEmails } from "./consultations/index";

// Every email the portal sends. Adding one: a file next to this one exporting `defineEmail(...)`, and a line here.
export const emailTemplates = {
  "password-reset": passwordReset,
  ...postingEmails,
  ...applicationEmails,
  ...contestEmails,
  ...consultationEmails,
} as const;

export type TemplateName = keyof typeof emailTemplates;
export type TemplateProps<K extends TemplateName> = (typeof emailTemplates)[K] extends EmailTemplate<infer P> ? P : never;

export function isTemplateName(value: string): value is TemplateName {
  return Object.hasOwn(emailTemplates, value);
}
