import { createRequire } from "node:module";

// <RemixServer> (app/entry.server.tsx) rebuilds the whole route tree — every route of the app with its component,
// error boundary and fallback — for every page it renders, from the build's manifest and route modules, which never
// change while the process runs. Under `npm run bench` that was 4 % of a page's CPU time, and because the tree lives
// through the whole render it survived young-generation collections: about a fifth of everything the web process
// promoted to the old generation on the contest ranking. The tree depends only on its inputs and nothing changes it
// after it is built (the static router copies it), so it is built once per build and reused.
//
// RemixServer reaches createServerRoutes through the exports object of @remix-run/react's dist/routes.js, so
// replacing that property is enough. If a Remix upgrade moves it, `memoiseServerRoutes` returns false and pages are
// rendered exactly as before (test/unit/server-routes-cache.test.ts fails, to say so).

type CreateServerRoutes = (manifest: object, routeModules: Record<string, unknown>, future: unknown, isSpaMode: boolean, ...rest: unknown[]) => unknown[];
interface RoutesModule {
  createServerRoutes?: CreateServerRoutes & { memoised?: true };
}

const ROUTES_MODULE = "@remix-run/react/dist/routes.js";

function sameModules(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(b);
  if (keys.length !== Object.keys(a).length) return false;
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}

export function memoiseServerRoutes(require: NodeRequire = createRequire(import.meta.url)): boolean {
  let routes: RoutesModule;
  try {
    routes = require(ROUTES_MODULE) as RoutesModule;
  } catch {
    return false;
  }
  const original = routes.createServerRoutes;
  if (typeof original !== "function") return false;
  if (original.memoised) return true;
  // Keyed by the manifest object; the route modules are compared one by one because Remix passes a fresh object
  // holding the same modules on every request (a development rebuild brings new modules, and so a new tree).
  const cache = new WeakMap<object, { routeModules: Record<string, unknown>; future: unknown; isSpaMode: boolean; tree: unknown[] }>();
  const memoised: CreateServerRoutes = (manifest, routeModules, future, isSpaMode, ...rest) => {
    // Only the top-level call RemixServer makes; the recursive ones (with a parent id) are internal.
    if (rest.length > 0) return original(manifest, routeModules, future, isSpaMode, ...rest);
    const hit = cache.get(manifest);
    if (hit && hit.future === future && hit.isSpaMode === isSpaMode && sameModules(hit.routeModules, routeModules)) return hit.tree;
    const tree = original(manifest, routeModules, future, isSpaMode);
    cache.set(manifest, { routeModules: { ...routeModules }, future, isSpaMode, tree });
    return tree;
  };
  routes.createServerRoutes = Object.assign(memoised, { memoised: true as const });
  return true;
}
