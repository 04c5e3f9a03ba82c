import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogKeys } from "~/i18n/catalog.server";
import type { Catalog } from "~/i18n/locale";
import { APP_DIR, clientGraph, graphPackages, KEY_SHAPE, moduleGraph, parseModule } from "../helpers/client-graph";

// What each page's browser bundle holds, checked statically per route (its modules plus root's, which every page
// loads; see test/helpers/client-graph.ts for the model).
// - Copy: the server knows every area's copy; a page's bundle registers only the messages modules its modules import
//   (app/i18n/registry.ts). A key the server rendered but the browser lacks would show as the raw key after
//   hydration, so each key a route's modules can use must be defined in a messages module its bundle reaches.
// - Weight: packages that only the server needs stay out.

const ROOT_ENTRIES = [path.join(APP_DIR, "root.tsx"), path.join(APP_DIR, "entry.client.tsx")];
const ROUTES = readdirSync(path.join(APP_DIR, "routes")).filter((f) => /\.tsx?$/.test(f));

function appFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? appFiles(full) : /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Messages modules (they call registerMessages) and the keys each defines, read from their exported catalogues. */
async function messagesModules(): Promise<Map<string, Set<string>>> {
  const modules = new Map<string, Set<string>>();
  for (const file of appFiles(APP_DIR)) {
    if (file.endsWith(path.join("i18n", "registry.ts")) || !readFileSync(file, "utf8").includes("registerMessages(")) continue;
    const exported = Object.values(await import(file)) as Array<Partial<Catalog>>;
    const catalogs = exported.filter((value): value is Catalog => typeof value?.ja === "object" && typeof value?.en === "object");
    modules.set(file, new Set(catalogs.flatMap((c) => [...Object.keys(c.ja), ...Object.keys(c.en)])));
  }
  return modules;
}

const modules = await messagesModules();
const allKeys = [...modules.values()].flatMap((keys) => [...keys]);
const knownKeys = new Set(allKeys);

/**
 * Keys a module can hand to the translator: key literals and every key a key template can build. In a module the
 * browser runs, all of them; in one only the server runs, those outside `t(…)` (they may travel as data).
 */
function keysUsedBy(file: string, inBrowser: boolean): { used: string[]; unknown: string[] } {
  const parsed = parseModule(file);
  const literals = inBrowser ? parsed.literals : parsed.bareLiterals;
  const templates = inBrowser ? parsed.keyTemplates : parsed.bareKeyTemplates;
  const used = literals.filter((literal) => knownKeys.has(literal));
  for (const pattern of templates) used.push(...allKeys.filter((key) => pattern.test(key)));
  const unknown = [
    ...parsed.tLiterals.filter((literal) => KEY_SHAPE.test(literal) && !knownKeys.has(literal)),
    ...parsed.tTemplates.filter((pattern) => !allKeys.some((key) => pattern.test(key))).map(String),
  ];
  return { used, unknown };
}

describe("translation keys in browser bundles", () => {
  it("finds the messages modules, and the server registers every one of them", () => {
    expect(modules.size).toBeGreaterThan(10);
    expect(new Set([...catalogKeys("ja"), ...catalogKeys("en")])).toEqual(knownKeys);
  });

  it("defines each key once, so a page's text does not depend on which other areas it loads", () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [file, keys] of modules) {
      for (const key of keys) {
        if (seen.has(key)) twice.push(`${key} (${path.relative(APP_DIR, seen.get(key)!)}, ${path.relative(APP_DIR, file)})`);
        seen.set(key, file);
      }
    }
    expect(twice).toEqual([]);
  });

  it.each(ROUTES)("routes/%s: every key it can use is in its bundle", (route) => {
    const routeFile = path.join(APP_DIR, "routes", route);
    const bundle = clientGraph([...ROOT_ENTRIES, routeFile]);
    const available = new Set(bundle.flatMap((file) => [...(modules.get(file) ?? [])]));
    // Keys also reach the page as loader or action data (a notice key, a label key), so the modules only the route's
    // server side runs count as sources too; messages modules themselves do not.
    const serverOnly = moduleGraph([routeFile]).filter((file) => file.startsWith(APP_DIR) && !bundle.includes(file));
    const missing = new Set<string>();
    const unknown = new Set<string>();
    for (const file of [...bundle, ...serverOnly]) {
      if (modules.has(file)) continue;
      const found = keysUsedBy(file, bundle.includes(file));
      for (const key of found.used) if (!available.has(key)) missing.add(`${key} (${path.relative(APP_DIR, file)})`);
      for (const key of found.unknown) unknown.add(`${key} (${path.relative(APP_DIR, file)})`);
    }
    expect([...missing], "keys whose messages module the page's bundle does not import").toEqual([]);
    expect([...unknown], "keys defined in no messages module").toEqual([]);
  });
});

describe("heavy packages stay out of browser bundles", () => {
  it("the national holiday table is server-only (routes reach its rules through app/calendar.server.ts)", () => {
    const reaching = ROUTES.filter((route) => graphPackages(clientGraph([...ROOT_ENTRIES, path.join(APP_DIR, "routes", route)])).has("@holiday-jp/holiday_jp"));
    expect(reaching, "routes whose browser bundle would carry the holiday table").toEqual([]);
  });

  it("the shell every page loads carries no zod (forms bring it in their own chunks)", () => {
    expect(graphPackages(clientGraph(ROOT_ENTRIES)).has("zod")).toBe(false);
  });
});
