import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "./http/json.server";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useLoaderData, useRouteError, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { getUser } from "./auth/session.server";
import { env } from "./env.server";
// The server renders every page, so it registers every area's copy (pages' browser bundles carry only their own).
import "./i18n/catalog.server";
import { resolveLocale } from "./i18n/locale.server";
import type { Locale } from "./i18n/locale";
import { AppShell } from "./ui/AppShell";
import { ErrorPage } from "./ui/ErrorPage";
import { navigationFor } from "./ui/navigation";
import stylesheet from "./tailwind.css";

// The icon inline: without one every browser asks for /favicon.ico, gets a 404 and logs it as a console error.
const ICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1e3a6e"/><path d="M9 17l5 5 9-11" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/></svg>')}`;

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: ICON, type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "職員チャレンジポータル" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = await resolveLocale(request, user);
  const { demoMode } = env();
  return json({
    locale,
    demoMode,
    user: user ? { id: user.id, name: user.name, employeeNo: user.employeeNo, departmentName: user.departmentName, roles: user.roles } : null,
    nav: user ? navigationFor(user.roles.map((r) => r.role), demoMode) : [],
  });
}

type RootData = Awaited<ReturnType<typeof loader>> extends infer R ? (R extends { json(): Promise<infer D> } ? D : never) : never;

function Document({ locale, children }: { locale: Locale; children: ReactNode }) {
  return (
    <html lang={locale} className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="h-full font-sans text-slate-900 antialiased">
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  const data = useLoaderData<typeof loader>();
  return (
    <Document locale={data.locale}>
      <AppShell user={data.user} nav={data.nav} locale={data.locale}>
        <Outlet />
      </AppShell>
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData("root") as RootData | undefined;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <Document locale={data?.locale ?? "ja"}>
      <AppShell user={data?.user ?? null} nav={data?.nav ?? []} locale={data?.locale ?? "ja"}>
        <ErrorPage status={status} />
      </AppShell>
    </Document>
  );
}
