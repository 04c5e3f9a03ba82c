import { useRouteLoaderData } from "@remix-run/react";
import { allMessages } from "./catalog";
import type { Locale } from "./locale";

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

const cache = new Map<Locale, Record<string, string>>();
function messagesFor(locale: Locale) {
  let messages = cache.get(locale);
  if (!messages) {
    messages = allMessages(locale);
    cache.set(locale, messages);
  }
  return messages;
}

/** Looks the key up in the locale, falls back to Japanese, then to the key itself. */
export function translator(locale: Locale): Translate {
  const primary = messagesFor(locale);
  const fallback = messagesFor("ja");
  return (key, vars) => {
    const template = primary[key] ?? fallback[key] ?? key;
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in vars ? String(vars[name]) : `{${name}}`));
  };
}

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return data?.locale ?? "ja";
}

export function useT(): Translate {
  return translator(useLocale());
}
