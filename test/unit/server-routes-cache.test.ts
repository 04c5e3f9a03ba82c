import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { memoiseServerRoutes } from "~/rendering/server-routes-cache.server";

const require = createRequire(import.meta.url);
type Route = { id: string; path?: string; index?: boolean; children?: Route[]; Component?: unknown };
type Tree = Route[];
const routesModule = () => require("@remix-run/react/dist/routes.js") as { createServerRoutes: (...args: unknown[]) => Tree };

const manifest = {
  root: { id: "root", path: "", hasLoader: true },
  "routes/_index": { id: "routes/_index", parentId: "root", index: true, hasLoader: true },
  "routes/postings": { id: "routes/postings", parentId: "root", path: "postings", hasLoader: true },
};
const modules = () => ({
  root: { default: () => null },
  "routes/_index": { default: () => null },
  "routes/postings": { default: () => null },
});

describe("the route tree RemixServer renders from", () => {
  it("is built once per build and reused for every page", () => {
    const original = routesModule().createServerRoutes;
    expect(memoiseServerRoutes()).toBe(true);
    const createServerRoutes = routesModule().createServerRoutes;
    expect(createServerRoutes).not.toBe(original);
    expect(memoiseServerRoutes()).toBe(true); // a second call keeps the one wrapper

    const routeModules = modules();
    const future = {};
    const first = createServerRoutes(manifest, routeModules, future, false);
    // Remix hands over a fresh object holding the same modules on every request.
    const second = createServerRoutes(manifest, { ...routeModules }, future, false);
    expect(second).toBe(first);
    // The same tree the unwrapped function builds.
    const plain = original(manifest, routeModules, future, false);
    const shape = (tree: Tree): unknown => tree.map((r) => ({ id: r.id, path: r.path, index: r.index, Component: r.Component, children: r.children && shape(r.children) }));
    expect(shape(first)).toEqual(shape(plain));
    expect(first[0].children?.map((r) => r.id)).toEqual(["routes/_index", "routes/postings"]);
  });

  it("is rebuilt when a route module changes (a development rebuild) or in SPA mode", () => {
    memoiseServerRoutes();
    const createServerRoutes = routesModule().createServerRoutes;
    const routeModules = modules();
    const future = {};
    const first = createServerRoutes(manifest, routeModules, future, false);
    const rebuilt = { ...routeModules, "routes/postings": { default: () => null } };
    const afterRebuild = createServerRoutes(manifest, rebuilt, future, false);
    expect(afterRebuild).not.toBe(first);
    expect(afterRebuild[0].children?.[1].Component).toBe(rebuilt["routes/postings"].default);
    expect(createServerRoutes(manifest, rebuilt, future, true)).not.toBe(afterRebuild);
  });
});
