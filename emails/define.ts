import type { ReactElement } from "react";
import type { Locale } from "../app/i18n/locale";

/**
 * One email: how to build its subject and body from typed props. Each template lives in its own file and is
 * listed once in `registry.ts`; the props type flows from here to `enqueueEmail`.
 */
export interface EmailTemplate<Props> {
  subject(props: Props, locale: Locale): string;
  body(props: Props, locale: Locale): ReactElement;
}

export function defineEmail<Props>(template: EmailTemplate<Props>): EmailTemplate<Props> {
  return template;
}

/** Every subject starts with the product name, so staff can filter the portal's mail in their client. */
export function productSubject(locale: Locale, text: string): string {
  return locale === "en" ? `[Staff Challenge Portal] ${text}` : `【職員チャレンジポータル】${text}`;
}
