import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { parseId } from "../applications/http.server";
import { notFound, requireRole } from "../auth/permissions.server";
import { EmptyState, ModeTag, SessionStatusBadge, SessionWhen } from "../consultations/CounselorParts";
import { counselorErrorMessage, isCounselorError, outcomeSchema } from "../consultations/counselor-schemas";
import { getCounselorProfile } from "../consultations/counselor.server";
import { listCounselorSchedule, markSessionOutcome, type ScheduleRow } from "../consultations/schedule.server";
import { clientIp } from "../context.server";
import { getDb } from "../db.server";
import { translator, useLocale, useT, type Translate } from "../i18n/i18n";
import type { Locale } from "../i18n/locale";
import { Button } from "../ui/Button";
import { FormError } from "../ui/Field";
import { DataTable, Notice, PageHeader, td, th } from "../ui/Page";
import { Pagination } from "../ui/Pagination";
import "../consultations/counselor.messages";

export const meta: MetaFunction = () => [{ title: "相談員の予定 | 職員チャレンジポータル" }];

// The counsellor's schedule: only their own sessions, never the confidential texts (those are on the session page,
// where every read is audit-logged).

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "counselor");
  const db = getDb();
  const url = new URL(request.url);
  const page = Number(url.searchParams.get("page")) || 1;
  const [profile, schedule] = await Promise.all([getCounselorProfile(db, user.id), listCounselorSchedule(db, user.id, { page })]);
  const done = url.searchParams.get("done");
  return json({
    profile: profile ? { displayName: profile.display_name, accepting: profile.accepting } : null,
    ...schedule,
    done: done === "completed" || done === "no_show" ? done : null,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "counselor");
  const t = translator(user.locale);
  const formData = await request.formData();
  const bookingId = parseId(String(formData.get("bookingId") ?? ""));
  const submission = parseWithZod(formData, { schema: outcomeSchema });
  if (submission.status !== "success") return json({ bookingId, error: t("counselor.error.state_changed") }, { status: 400 });
  try {
    await markSessionOutcome(getDb(), { bookingId, outcome: submission.value.intent }, { actorId: user.id, ip: clientIp(context) });
  } catch (error) {
    if (!isCounselorError(error)) throw error;
    if (error.code === "not_found") notFound();
    return json({ bookingId, error: counselorErrorMessage(t, error) }, { status: error.status });
  }
  return redirect(`/counselor?done=${submission.value.intent}`);
}

function Person({ row }: { row: Pick<ScheduleRow, "employee_name" | "unit_name"> }) {
  return (
    <>
      <span className="block font-medium">{row.employee_name}</span>
      <span className="block text-xs text-slate-600">{row.unit_name}</span>
    </>
  );
}

type Row = SerializeFrom<typeof loader>["upcoming"][number];

