import { useRouteLoaderData } from "@remix-run/react";
// The shell's copy (menus, errors, shared words) is on every page, so it comes with the translator.
import "./common.messages";
import type { Locale } from "./locale";
import { registeredMessages } from "./registry";

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** Looks the key up in the locale, falls back to Japanese, then to the key itself. */
export function translator(locale: Locale): Translate {
  const primary = registeredMessages(locale);
  const fallback = registeredMessages("ja");
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
