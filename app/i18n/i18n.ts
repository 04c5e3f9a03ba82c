import { useRouteLoaderData } from "@remix-run/react";
// The shell's copy (menus, errors, shared words) is on every page, so it comes with the translator.
import "./common.messages";
import type { Locale } from "./locale";
import { registeredMessages } from "./registry";

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

// A template split once at its placeholders: text, name, text, name, …, text. A page fills a few hundred templates
// with values; a regular-expression replace with a callback per call was a tenth of the contest ranking's render.
// The catalogue is finite; the bound is for keys that are not in it (the key itself is then the template).
const splitTemplates = new Map<string, string[]>();

function splitTemplate(template: string): string[] {
  let parts = splitTemplates.get(template);
  if (parts === undefined) {
    if (splitTemplates.size >= 5000) splitTemplates.clear();
    parts = template.split(/\{(\w+)\}/);
    splitTemplates.set(template, parts);
  }
  return parts;
}

/** Looks the key up in the locale, falls back to Japanese, then to the key itself. */
export function translator(locale: Locale): Translate {
  const primary = registeredMessages(locale);
  const fallback = registeredMessages("ja");
  return (key, vars) => {
    const template = primary[key] ?? fallback[key] ?? key;
    if (!vars) return template;
    const parts = splitTemplate(template);
    let text = parts[0];
    for (let i = 1; i < parts.length; i += 2) {
      const name = parts[i];
      text += (name in vars ? String(vars[name]) : `{${name}}`) + parts[i + 1];
    }
    return text;
  };
}

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return data?.locale ?? "ja";
}

export function useT(): Translate {
  return translator(useLocale());
}
