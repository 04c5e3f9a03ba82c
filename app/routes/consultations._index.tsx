import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "../http/json.server";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "../auth/permissions.server";
import { listMyBookings } from "../consultations/booking-queries.server";
import { MAX_FUTURE_BOOKINGS } from "../consultations/booking-limits";
import { BookingStatusBadge, formatSession, LockIcon, ModeTag } from "../consultations/BookingParts";
import { getDb } from "../db.server";
import { useLocale, useT, type Translate } from "../i18n/i18n";
import type { Locale } from "../i18n/locale";
import { Card, DataTable, Notice, PageHeader, td, th } from "../ui/Page";
import "../consultations/booking.messages";

export const meta: MetaFunction = () => [{ title: "キャリア相談 | 職員チャレンジポータル" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = new Date();
  const { upcoming, history } = await listMyBookings(getDb(), user.id, now);
  const future = upcoming.filter((b) => b.startsAt.getTime() > now.getTime()).length;
  return json({ upcoming, history, limitReached: future >= MAX_FUTURE_BOOKINGS });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["upcoming"][number];

function BookingTable({ rows, caption, t, locale }: { rows: Row[]; caption: string; t: Translate; locale: Locale }) {
  return (
    <DataTable caption={caption}>
      <thead>
        <tr>
          <th scope="col" className={th}>{t("booking.col.when")}</th>
          <th scope="col" className={th}>{t("booking.col.counselor")}</th>
          <th scope="col" className={th}>{t("booking.col.mode")}</th>
          <th scope="col" className={th}>{t("booking.col.status")}</th>
          <th scope="col" className={th}>
            <span className="sr-only">{t("common.actions")}</span>
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((b) => {
          const when = formatSession(b.startsAt, b.endsAt, locale);
          return (
            <tr key={b.id} data-testid="booking-row" data-booking-id={b.id}>
              <td className={`${td} whitespace-nowrap font-medium`}>{when}</td>
              <td className={td}>{b.counselorName}</td>
              <td className={td}>
                <ModeTag mode={b.mode} t={t} />
              </td>
              <td className={td}>
                <BookingStatusBadge status={b.status} t={t} />
              </td>
              <td className={`${td} text-right`}>
                <Link to={`/consultations/${b.id}`} className="font-semibold text-brand-700 underline" aria-label={t("booking.openLabel", { when })}>
                  {t("booking.open")}
                </Link>
              </td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}

export default function ConsultationsIndex() {
  const { upcoming, history, limitReached } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader
        title={t("booking.title")}
        lead={t("booking.lead")}
        actions={
          limitReached ? null : (
            <Link to="/consultations/book" className="inline-flex items-center justify-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2" data-testid="book-button">
              {t("booking.new")}
            </Link>
          )
        }
      />
      {limitReached ? <Notice tone="warning">{t("booking.limit")}</Notice> : null}
      <div className="space-y-6">
        <Card title={t("booking.upcoming")}>
          {upcoming.length ? <BookingTable rows={upcoming} caption={t("booking.upcoming")} t={t} locale={locale} /> : <p className="text-sm text-slate-600">{t("booking.noUpcoming")}</p>}
          <p className="mt-3 text-xs text-slate-600">{t("booking.timezone")}</p>
        </Card>
        <Card title={t("booking.history")}>
          {history.length ? <BookingTable rows={history} caption={t("booking.history")} t={t} locale={locale} /> : <p className="text-sm text-slate-600">{t("booking.noHistory")}</p>}
        </Card>
        <section aria-labelledby="privacy" className="rounded-lg border border-slate-200 bg-white p-5 text-sm text-slate-800">
          <h2 id="privacy" className="mb-1 flex items-center gap-2 font-semibold text-slate-900">
            <LockIcon className="h-4 w-4 text-brand-700" />
            {t("booking.privacy.title")}
          </h2>
          <p>{t("booking.privacy.body")}</p>
        </section>
      </div>
    </div>
  );
}
