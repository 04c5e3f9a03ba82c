import type { Catalog, Locale } from "./locale";

// The copy this JavaScript context knows. Each area's messages module registers its catalogue when it is imported,
// so a page's browser bundle carries only the areas its modules import; the server imports them all
// (catalog.server.ts). test/unit/browser-bundles.test.ts checks that every key a page uses is in its bundle.
const registered: Record<Locale, Record<string, string>> = { ja: {}, en: {} };

export function registerMessages(catalog: Catalog): void {
  Object.assign(registered.ja, catalog.ja);
  Object.assign(registered.en, catalog.en);
}

/** A live view: areas registered later (a route's chunk loaded on navigation) appear in it. */
export function registeredMessages(locale: Locale): Readonly<Record<string, string>> {
  return registered[locale];
}
