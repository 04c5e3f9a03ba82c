import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "../i18n/i18n";
import type { Locale } from "../i18n/locale";
import type { NavItem } from "./navigation";

export interface ShellUser {
  name: string;
  employeeNo: string;
  departmentName: string;
}

export function AppShell({ user, nav, locale, children }: { user: ShellUser | null; nav: NavItem[]; locale: Locale; children: ReactNode }) {
  const t = useT();
  const location = useLocation();
  return (
    <div className="flex min-h-screen flex-col bg-slate-50">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2 focus:text-brand-800 focus:ring-2 focus:ring-brand-600">
        {t("app.skip")}
      </a>
      <header className="bg-brand-900 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link to="/" className="text-lg font-bold tracking-wide focus:outline-none focus-visible:ring-2 focus-visible:ring-white">
            {t("app.name")}
          </Link>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <Form method="post" action="/locale" className="flex items-center gap-1">
              <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
              <label htmlFor="locale-switch" className="sr-only">
                {t("locale.switch")}
              </label>
              <select id="locale-switch" name="locale" defaultValue={locale} className="rounded border border-white/40 bg-brand-800 px-2 py-1 text-white">
                <option value="ja">{t("locale.ja")}</option>
                <option value="en">{t("locale.en")}</option>
              </select>
              <button type="submit" className="rounded border border-white/60 px-2 py-1 hover:bg-brand-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-white">
                {t("locale.apply")}
              </button>
            </Form>
            {user ? (
              <details className="relative">
                <summary className="cursor-pointer list-none rounded px-2 py-1 hover:bg-brand-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-white" aria-label={t("user.menu")}>
                  <span data-testid="user-name">{user.name}</span>
                  <span className="ml-2 text-white/80">{user.departmentName}</span> ▾
                </summary>
                <div className="absolute right-0 z-10 mt-1 w-56 rounded-md border border-slate-200 bg-white p-1 text-slate-900 shadow-lg">
                  <Link to="/account/password" className="block rounded px-3 py-2 hover:bg-slate-100">
                    {t("user.changePassword")}
                  </Link>
                  <Form method="post" action="/logout">
                    <button type="submit" className="block w-full rounded px-3 py-2 text-left hover:bg-slate-100">
                      {t("user.signOut")}
                    </button>
                  </Form>
                </div>
              </details>
            ) : null}
          </div>
        </div>
        {user && nav.length > 0 ? (
          <nav aria-label={t("nav.label")} className="bg-brand-800">
            <ul className="mx-auto flex max-w-6xl flex-wrap gap-1 px-4">
              {nav.map((item) => (
                <li key={item.to}>
                  <NavLink
                    to={item.to}
                    end={item.to === "/"}
                    className={({ isActive }) =>
                      `block px-3 py-2 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-white ${isActive ? "bg-white font-semibold text-brand-900" : "text-white hover:bg-brand-700"}`
                    }
                  >
                    {t(item.labelKey)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 focus:outline-none">
        {children}
      </main>
      <footer className="border-t border-slate-200 bg-white py-4 text-center text-xs text-slate-600">{t("app.name")}</footer>
    </div>
  );
}
