import { plainTextSelectors, render, toPlainText } from "@react-email/render";
import type { Locale } from "../app/i18n/locale";
import type { EmailTemplate } from "./define";
import { emailTemplates, type TemplateName, type TemplateProps } from "./registry";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

// react-email's plain-text rules (what render(el, { plainText: true }) uses: no images, no preview line, no
// word wrapping, since Japanese has no spaces to wrap at and a wrapped URL stops being a link), plus headings
// keeping their case: an all-caps English heading reads as shouting.
const textSelectors = [...plainTextSelectors, { selector: "h1", options: { uppercase: false } }];

export async function renderEmail<K extends TemplateName>(template: K, props: TemplateProps<K>, locale: Locale = "ja"): Promise<RenderedEmail> {
  const definition = emailTemplates[template] as EmailTemplate<TemplateProps<K>>;
  // React 18's stream renderer can leave NUL bytes at its 2 KB chunk boundaries when a multi-byte character
  // (all of Japanese) straddles one (facebook/react#26228, fixed only in React 19); PostgreSQL refuses them in
  // text and some mail clients stop reading at the first one.
  const html = (await render(definition.body(props, locale))).replaceAll("\0", "");
  // The text part comes from the rendered HTML rather than a second React render, so the two never disagree.
  const text = toPlainText(html, { selectors: textSelectors }).trim();
  return { subject: definition.subject(props, locale), html, text };
}
