import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// patches/ (applied by `npm install`, docs/decisions/010-route-matching-computed-once.md): the server's route table is
// flattened and ranked once, and the static router's data routes converted once, instead of on every page.
const require = createRequire(import.meta.url);
type Route = { id: string; path?: string; index?: boolean; children?: Route[] };
type Match = { route: { id: string }; params: Record<string, string | undefined>; pathname: string };
const router = require("@remix-run/router") as {
  matchRoutes(routes: Route[], location: string, basename?: string): Match[] | null;
  matchPath(pattern: { path: string; caseSensitive?: boolean; end?: boolean }, pathname: string): { params: Record<string, string> } | null;
};
const { createStaticRouter } = require("react-router-dom/server") as {
  createStaticRouter(routes: Route[], context: object): { routes: Route[]; state: { matches: { route: Route }[] } };
};

const table = (): Route[] => [
  {
    id: "root",
    path: "",
    children: [
      { id: "index", index: true },
      { id: "postings", path: "postings" },
      { id: "posting", path: "postings/:postingId" },
      { id: "manage", path: "manage/applicants/:postingId" },
      { id: "catch-all", path: "*" },
    ],
  },
];

const ids = (matches: Match[] | null) => matches?.map((m) => m.route.id);

describe("route matching on the server (patched @remix-run/router)", () => {
  it("matches as before: ranking, parameters, index routes, splats, decoding and the basename", () => {
    const routes = table();
    expect(ids(router.matchRoutes(routes, "/"))).toEqual(["root", "index"]);
    expect(ids(router.matchRoutes(routes, "/postings"))).toEqual(["root", "postings"]);
    const posting = router.matchRoutes(routes, "/postings/21");
    expect(ids(posting)).toEqual(["root", "posting"]);
    expect(posting?.[1].params).toEqual({ postingId: "21" });
    expect(router.matchRoutes(routes, "/manage/applicants/%E5%9F%BA")?.[1].params).toEqual({ postingId: "基" });
    expect(router.matchRoutes(routes, "/nowhere/at/all")?.[1].params).toEqual({ "*": "nowhere/at/all" });
    expect(ids(router.matchRoutes(routes, "/app/postings", "/app"))).toEqual(["root", "postings"]);
    expect(router.matchRoutes(routes, "/postings", "/app")).toBeNull();
  });

  it("flattens and ranks a routes array once: a route added to it later is not seen (a running server's table never changes)", () => {
    const routes = table();
    expect(ids(router.matchRoutes(routes, "/postings/new"))).toEqual(["root", "posting"]);
    routes[0].children!.push({ id: "new-posting", path: "postings/new" });
    expect(ids(router.matchRoutes(routes, "/postings/new"))).toEqual(["root", "posting"]);
    // A new table (a development rebuild) is flattened afresh, ranking the static segment first.
    expect(ids(router.matchRoutes([{ ...routes[0], children: [...routes[0].children!] }], "/postings/new"))).toEqual(["root", "new-posting"]);
  });

  it("compiled patterns keep case sensitivity and end apart", () => {
    expect(router.matchPath({ path: "/Postings", caseSensitive: true }, "/postings")).toBeNull();
    expect(router.matchPath({ path: "/Postings" }, "/postings")).not.toBeNull();
    expect(router.matchPath({ path: "/postings", end: true }, "/postings/21")).toBeNull();
    expect(router.matchPath({ path: "/postings", end: false }, "/postings/21")).not.toBeNull();
    expect(router.matchPath({ path: "/postings/:id" }, "/postings/21")?.params).toEqual({ id: "21" });
  });
});

describe("the static router RemixServer renders with (patched react-router-dom/server)", () => {
  it("converts a routes array to data routes once, and matches still point into them", () => {
    const routes = table();
    const context = (pathname: string) => ({
      basename: "/",
      location: { pathname, search: "", hash: "", state: null, key: "default" },
      matches: (router.matchRoutes(routes, pathname) ?? []).map((m) => ({ ...m, route: { id: m.route.id } })),
      loaderData: {},
      actionData: null,
      errors: null,
    });
    const first = createStaticRouter(routes, context("/postings/21"));
    const second = createStaticRouter(routes, context("/postings"));
    expect(second.routes).toBe(first.routes);
    expect(second.state.matches.map((m) => m.route.id)).toEqual(["root", "postings"]);
    expect(second.state.matches[1].route).toBe(first.routes[0].children![1]);
    expect(createStaticRouter(table(), context("/")).routes).not.toBe(first.routes);
  });
});
