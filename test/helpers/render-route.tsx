import type { LoaderFunctionArgs } from "@remix-run/node";
import { UNSAFE_RemixContext } from "@remix-run/react";
import type { ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Outlet, type RouteObject } from "react-router-dom";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import type { Locale } from "~/i18n/locale";
import { request as makeRequest } from "./factories";

// Server-renders one route's component the way the page is rendered: its real loader (through a static data
// router, which unwraps the loader's json Response as Remix does) under a root that only provides the locale.
// For asserting on markup — how many forms a page carries, which row is marked — without a browser or a build.

// What Remix's <Link> reads from its context (no prefetching, no route discovery).
const remixContext = { future: {}, manifest: { routes: {}, entry: { imports: [], module: "" }, url: "", version: "" }, routeModules: {}, isSpaMode: false } as never;

export interface RenderedRoute {
  status: number;
  html: string;
  /** How many times `needle` occurs in the markup. */
  count(needle: string | RegExp): number;
}

export async function renderRoute(input: {
  /** The route pattern, e.g. "/admin/contest/rounds/:id/ranking". */
  path: string;
  url: string;
  Component: ComponentType;
  loader: (args: LoaderFunctionArgs) => unknown;
  cookie?: string;
  locale?: Locale;
}): Promise<RenderedRoute> {
  const locale = input.locale ?? "ja";
  const routes: RouteObject[] = [
    {
      id: "root",
      path: "/",
      loader: () => ({ locale }),
      element: <Outlet />,
      children: [{ id: "page", path: input.path.replace(/^\//, ""), loader: (args) => input.loader({ ...args, context: {} } as LoaderFunctionArgs) as Promise<unknown>, element: <input.Component /> }],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(makeRequest(input.url, { cookie: input.cookie }));
  if (context instanceof Response) return { status: context.status, html: "", count: () => 0 };
  const errors = context.errors ? Object.values(context.errors) : [];
  if (errors.length > 0) {
    const error = errors[0] as { status?: number } | Error;
    if (error instanceof Error) throw error;
    return { status: error.status ?? 500, html: "", count: () => 0 };
  }
  const router = createStaticRouter(handler.dataRoutes, context);
  const html = renderToStaticMarkup(
    <UNSAFE_RemixContext.Provider value={remixContext}>
      <StaticRouterProvider router={router} context={context} hydrate={false} />
    </UNSAFE_RemixContext.Provider>,
  );
  return {
    status: context.statusCode,
    html,
    count: (needle) => (typeof needle === "string" ? html.split(needle).length - 1 : (html.match(new RegExp(needle.source, needle.flags.includes("g") ? needle.flags : `${needle.flags}g`)) ?? []).length),
  };
}
