import { Link } from "@remix-run/react";
import { useT } from "../i18n/i18n";

export function ErrorPage({ status }: { status: number }) {
  const t = useT();
  const kind = status === 403 ? "403" : status === 404 ? "404" : "500";
  return (
    <div className="mx-auto max-w-xl py-12 text-center">
      <p className="text-sm font-semibold text-slate-600">{status}</p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">{t(`error.${kind}.title`)}</h1>
      <p className="mt-3 text-slate-700">{t(`error.${kind}.body`)}</p>
      <Link to="/" className="mt-6 inline-block rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
        {t("error.backHome")}
      </Link>
    </div>
  );
}
