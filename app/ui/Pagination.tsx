import { Link, useLocation } from "@remix-run/react";
import { useT } from "../i18n/i18n";

export function Pagination({ page, pages }: { page: number; pages: number }) {
  const t = useT();
  const location = useLocation();
  if (pages <= 1) return null;
  const hrefFor = (target: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(target));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav aria-label={t("common.pagination")} className="mt-4 flex items-center justify-between text-sm">
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} className="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50">
          {t("common.previous")}
        </Link>
      ) : (
        <span />
      )}
      <span aria-current="page">{t("common.page", { page, pages })}</span>
      {page < pages ? (
        <Link to={hrefFor(page + 1)} className="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50">
          {t("common.next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
