import { convert, type SelectorDefinition } from "html-to-text";
import { renderToStaticMarkup } from "react-dom/server";
import type { Locale } from "../app/i18n/locale";
import type { EmailTemplate } from "./define";
import { emailTemplates, type TemplateName, type TemplateProps } from "./registry";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

// What mail clients expect at the top of an HTML email (react-email's own renderer writes the same).
const DOCTYPE = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

// The plain-text rules: no images and no preview line (react-email marks it data-skip-in-text), a link's address
// only when it differs from its text, no word wrapping (Japanese has no spaces to wrap at, and a wrapped URL stops
// being a link), and headings keep their case (an all-caps English heading reads as shouting).
const textSelectors: SelectorDefinition[] = [
  { selector: "img", format: "skip" },
  { selector: "[data-skip-in-text=true]", format: "skip" },
  { selector: "a", options: { linkBrackets: false, hideLinkHrefIfSameAsText: true } },
  { selector: "h1", options: { uppercase: false } },
];

/**
 * Renders a template to its subject, HTML and text parts. One synchronous static render, not
 * @react-email/render: that package loads prettier and the whole component library into every web process
 * (about 30 MB each) for options we do not use, and its stream renderer can leave NUL bytes next to multi-byte
 * text in React 18 (facebook/react#26228). No template suspends, so there is nothing to wait for.
 */
export async function renderEmail<K extends TemplateName>(template: K, props: TemplateProps<K>, locale: Locale = "ja"): Promise<RenderedEmail> {
  const definition = emailTemplates[template] as EmailTemplate<TemplateProps<K>>;
  const html = `${DOCTYPE}${renderToStaticMarkup(definition.body(props, locale))}`;
  // The text part comes from the rendered HTML rather than a second React render, so the two never disagree.
  const text = convert(html, { selectors: textSelectors, wordwrap: false }).trim();
  return { subject: definition.subject(props, locale), html, text };
}