function SessionTable({ caption, rows, t, locale, actions }: { caption: string; rows: Row[]; t: Translate; locale: Locale; actions: (row: Row) => ReactNode }) {
  return (
    <DataTable caption={caption}>
      <thead>
        <tr>
          <th scope="col" className={th}>
            {t("counselor.col.when")}
          </th>
          <th scope="col" className={th}>
            {t("counselor.col.employee")}
          </th>
          <th scope="col" className={th}>
            {t("counselor.col.mode")}
          </th>
          <th scope="col" className={th}>
            {t("counselor.col.topic")}
          </th>
          <th scope="col" className={th}>
            {t("counselor.col.status")}
          </th>
          <th scope="col" className={th}>
            <span className="sr-only">{t("common.actions")}</span>
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={row.id} data-testid="session-row" data-booking-id={row.id}>
            <td className={td}>
              <SessionWhen startsAt={row.starts_at} endsAt={row.ends_at} locale={locale} />
            </td>
            <td className={td}>
              <Person row={row} />
            </td>
            <td className={td}>
              <ModeTag mode={row.mode} t={t} />
            </td>
            <td className={td}>{t(`counselor.topic.${row.topic}`)}</td>
            <td className={td}>
              <SessionStatusBadge status={row.status} t={t} />
              {row.status === "cancelled" ? <span className="mt-1 block text-xs text-slate-600">{t(row.cancelled_by_counselor ? "counselor.cancelledBy.counselor" : "counselor.cancelledBy.employee")}</span> : null}
            </td>
            <td className={`${td} whitespace-nowrap text-right`}>{actions(row)}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

export default function CounselorSchedule() {
  const { profile, upcoming, awaitingRecord, history, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const busy = navigation.state === "submitting";
  const detailLink = (row: Row) => (
    <Link to={`/counselor/sessions/${row.id}`} className="text-sm font-semibold text-brand-700 underline hover:text-brand-900">
      {t("counselor.schedule.open")}
      <span className="sr-only">（{row.employee_name}）</span>
    </Link>
  );

  return (
    <div className="mx-auto max-w-6xl space-y-8">
      <PageHeader
        title={t("counselor.schedule.title")}
        lead={t("counselor.schedule.lead")}
        actions={
          <Link to="/counselor/settings" className="inline-flex items-center rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold text-slate-900 shadow-sm hover:bg-slate-50">
            {t("counselor.schedule.toSettings")}
          </Link>
        }
      />
      {done ? <Notice tone="success">{t(`counselor.done.${done}`)}</Notice> : null}
      {actionData?.error ? <FormError errors={[actionData.error]} /> : null}
      {!profile ? (
        <Notice tone="warning">
          {t("counselor.schedule.noProfile")}{" "}
          <Link to="/counselor/settings" className="font-semibold underline">
            {t("counselor.schedule.toSettings")}
          </Link>
        </Notice>
      ) : !profile.accepting ? (
        <Notice tone="info">{t("counselor.schedule.notAccepting")}</Notice>
      ) : null}

      {awaitingRecord.length > 0 ? (
        <section aria-labelledby="awaiting-title" className="space-y-3">
          <h2 id="awaiting-title" className="text-lg font-semibold text-slate-900">
            {t("counselor.schedule.awaiting", { count: awaitingRecord.length })}
          </h2>
          <p className="text-sm text-slate-700">{t("counselor.schedule.awaitingLead")}</p>
          <SessionTable
            caption={t("counselor.schedule.awaiting", { count: awaitingRecord.length })}
            rows={awaitingRecord}
            t={t}
            locale={locale}
            actions={(row) => (
              <div className="flex items-center justify-end gap-2">
                <Form method="post" className="inline">
                  <input type="hidden" name="bookingId" value={row.id} />
                  <Button type="submit" name="intent" value="completed" disabled={busy} className="px-3 py-1.5">
                    {t("counselor.outcome.completed")}
                  </Button>
                </Form>
                <Form method="post" className="inline">
                  <input type="hidden" name="bookingId" value={row.id} />
                  <Button type="submit" name="intent" value="no_show" variant="secondary" disabled={busy} className="px-3 py-1.5">
                    {t("counselor.outcome.no_show")}
                  </Button>
                </Form>
                {detailLink(row)}
              </div>
            )}
          />
        </section>
      ) : null}

      <section aria-labelledby="upcoming-title" className="space-y-3">
        <h2 id="upcoming-title" className="text-lg font-semibold text-slate-900">
          {t("counselor.schedule.upcoming", { count: upcoming.length })}
        </h2>
        {upcoming.length === 0 ? (
          <EmptyState>{t("counselor.schedule.upcomingEmpty")}</EmptyState>
        ) : (
          <SessionTable caption={t("counselor.schedule.upcoming", { count: upcoming.length })} rows={upcoming} t={t} locale={locale} actions={detailLink} />
        )}
      </section>

      <section aria-labelledby="history-title" className="space-y-3">
        <h2 id="history-title" className="text-lg font-semibold text-slate-900">
          {t("counselor.schedule.history", { count: history.total })}
        </h2>
        {history.rows.length === 0 ? (
          <EmptyState>{t("counselor.schedule.historyEmpty")}</EmptyState>
        ) : (
          <>
            <SessionTable caption={t("counselor.schedule.history", { count: history.total })} rows={history.rows} t={t} locale={locale} actions={detailLink} />
            <Pagination page={history.page} pages={history.pages} />
          </>
        )}
      </section>
    </div>
  );
}
